// The contract's plain values: the choices some inputs offer, caps, the first page's size and the one helper
// the window sends every call through, with no zod in them. The contract's files build their schemas from
// these and re-export them; the renderer imports them from here, so the window never builds a schema
// (shared/model/values.ts says why).
import { limits } from '../model/values'
import type { ClaimFilter } from './transfer'

/** The same input without keys whose value is `undefined`: what the renderer sends for "no value". */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutUndefined(v)) as T
  if (typeof value !== 'object' || value === null) return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)])
  ) as T
}

/** A claim quotes at most `limits.longText` characters, the cap its saved quote has. */
export const maxQuoteLength = limits.longText

export const librarySorts = ['updated', 'title', 'progress', 'claims'] as const

/**
 * How a story stands with the shared desk (see src/main/desk): agreed with it, with changes here the
 * desk does not have yet, with a sync conflict to settle, or only in this library (never shared).
 */
export const deskMarks = ['synced', 'pending', 'conflict', 'local'] as const

/** The claims (in story order) the story view asks for first: more than one screen holds. */
export const FIRST_CLAIMS = 200

/** What an export covers: the story on screen, the stories ticked in the library, or all of it. */
export const reportScopes = ['story', 'selected', 'library'] as const

export const reportFormats = ['html', 'pdf', 'markdown', 'csv', 'json', 'claimreview', 'annotations'] as const

export const anyClaim: ClaimFilter = {
  status: 'all',
  verdict: 'all',
  editor: 'all',
  from: '',
  to: '',
  tag: '',
  storyId: 'all'
}

/** A CSV has one row per claim (its evidence in one cell) or one per evidence item. */
export const csvRowKinds = ['claim', 'evidence'] as const
