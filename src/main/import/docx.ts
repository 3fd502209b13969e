// Imports a Word .docx: its zip directory is checked before anything is inflated, then mammoth
// turns it into HTML, which is sanitised and read like any page.
import { Unzip, UnzipInflate, unzipSync } from 'fflate'
import mammoth from 'mammoth'
import { AppError } from '../../shared/result'
import { blockText } from './blocks'
import { parseHtml, sanitise } from './html-document'
import { caps, formatMb } from './limits'

/** Word's Title and Subtitle styles are headings to us; mammoth's defaults map them to plain <p>. */
const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => h2:fresh"]

/**
 * Images become empty elements: the text never shows them, and mammoth's default of inlining
 * them as base64 would cost a copy of every photo. `externalFileAccess: false` keeps a crafted
 * document from pulling files off this machine through linked images.
 */
const dropImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }))

/** Parts mammoth never inflates: photos and embedded objects, read only if we asked for images. */
const UNREAD = /^word\/(?:media|embeddings)\//i

/**
 * The size the document's text parts unpack to, read from the zip's central directory without
 * inflating anything (fflate calls the filter with each entry's declared sizes; returning false
 * skips it). A declared size can lie; the import worker's memory limit catches that case.
 */
export function unpackedTextSize(name: string, bytes: Uint8Array): number {
  let total = 0
  try {
    unzipSync(bytes, {
      filter: (entry) => {
        if (!UNREAD.test(entry.name)) total += entry.originalSize
        return false
      }
    })
  } catch {
    throw notDocx(name)
  }
  return total
}

/**
 * The size the text parts really unpack to, inflated chunk by chunk and thrown away, stopping as
 * soon as `cap` is passed: catches a zip whose directory lies about its sizes without ever holding
 * more than one chunk. Returns the bytes counted (more than `cap` means it was stopped there).
 */
export function inflatedTextSize(bytes: Uint8Array, cap: number): number {
  let total = 0
  const unzip = new Unzip()
  unzip.register(UnzipInflate)
  unzip.onfile = (file) => {
    if (UNREAD.test(file.name) || total > cap) return
    file.ondata = (error, chunk) => {
      if (error) throw error
      total += chunk.length
      if (total > cap) file.terminate()
    }
    file.start()
  }
  unzip.push(bytes, true)
  return total
}

export async function importDocx(
  name: string,
  bytes: Uint8Array
): Promise<{ text: string; title: string; warnings: string[] }> {
  // A .docx is a zip; anything else (an old .doc renamed, a PDF) fails here with a clear message.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) throw notDocx(name)
  const declared = unpackedTextSize(name, bytes)
  if (declared > caps.docxUnpackedBytes) throw zipBomb(name, formatMb(declared))
  let inflated: number
  try {
    inflated = inflatedTextSize(bytes, caps.docxUnpackedBytes)
  } catch {
    throw notDocx(name)
  }
  if (inflated > caps.docxUnpackedBytes) throw zipBomb(name, `more than ${formatMb(caps.docxUnpackedBytes)}`)
  const warnings: string[] = []
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP, convertImage: dropImage, externalFileAccess: false }
    )
    html = result.value
    if (result.messages.some((m) => m.type === 'error'))
      warnings.push(`Parts of ${name} could not be read; compare the imported text with the document.`)
  } catch {
    throw notDocx(name)
  }
  const dom = parseHtml(`<!doctype html><html><body>${html}</body></html>`)
  try {
    const body = dom.window.document.body
    sanitise(body)
    // Footnotes arrive as a list at the end with "↑" links back to the text; the arrows go.
    for (const back of Array.from(body.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]')))
      back.remove()
    const title = body.querySelector('h1.title')?.textContent ?? body.querySelector('h1')?.textContent ?? ''
    return { text: blockText(body), title, warnings }
  } finally {
    dom.window.close()
  }
}

const zipBomb = (name: string, size: string): AppError =>
  new AppError(
    'too_large',
    `${name} would unpack to ${size} of document text, over the ${formatMb(caps.docxUnpackedBytes)} Factdesk reads, so it was not opened. A real story is far smaller: the file may be built to exhaust memory. If it is genuine, open it in Word, save the story alone as a new .docx, and import that.`
  )

const notDocx = (name: string): AppError =>
  new AppError(
    'invalid_input',
    `${name} is not a readable Word document. It may be damaged, or an older .doc file renamed; open it in Word and save it as .docx, then import it again.`
  )
