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
  const meta: CleanMeta = { title: shortText(found.title) || shortText(fallbackTitle) || 'Untitled story' }
  const outlet = shortText(found.outlet)
  if (outlet) meta.outlet = outlet
  const byline = shortText(found.byline)
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

/** One line, collapsed spaces, within the store's short-text limit (cut at a word with an ellipsis). */
export function shortText(value: string | null | undefined): string {
  const text = (value ?? '').replace(/[\u200B\uFEFF]/g, '').replace(/[\p{Cc}\s]+/gu, ' ').trim()
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
    const offset = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`
    const candidate = `${day}T${time ? (time.length === 5 ? `${time}:00` : time) : '00:00:00'}${offset}`
    return StoryMeta.shape.publishedAt.safeParse(candidate).success && !Number.isNaN(Date.parse(candidate)) ? candidate : ''
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
