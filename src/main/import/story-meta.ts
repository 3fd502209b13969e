// Cleans metadata found in a document into fields that always pass `StoryMeta.partial()`.
import { limits } from '../../shared/model/common'
import { StoryMeta } from '../../shared/model'

/** Metadata as found: any field may be missing, messy or wrong. */
export interface FoundMeta {
  title?: string | null
  outlet?: string | null
  byline?: string | null
  url?: string | null
  publishedAt?: string | null
  language?: string | null
}

export type CleanMeta = Partial<StoryMeta> & { title: string }

/**
 * Keeps what is valid, drops what is not, and says what it dropped so the editor knows a date
 * or address was seen but not understood. `fallbackTitle` is used when the document has none.
 */
export function cleanMeta(found: FoundMeta, fallbackTitle: string, warnings: string[]): CleanMeta {
  const outlet = shortText(found.outlet)
  const title = withoutSiteName(shortText(found.title), outlet, found.url ?? '')
  const meta: CleanMeta = { title: title || shortText(fallbackTitle) || 'Untitled story' }
  if (outlet) meta.outlet = outlet
  const byline = bylineText(found.byline)
  if (byline) meta.byline = byline
  if (found.url?.trim()) {
    const url = httpUrl(found.url.trim())
    if (url) meta.url = url
    else warnings.push(`Ignored the story address "${clip(found.url.trim())}": it is not an http(s) address.`)
  }
  if (found.publishedAt?.trim()) {
    const date = isoDate(found.publishedAt.trim())
    if (date) meta.publishedAt = date
    else warnings.push(`Could not read the published date "${clip(found.publishedAt.trim())}"; set it by hand.`)
  }
  const language = languageTag(found.language)
  if (language) meta.language = language
  return StoryMeta.partial().parse(meta) as CleanMeta
}

/**
 * A byline as a person would write it: "By " dropped, and never an address (`article:author` is
 * often a profile URL) or a date (some sites put the date in the byline slot). Empty when the value
 * is not a byline.
 */
export function bylineText(value: string | null | undefined): string {
  const text = shortText(value)
    .replace(/^by\s+/i, '')
    .trim()
  if (!text || text.length > 200) return ''
  if (/^(?:https?:|www\.)|:\/\/|^[\w.-]+\.[a-z]{2,}\//i.test(text) || /^@?[\w.-]+\.(?:com|org|net)$/i.test(text))
    return ''
  if (isoDate(text) || /^[\d\s:/.,-]+$/.test(text) || MONTH_DATE.test(text)) return ''
  return /\p{L}/u.test(text) ? text : ''
}

const MONTH_DATE =
  /^(?:(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?|^(?:\d{1,2}\s+)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}/i

const SEPARATORS = /\s+[|–—·:»/-]\s+|\s+::\s+/

/**
 * "Headline | The Ledger" -> "Headline": a leading or trailing part is dropped when it names the
 * site (the outlet, or the site's host: "- Wikipedia" on wikipedia.org, "BBC News" on bbc.co.uk).
 * A part that does not name the site stays, so "Covid - what we know" keeps its words.
 */
export function withoutSiteName(title: string, outlet: string, url: string): string {
  const parts = title.split(SEPARATORS)
  if (parts.length < 2) return title
  const squash = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
  let host = ''
  try {
    host = new URL(url).hostname.replace(/^www\./, '')
  } catch {
    host = ''
  }
  const hostLabels = host.split('.').filter((l) => l.length > 2 && !['com', 'org', 'net', 'news'].includes(l))
  const names = (part: string): boolean => {
    const s = squash(part)
    if (!s) return false
    if (outlet && (s === squash(outlet) || (s.length >= 3 && squash(outlet).includes(s)) || s.includes(squash(outlet))))
      return true
    return hostLabels.some(
      (label) => s === label || (label.length >= 3 && s.startsWith(label)) || (s.length >= 3 && label.startsWith(s))
    )
  }
  const separator = (index: number) => title.match(new RegExp(SEPARATORS.source, 'g'))?.[index] ?? ' '
  let first = 0
  let last = parts.length - 1
  if (names(parts[last] ?? '')) last--
  else if (names(parts[0] ?? '')) first++
  if (first > last) return title
  let out = parts[first] ?? ''
  for (let i = first + 1; i <= last; i++) out += separator(i - 1) + (parts[i] ?? '')
  return out.trim() || title
}

/** One line, collapsed spaces, within the store's short-text limit (cut at a word with an ellipsis). */
export function shortText(value: string | null | undefined): string {
  const text = (value ?? '')
    .replace(/[\u200B\uFEFF]/g, '')
    .replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
  if (text.length <= limits.shortText) return text
  const cut = text.slice(0, limits.shortText - 1)
  const space = cut.lastIndexOf(' ')
  return `${space > limits.shortText - 80 ? cut.slice(0, space) : cut}…`
}

export function httpUrl(value: string, base?: string): string {
  try {
    const url = new URL(value, base)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return ''
    return url.href.length <= limits.url ? url.href : ''
  } catch {
    return ''
  }
}

const ISO = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i

/**
 * An ISO datetime with an offset. A date or time without a zone is read as UTC rather than the
 * machine's zone, so the same page gives the same value on every desk.
 */
export function isoDate(value: string): string {
  const match = ISO.exec(value)
  if (match) {
    const [, day, time, zone] = match
    const offset =
      !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
    const candidate = `${day}T${time ? (time.length === 5 ? `${time}:00` : time) : '00:00:00'}${offset}`
    return StoryMeta.shape.publishedAt.safeParse(candidate).success && !Number.isNaN(Date.parse(candidate))
      ? candidate
      : ''
  }
  // Anything else ("Tue, 05 Mar 2024 10:00:00 GMT", "March 5, 2024") goes through Date, which
  // understands RFC 2822 and English month names; only keep it if it names a year.
  const parsed = Date.parse(value)
  return /\d{4}/.test(value) && !Number.isNaN(parsed) ? new Date(parsed).toISOString() : ''
}

/** A BCP 47-shaped tag ("en", "en-GB", "pt_BR" -> "pt-BR"), else empty. */
export function languageTag(value: string | null | undefined): string {
  const tag = (value ?? '').trim().replace(/_/g, '-')
  return /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/.test(tag) && tag.length <= 35 ? tag : ''
}

/** The first paragraph when it is short enough to be a headline. */
export function firstLine(text: string): string {
  const line = text.split('\n')[0]?.trim() ?? ''
  return line.length <= 200 ? line : ''
}

/** "aid-claims_draft 3.txt" -> "aid claims draft 3". */
export function titleFromFileName(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '')
  return base.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
}

const clip = (text: string): string => (text.length > 80 ? `${text.slice(0, 79)}…` : text)
