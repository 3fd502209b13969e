// Turns a file or a web address into a story draft: canonical text, metadata and warnings.
// Pure with respect to the library: it reads bytes or the network and returns, or throws an
// AppError whose message names the file or address, and never writes anything.
import type { StoryMeta } from '../../shared/model'
import { AppError } from '../../shared/result'
import { canonicalText } from '../../shared/text/canonical'
import { decodeText, sniffHtmlCharset } from './decode'
import { importDocx } from './docx'
import { fetchPage, type FetchOptions } from './fetch-page'
import { importHtml } from './html'
import { caps, checkSize, checkStoryLength } from './limits'
import { stripMarkdown } from './markdown'
import { cleanMeta, firstLine, titleFromFileName, type FoundMeta } from './story-meta'

export interface ImportedStory {
  meta: Partial<StoryMeta> & { title: string }
  text: string
  warnings: string[]
}

type Format = 'text' | 'markdown' | 'html' | 'docx'
const FORMATS: Record<string, Format> = { txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown', html: 'html', htm: 'html', xhtml: 'html', docx: 'docx' }
const HINTS: Record<string, string> = {
  doc: 'Open it in Word and save it as .docx.',
  pdf: 'Copy the text out of the PDF and paste it, or save it as .txt.',
  rtf: 'Open it in a word processor and save it as .docx.',
  odt: 'Open it in LibreOffice and save it as .docx.',
  pages: 'Export it from Pages as a Word document (.docx).'
}

export async function importFile(file: { fileName: string; bytes: Uint8Array }): Promise<ImportedStory> {
  const name = file.fileName.replace(/^.*[\\/]/, '') || 'The file'
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase() ?? ''
  const format = FORMATS[extension]
  if (!format) {
    const hint = HINTS[extension] ?? 'Factdesk imports .txt, .md, .html and .docx files.'
    throw new AppError('unsupported', `${name} is ${extension ? `a .${extension} file` : 'a file without an extension'}, which Factdesk cannot import. ${hint}`)
  }
  if (file.bytes.byteLength === 0) throw new AppError('invalid_input', `${name} is empty. Check that it is the right file and that it was saved.`)
  checkSize(name, file.bytes.byteLength, format === 'docx' ? caps.docxBytes : caps.textBytes)
  const fallbackTitle = titleFromFileName(name)
  if (format === 'html') {
    const html = decodeText(name, file.bytes, sniffHtmlCharset(file.bytes))
    return finish(name, importHtml(html, { name, whenNoArticle: 'whole-page', fallbackTitle }))
  }
  if (format === 'docx') {
    const docx = await importDocx(name, file.bytes)
    return fromPlain(name, docx.text, { title: docx.title }, fallbackTitle, docx.warnings)
  }
  const raw = decodeText(name, file.bytes)
  if (format === 'markdown') {
    const { text, meta } = stripMarkdown(raw)
    return fromPlain(name, text, meta, fallbackTitle, [])
  }
  return fromPlain(name, raw, {}, fallbackTitle, [])
}

export async function importUrl(url: string, options: FetchOptions): Promise<ImportedStory> {
  const page = await fetchPage(url.trim(), options)
  const html = decodeText(page.url, page.bytes, page.charset ?? (page.kind === 'html' ? sniffHtmlCharset(page.bytes) : undefined))
  if (page.kind === 'text') return fromPlain(page.url, html, { url: page.url }, page.url, [])
  return finish(page.url, importHtml(html, { name: page.url, url: page.url, whenNoArticle: 'refuse', fallbackTitle: page.url }))
}

function fromPlain(name: string, raw: string, found: FoundMeta, fallbackTitle: string, warnings: string[]): ImportedStory {
  const text = canonicalText(raw)
  const meta = cleanMeta(found, firstLine(text) || fallbackTitle, warnings)
  return finish(name, { meta, text, warnings })
}

/** Every path ends here, so no format can return text that is empty, too long or not canonical. */
function finish(name: string, story: ImportedStory): ImportedStory {
  const text = canonicalText(story.text)
  if (!text) throw new AppError('invalid_input', `${name} contains no text to check.`)
  checkStoryLength(name, text)
  return { meta: story.meta, text, warnings: story.warnings }
}
