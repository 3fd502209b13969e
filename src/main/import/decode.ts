// Turns imported bytes into a string, refusing binary junk instead of importing mojibake.
import { AppError } from '../../shared/result'

/** A few control characters are normal in old text files; more than this share means binary. */
const MAX_CONTROL_SHARE = 0.01

/**
 * Decodes `bytes` as the declared charset when there is one (a web server's Content-Type or an
 * HTML meta tag), else as UTF-8 with or without a BOM. Invalid UTF-8 is an error rather than a
 * silent U+FFFD: a claim anchored into replacement characters would be worthless, and an editor
 * can re-save the file as UTF-8 in any word processor.
 */
export function decodeText(name: string, bytes: Uint8Array, declaredCharset?: string): string {
  if (bytes.includes(0) && !hasUtf16Bom(bytes)) throw junk(name)
  // A byte-order mark outranks any declaration, as it does in browsers.
  const charset = hasUtf16Bom(bytes) ? (bytes[0] === 0xff ? 'utf-16le' : 'utf-16be') : hasUtf8Bom(bytes) ? 'utf-8' : normaliseCharset(declaredCharset)
  let text: string
  try {
    text = new TextDecoder(charset, { fatal: true }).decode(bytes)
  } catch {
    throw new AppError(
      'invalid_input',
      charset === 'utf-8'
        ? `${name} is not UTF-8 text, or is not text at all. If it is a text document, re-save it with UTF-8 encoding and import it again.`
        : `${name} could not be read as ${charset} text as it claims to be.`
    )
  }
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) control++
  }
  if (control > Math.max(2, text.length * MAX_CONTROL_SHARE)) throw junk(name)
  return text
}

/** The charset named in an HTML file's first kilobyte (`<meta charset>` or http-equiv), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
}

function normaliseCharset(declared: string | undefined): string {
  if (!declared) return 'utf-8'
  const label = declared.trim().toLowerCase()
  // Unknown labels fall back to UTF-8 rather than failing: servers misname charsets often.
  try {
    return new TextDecoder(label).encoding
  } catch {
    return 'utf-8'
  }
}

const hasUtf16Bom = (b: Uint8Array): boolean => b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))

const hasUtf8Bom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf

const junk = (name: string): AppError =>
  new AppError('invalid_input', `${name} looks like binary data, not text. Check that it is the right file, or open it in its own program and save it as .txt, .docx or .html.`)
