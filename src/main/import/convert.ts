// Turns a file's or a fetched page's bytes into a story draft: canonical text, metadata and
// warnings. Pure: it reads bytes and returns, or throws an AppError whose message names the file
// or address. Runs inside the import worker (see worker.ts); tests call it directly.
import { canonicalText } from '../../shared/text/canonical'
import { decodeText, sniffHtmlCharset } from './decode'
import { importDocx } from './docx'
import type { FetchedPage } from './fetch-page'
import { importHtml } from './html'
import { checkFile, fileDisplayName, formatOf } from './file-kind'
import { stripMarkdown } from './markdown'
import { finish, type ImportedStory } from './story'
import { cleanMeta, firstLine, titleFromFileName, type FoundMeta } from './story-meta'

export type { ImportedStory } from './story'
export { fileDisplayName } from './file-kind'

export async function importFile(file: { fileName: string; bytes: Uint8Array }): Promise<ImportedStory> {
  checkFile(file)
  const name = fileDisplayName(file.fileName)
  const format = formatOf(name)
  const fallbackTitle = titleFromFileName(name)
  if (format === 'html') {
    const { text: html, warnings } = decodeText(name, file.bytes, {
      declared: sniffHtmlCharset(file.bytes),
      html: true
    })
    return finish(name, importHtml(html, { name, whenNoArticle: 'whole-page', fallbackTitle, warnings }))
  }
  if (format === 'docx') {
    const docx = await importDocx(name, file.bytes)
    return fromPlain(name, docx.text, { title: docx.title }, fallbackTitle, docx.warnings)
  }
  const { text: raw, warnings } = decodeText(name, file.bytes)
  if (format === 'markdown') {
    const { text, meta } = stripMarkdown(raw)
    return fromPlain(name, text, meta, fallbackTitle, warnings)
  }
  return fromPlain(name, raw, {}, fallbackTitle, warnings)
}

/** A page fetched by fetchPage: its text if plain, else the article Readability finds in it. */
export function convertPage(page: FetchedPage): ImportedStory {
  const declared = page.charset ?? (page.kind === 'html' ? sniffHtmlCharset(page.bytes) : undefined)
  const { text, warnings } = decodeText(page.url, page.bytes, { declared, html: page.kind === 'html' })
  if (page.kind === 'text') return fromPlain(page.url, text, { url: page.url }, page.url, warnings)
  return finish(
    page.url,
    importHtml(text, { name: page.url, url: page.url, whenNoArticle: 'refuse', fallbackTitle: page.url, warnings })
  )
}

function fromPlain(
  name: string,
  raw: string,
  found: FoundMeta,
  fallbackTitle: string,
  warnings: string[]
): ImportedStory {
  const text = canonicalText(raw)
  const meta = cleanMeta(found, firstLine(text) || fallbackTitle, warnings)
  return finish(name, { meta, text, warnings })
}
