// Matching a package's sources and people to the library's, so an import reuses rather than duplicates.
import type { Person, Source } from '../../shared/model'

/** Query parameters that only track clicks; two URLs differing in them name the same document. */
const trackingParam = /^(utm_[a-z]+|fbclid|gclid|mc_cid|mc_eid|ref_src)$/i

/**
 * A URL reduced to what identifies the document: scheme-insensitive (http and https), no `www.`,
 * no fragment, no tracking parameters, no trailing slash. Deliberately no further (keeps the
 * path's case and the other query parameters): a false match would merge two different sources.
 */
export function normaliseUrl(value: string): string {
  if (!value) return ''
  try {
    const url = new URL(value)
    const host = url.hostname.toLowerCase().replace(/^www\./, '')
    const port = url.port && url.port !== '80' && url.port !== '443' ? `:${url.port}` : ''
    const params = [...url.searchParams]
      .filter(([key]) => !trackingParam.test(key))
      .sort(([a], [b]) => a.localeCompare(b))
    const query = params.length > 0 ? `?${new URLSearchParams(params).toString()}` : ''
    return `${host}${port}${url.pathname.replace(/\/+$/, '')}${query}`
  } catch {
    return value.trim()
  }
}

export interface SourceMatch {
  /** Package source id -> the id to use in this library. */
  idMap: Map<string, string>
  sourcesToAdd: Source[]
  added: number
  reused: number
}

export function matchSources(incoming: Source[], existing: Source[]): SourceMatch {
  const byId = new Set(existing.map((s) => s.id))
  const byUrl = new Map<string, string>()
  for (const s of existing) if (s.url) byUrl.set(normaliseUrl(s.url), s.id)
  const match: SourceMatch = { idMap: new Map(), sourcesToAdd: [], added: 0, reused: 0 }
  for (const source of incoming) {
    const key = source.url ? normaliseUrl(source.url) : ''
    const known = byId.has(source.id) ? source.id : key ? byUrl.get(key) : undefined
    if (known !== undefined) {
      match.idMap.set(source.id, known)
      match.reused++
      continue
    }
    match.idMap.set(source.id, source.id)
    match.sourcesToAdd.push(source)
    match.added++
    byId.add(source.id)
    // A package that itself holds the same URL twice is folded into one source as well.
    if (key) byUrl.set(key, source.id)
  }
  return match
}

export function missingPeople(incoming: Person[], existing: Person[]): Person[] {
  const known = new Set(existing.map((p) => p.id))
  return incoming.filter((p) => !known.has(p.id))
}
