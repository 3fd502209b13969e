// Reads a page's own description of itself: Open Graph and article meta tags, JSON-LD, <time>, lang.
import { bylineText, type FoundMeta } from './story-meta'

/**
 * Leaves out <title>, which usually carries the site name; Readability trims that off better.
 * Called on the page as parsed, before Readability rearranges it.
 * Only attribute values and JSON are read; nothing is evaluated. Where sources disagree, the
 * structured ones win (JSON-LD, then Open Graph) over generic tags, as search engines do.
 */
export function readPageMeta(document: Document): FoundMeta {
  // Tags are gathered by name and filtered here: jsdom's case-insensitive attribute selectors
  // cost a fifth of a second on a large page, a tag-name lookup almost nothing.
  const tags = new Map<string, string>()
  for (const el of elements(document, 'meta')) {
    const content = el.getAttribute('content')?.trim()
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '')
      .trim()
      .toLowerCase()
    if (content && key && !tags.has(key)) tags.set(key, content)
  }
  const meta = (...keys: string[]): string => keys.map((key) => tags.get(key.toLowerCase())).find(Boolean) ?? ''
  const ld = readJsonLd(document)
  const times = elements(document, 'time').filter((el) => el.hasAttribute('datetime'))
  const time =
    times.find(
      (el) => el.hasAttribute('pubdate') || el.getAttribute('itemprop') === 'datePublished' || el.closest('article')
    ) ?? times[0]
  const canonical =
    elements(document, 'link')
      .find((el) => /(^|\s)canonical(\s|$)/i.test(el.getAttribute('rel') ?? ''))
      ?.getAttribute('href') ?? ''
  return {
    title: ld.title || meta('og:title', 'twitter:title', 'dc.title', 'headline'),
    outlet: ld.outlet || meta('og:site_name', 'application-name', 'publisher', 'dc.publisher'),
    // The first candidate that reads as a name: `article:author` is often a profile address.
    byline:
      [
        ld.byline,
        ...['author', 'article:author', 'byl', 'dc.creator', 'parsely-author', 'sailthru.author'].map((key) =>
          meta(key)
        ),
        itemprop(document, 'author')
      ]
        .map(bylineText)
        .find(Boolean) ?? '',
    url: meta('og:url') || canonical || ld.url,
    publishedAt:
      ld.publishedAt ||
      meta(
        'article:published_time',
        'datePublished',
        'pubdate',
        'date',
        'dc.date',
        'dcterms.created',
        'parsely-pub-date',
        'sailthru.date'
      ) ||
      time?.getAttribute('datetime') ||
      '',
    language:
      document.documentElement.getAttribute('lang') ||
      document.documentElement.getAttribute('xml:lang') ||
      meta('og:locale', 'language', 'content-language')
  }
}

const elements = (document: Document, tag: string): Element[] => Array.from(document.getElementsByTagName(tag))

/** Microdata: the text of the first `itemprop="author"` (its `name` part when it has one). */
function itemprop(document: Document, name: string): string {
  const el = document.querySelector(`[itemprop~="${name}"]`)
  if (!el) return ''
  const inner = el.querySelector('[itemprop~="name"]')
  return (inner ?? el).getAttribute('content') ?? (inner ?? el).textContent ?? ''
}

/**
 * JSON-LD as pages really write it: wrapped in CDATA or HTML comments, with a trailing semicolon,
 * or followed by junk. Returns undefined when no JSON can be read.
 */
export function parseJsonLd(source: string): unknown {
  const text = source
    .trim()
    .replace(/^(?:\/\/|\/\*)?\s*<!\[CDATA\[/, '')
    .replace(/(?:\/\/|\/\*)?\s*\]\]>\s*(?:\*\/)?$/, '')
    .replace(/^<!--/, '')
    .replace(/-->$/, '')
    .trim()
    .replace(/;$/, '')
  for (const candidate of [
    text,
    text.slice(text.search(/[[{]/), Math.max(text.lastIndexOf('}'), text.lastIndexOf(']')) + 1)
  ]) {
    try {
      return JSON.parse(candidate)
    } catch {
      // Try the next reading.
    }
  }
  return undefined
}

type Json = Record<string, unknown>
const ARTICLE_TYPES = /Article|Posting|Report|NewsArticle|BlogPosting|WebPage|ClaimReview/i

/** The first JSON-LD node that describes an article, looked for in @graph arrays too. */
function readJsonLd(document: Document): {
  title: string
  outlet: string
  byline: string
  url: string
  publishedAt: string
} {
  const empty = { title: '', outlet: '', byline: '', url: '', publishedAt: '' }
  // Every node of every script, so a reference by "@id" (a publisher named once in the graph, as
  // nytimes.com does) is read from the node it points to.
  const nodes = elements(document, 'script')
    .filter((el) => el.getAttribute('type')?.trim().toLowerCase() === 'application/ld+json')
    // Broken JSON-LD is common; the meta tags usually say the same thing.
    .map((script) => parseJsonLd(script.textContent ?? ''))
    .flatMap((data) => (data === undefined ? [] : flatten(data)))
  const byId = new Map<string, Json>()
  for (const node of nodes)
    if (typeof node['@id'] === 'string' && Object.keys(node).length > 1) byId.set(node['@id'], node)
  const resolve = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(resolve)
      : value && typeof value === 'object' && typeof (value as Json)['@id'] === 'string' && !('name' in value)
        ? (byId.get((value as Json)['@id'] as string) ?? value)
        : value
  const article =
    nodes.find((n) =>
      [n['@type']].flat().some((t) => typeof t === 'string' && ARTICLE_TYPES.test(t) && t !== 'WebPage')
    ) ?? nodes.find((n) => [n['@type']].flat().includes('WebPage'))
  if (!article) return empty
  return {
    title: str(article.headline) || str(article.name),
    outlet: names(resolve(article.publisher)) || names(resolve(article.sourceOrganization)),
    byline: bylineText(names(resolve(article.author))) || bylineText(names(resolve(article.creator))),
    url: str(article.url) || str(article.mainEntityOfPage),
    publishedAt: str(article.datePublished) || str(article.dateCreated)
  }
}

function flatten(data: unknown): Json[] {
  if (Array.isArray(data)) return data.flatMap(flatten)
  if (!data || typeof data !== 'object') return []
  const node = data as Json
  return [node, ...(Array.isArray(node['@graph']) ? flatten(node['@graph']) : [])]
}

const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '')

/** "author" may be a string, a Person, or a list of either; addresses and dates are not names. */
function names(value: unknown): string {
  const list = (Array.isArray(value) ? value : [value])
    .map((v) => (typeof v === 'string' ? v.trim() : v && typeof v === 'object' ? str((v as Json).name) : ''))
    .map(bylineText)
    .filter(Boolean)
  return [...new Set(list)].join(', ')
}
