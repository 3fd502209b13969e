// Imports a Word .docx: mammoth turns it into HTML, which is sanitised and read like any page.
import mammoth from 'mammoth'
import { AppError } from '../../shared/result'
import { blockText } from './blocks'
import { parseHtml, sanitiseBody } from './html-document'

/** Word's Title and Subtitle styles are headings to us; mammoth's defaults map them to plain <p>. */
const STYLE_MAP = ["p[style-name='Title'] => h1.title:fresh", "p[style-name='Subtitle'] => h2:fresh"]

/**
 * Images become empty elements: the text never shows them, and mammoth's default of inlining
 * them as base64 would cost a copy of every photo. `externalFileAccess: false` keeps a crafted
 * document from pulling files off this machine through linked images.
 */
const dropImage = mammoth.images.imgElement(() => Promise.resolve({ src: '' }))

export async function importDocx(name: string, bytes: Uint8Array): Promise<{ text: string; title: string; warnings: string[] }> {
  // A .docx is a zip; anything else (an old .doc renamed, a PDF) fails here with a clear message.
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) throw notDocx(name)
  const warnings: string[] = []
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { styleMap: STYLE_MAP, convertImage: dropImage, externalFileAccess: false }
    )
    html = result.value
    if (result.messages.some((m) => m.type === 'error')) warnings.push(`Parts of ${name} could not be read; compare the imported text with the document.`)
  } catch {
    throw notDocx(name)
  }
  const dom = parseHtml(`<!doctype html><html><body>${html}</body></html>`)
  try {
    sanitiseBody(dom.window.document)
    const body = dom.window.document.body
    // Footnotes arrive as a list at the end with "↑" links back to the text; the arrows go.
    for (const back of Array.from(body.querySelectorAll('a[href^="#footnote-ref"], a[href^="#endnote-ref"]'))) back.remove()
    const title = body.querySelector('h1.title')?.textContent ?? body.querySelector('h1')?.textContent ?? ''
    return { text: blockText(body), title, warnings }
  } finally {
    dom.window.close()
  }
}

const notDocx = (name: string): AppError =>
  new AppError('invalid_input', `${name} is not a readable Word document. It may be damaged, or an older .doc file renamed; open it in Word and save it as .docx, then import it again.`)
