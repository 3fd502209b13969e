// Turns a file the editor picked or dropped into the contract's ImportedFile (name + base64).
import type { ImportedFile } from '../../../shared/contract'

export const STORY_FILE_TYPES = '.txt,.md,.markdown,.html,.htm,.docx'

export function readImportedFile(file: File): Promise<ImportedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onerror = () => reject(new Error(`Could not read ${file.name}.`))
    reader.onload = () => {
      const url = String(reader.result)
      resolve({ fileName: file.name, dataBase64: url.slice(url.indexOf(',') + 1) })
    }
    reader.readAsDataURL(file)
  })
}

/** The files in a drag, if it carries any (text or links being dragged do not count). */
export const draggedFiles = (event: DragEvent): boolean => Array.from(event.dataTransfer?.types ?? []).includes('Files')
