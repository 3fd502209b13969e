// Imports an HTML page: Mozilla Readability reads the page as parsed and finds the article; only
// what it returns is sanitised, then the block reader turns it into text.
import { Readability } from '@mozilla/readability'
import { AppError } from '../../shared/result'
import { blockText } from './blocks'
import { dropFurniture } from './furniture'
import { dropInlineStyles, parseHtml, sanitise } from './html-document'
import { readPageMeta } from './page-meta'
import { bylineText, cleanMeta, firstLine, httpUrl, type CleanMeta } from './story-meta'

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
  /** Warnings already found (a charset that did not match the bytes, say). */
  warnings?: string[]
}

export function importHtml(html: string, options: HtmlImport): { meta: CleanMeta; text: string; warnings: string[] } {
  const dom = parseHtml(html, options.url)
  try {
    return readArticle(dom.window.document, html, options)
  } finally {
    dom.window.close()
  }
}

function readArticle(
  document: Document,
  html: string,
  options: HtmlImport
): { meta: CleanMeta; text: string; warnings: string[] } {
  const warnings = [...(options.warnings ?? [])]
  const found = readPageMeta(document)
  const documentTitle = document.title
  dropInlineStyles(document)
  // Readability reads the page unsanitised (jsdom runs nothing): it removes scripts itself, and
  // needs forms, buttons, class names and itemprop to tell the article from the page around it.
  const article = new Readability(document, { serializer: (node) => node }).parse()
  const content = article?.content as unknown as Element | null | undefined
  if (content) {
    sanitise(content)
    dropFurniture(content, found.byline || bylineText(article?.byline))
  }
  let text = content ? blockText(content) : ''
  if (text.length < MIN_ARTICLE_CHARS) {
    // Readability has rearranged the DOM by now, so the whole page is parsed again. Cloning the
    // DOM up front would cost every import; parsing again costs only the rare page without an article.
    const wholePage = options.whenNoArticle === 'whole-page' ? wholePageText(html, options.url) : ''
    if (!wholePage) {
      throw new AppError(
        'no_article',
        `No article text was found in ${options.name}. It may be a front page, a paywall, or a page built by JavaScript; open it in a browser, copy the story and paste it instead.`
      )
    }
    warnings.push(
      `No main article stood out in ${options.name}, so the whole page was imported. Check it for menus and other clutter.`
    )
    text = wholePage
  } else if (!found.byline) {
    found.byline = bylineText(article?.byline)
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
    const { body } = dom.window.document
    if (!body) return ''
    dropInlineStyles(dom.window.document)
    sanitise(body)
    dropFurniture(body)
    return blockText(body)
  } finally {
    dom.window.close()
  }
}
