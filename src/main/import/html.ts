// Imports an HTML page: Mozilla Readability finds the article, the block reader turns it into text.
import { Readability } from '@mozilla/readability'
import { AppError } from '../../shared/result'
import { blockText } from './blocks'
import { parseHtml, sanitiseBody } from './html-document'
import { readPageMeta } from './page-meta'
import { cleanMeta, firstLine, httpUrl, type CleanMeta } from './story-meta'

/**
 * Below this many characters Readability has found a teaser, a cookie wall or an error page,
 * not a story. Readability's own threshold (500) is what it *tries* for; it still returns its
 * best attempt below it, so the check is ours.
 */
export const MIN_ARTICLE_CHARS = 200

export interface HtmlImport {
  /** What the editor would call it: the file name or the address. */
  name: string
  /** The page's address, to resolve relative canonical links against. */
  url?: string
  /**
   * A saved file is the editor's own copy: if no article stands out, the whole body is the text.
   * A fetched page without an article is a front page or a paywall, and is refused.
   */
  whenNoArticle: 'whole-page' | 'refuse'
  fallbackTitle: string
}

export function importHtml(html: string, options: HtmlImport): { meta: CleanMeta; text: string; warnings: string[] } {
  const dom = parseHtml(html, options.url)
  try {
    return readArticle(dom.window.document, html, options)
  } finally {
    dom.window.close()
  }
}

function readArticle(document: Document, html: string, options: HtmlImport): { meta: CleanMeta; text: string; warnings: string[] } {
  const warnings: string[] = []
  const found = readPageMeta(document)
  const documentTitle = document.title
  sanitiseBody(document)
  const article = new Readability(document, { serializer: (node) => node, disableJSONLD: true }).parse()
  let text = article?.content ? blockText(article.content) : ''
  if (text.length < MIN_ARTICLE_CHARS) {
    // Readability has rearranged the DOM by now, so the whole page is parsed again. Cloning the
    // DOM up front would cost every import; parsing again costs only the rare page without an article.
    const wholePage = options.whenNoArticle === 'whole-page' ? wholePageText(html, options.url) : ''
    if (!wholePage) {
      throw new AppError('no_article', `No article text was found in ${options.name}. It may be a front page, a paywall, or a page built by JavaScript; open it in a browser, copy the story and paste it instead.`)
    }
    warnings.push(`No main article stood out in ${options.name}, so the whole page was imported. Check it for menus and other clutter.`)
    text = wholePage
  } else if (article?.byline && !found.byline) {
    found.byline = article.byline
  }
  found.title = found.title || article?.title || documentTitle
  found.outlet = found.outlet || article?.siteName
  found.publishedAt = found.publishedAt || article?.publishedTime
  found.language = found.language || article?.lang
  // A relative canonical link in a saved file cannot be resolved; the fetched address stands in.
  found.url = (found.url && httpUrl(found.url, options.url)) || options.url || ''
  return { meta: cleanMeta(found, firstLine(text) || options.fallbackTitle, warnings), text, warnings }
}

function wholePageText(html: string, url?: string): string {
  const dom = parseHtml(html, url)
  try {
    sanitiseBody(dom.window.document)
    return dom.window.document.body ? blockText(dom.window.document.body) : ''
  } finally {
    dom.window.close()
  }
}
