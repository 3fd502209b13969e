// What kind of file an import is, and the checks that cost nothing (type, emptiness, size), so the
// main process can refuse a file before a worker starts. No parser is loaded here.
import { AppError } from '../../shared/result'
import { caps, checkSize } from './limits'

export type Format = 'text' | 'markdown' | 'html' | 'docx'
const FORMATS: Record<string, Format> = {
  txt: 'text',
  text: 'text',
  md: 'markdown',
  markdown: 'markdown',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  docx: 'docx'
}
const HINTS: Record<string, string> = {
  doc: 'Open it in Word and save it as .docx.',
  pdf: 'Copy the text out of the PDF and paste it, or save it as .txt.',
  rtf: 'Open it in a word processor and save it as .docx.',
  odt: 'Open it in LibreOffice and save it as .docx.',
  pages: 'Export it from Pages as a Word document (.docx).'
}

export const fileDisplayName = (fileName: string): string => fileName.replace(/^.*[\\/]/, '') || 'The file'

/** Checks that cost nothing (type, emptiness, size), so the main process can refuse before a worker starts. */
export function checkFile(file: { fileName: string; bytes: Uint8Array }): void {
  const name = fileDisplayName(file.fileName)
  const format = formatOf(name)
  if (file.bytes.byteLength === 0)
    throw new AppError('invalid_input', `${name} is empty. Check that it is the right file and that it was saved.`)
  checkSize(name, file.bytes.byteLength, format === 'docx' ? caps.docxBytes : caps.textBytes)
}

export function formatOf(name: string): Format {
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  const format = FORMATS[extension]
  if (!format) {
    const hint = HINTS[extension] ?? 'Factdesk imports .txt, .md, .html and .docx files.'
    throw new AppError(
      'unsupported',
      `${name} is ${extension ? `a .${extension} file` : 'a file without an extension'}, which Factdesk cannot import. ${hint}`
    )
  }
  return format
}
