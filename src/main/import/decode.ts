// Turns imported bytes into a string, refusing binary junk instead of importing mojibake, and
// reading a page whose declared charset does not match its bytes by what the bytes really are.
import { AppError } from '../../shared/result'

/** A few control characters are normal in old text files; more than this share means binary. */
const MAX_CONTROL_SHARE = 0.01

export interface Decoded {
  text: string
  warnings: string[]
}

/**
 * Decodes `bytes`. A byte-order mark wins, as in browsers. Otherwise bytes that are valid UTF-8
 * (and not plain ASCII) are UTF-8 whatever a page declares: a server or meta tag naming gb2312 or
 * latin1 for UTF-8 bytes is a common mistake, and legacy text is almost never valid UTF-8 by
 * chance. Else the declared charset (a server's Content-Type or an HTML meta tag) is used; a web
 * page that matches nothing is read as Windows-1252, the web's default, with a warning. Plain text
 * that is not UTF-8 is an error rather than a silent U+FFFD: a claim anchored into replacement
 * characters would be worthless, and an editor can re-save the file as UTF-8.
 */
export function decodeText(
  name: string,
  bytes: Uint8Array,
  options: { declared?: string; html?: boolean } = {}
): Decoded {
  if (bytes.includes(0) && !hasUtf16Bom(bytes)) throw junk(name)
  const warnings: string[] = []
  let text: string | null = null
  if (hasUtf16Bom(bytes)) text = decode(bytes, bytes[0] === 0xff ? 'utf-16le' : 'utf-16be')
  else if (hasUtf8Bom(bytes)) text = decode(bytes, 'utf-8')
  const declared = normaliseCharset(options.declared)
  const utf8 = text === null ? decode(bytes, 'utf-8') : null
  if (text === null && utf8 !== null && (declared === 'utf-8' || !isAscii(bytes))) {
    text = utf8
    if (declared !== 'utf-8')
      warnings.push(
        `${name} says its text is ${options.declared}, but it is written in UTF-8, so it was read as UTF-8. Check accented letters and symbols.`
      )
  }
  if (text === null && declared !== 'utf-8') {
    text = decode(bytes, declared)
    if (text === null) {
      text = decode(bytes, 'windows-1252')
      if (text !== null)
        warnings.push(
          `${name} says its text is ${options.declared}, but its bytes are not, so it was read as Windows-1252 (Western European). Check accented letters and symbols.`
        )
    }
  }
  if (text === null && options.html) {
    text = decode(bytes, 'windows-1252')
    if (text !== null)
      warnings.push(
        `${name} is not valid UTF-8, so it was read as Windows-1252 (Western European), as browsers do. Check accented letters and symbols.`
      )
  }
  if (text === null) {
    throw new AppError(
      'invalid_input',
      `${name} is not UTF-8 text, or is not text at all. If it is a text document, re-save it with UTF-8 encoding and import it again.`
    )
  }
  let control = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) control++
  }
  if (control > Math.max(2, text.length * MAX_CONTROL_SHARE)) throw junk(name)
  return { text, warnings }
}

function decode(bytes: Uint8Array, charset: string): string | null {
  try {
    return new TextDecoder(charset, { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** The charset named in an HTML file's first kilobyte (`<meta charset>` or http-equiv), if any. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024))
  return /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1]
}

/** A WHATWG encoding name; unknown labels, and UTF-16 without a byte-order mark, mean UTF-8 (as in browsers). */
function normaliseCharset(declared: string | undefined): string {
  if (!declared) return 'utf-8'
  try {
    const encoding = new TextDecoder(declared.trim().toLowerCase()).encoding
    return encoding.startsWith('utf-16') ? 'utf-8' : encoding
  } catch {
    return 'utf-8'
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false
  return true
}

const hasUtf16Bom = (b: Uint8Array): boolean =>
  b.length >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))

const hasUtf8Bom = (b: Uint8Array): boolean => b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf

const junk = (name: string): AppError =>
  new AppError(
    'invalid_input',
    `${name} looks like binary data, not text. Check that it is the right file, or open it in its own program and save it as .txt, .docx or .html.`
  )
