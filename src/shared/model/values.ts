// The model's plain values: the choices each enum offers, the caps, the defaults and the one helper the
// window needs, with no zod in them. The model's files build their schemas from these and re-export them;
// the renderer imports them from here, so the window never builds a schema (the preload and main check
// every call; eslint.config.js keeps zod and the schema modules out of the renderer).
import type { StatusCounts } from './library'
import type { Person } from './person'
import type { ClaimReviewRating, StatusScale, VerdictScale } from './scales'
import type { Settings, ShortcutSettings, Transparency } from './settings'

/** Ids are short random strings made in main; the renderer only echoes them back. */
export const idPattern = /^[A-Za-z0-9_-]{1,64}$/

/** Caps keep a hostile or mistaken payload from bloating the library. */
export const limits = {
  shortText: 500,
  longText: 20_000,
  storyText: 2_000_000,
  url: 4_000,
  tags: 50
} as const

export const deskStates = ['draft', 'in_check', 'cleared'] as const

/**
 * The four workflow stages every status belongs to. The desk's rules (Done, sign-off, second review,
 * follow-ups) speak of stages only (shared/rules/claims.ts), so a status the desk adds changes no rule.
 */
export const workflowStages = ['open', 'in_progress', 'waiting', 'done'] as const

/** Words that are not verdicts where verdicts are filtered and counted; no verdict may take them as its id. */
export const reservedVerdictIds = ['all', 'none', 'recheck'] as const

export const storyParts = ['headline', 'body'] as const

export const claimTypes = [
  'statistic',
  'quote',
  'attribution',
  'event',
  'comparison',
  'causal',
  'prediction',
  'absence',
  'other'
] as const

export const priorities = ['low', 'normal', 'high'] as const
export const contactMethods = ['phone', 'email', 'message', 'in_person'] as const
export const contactOutcomes = ['no_answer', 'left_message', 'declined', 'confirmed', 'disputed', 'corrected'] as const
export const reviewStances = ['agree', 'dissent'] as const
export const reviewConfidences = ['low', 'medium', 'high'] as const

export const sourceKinds = [
  'primary_document',
  'official_statement',
  'interview',
  'news_report',
  'dataset',
  'expert',
  'social_post',
  'other'
] as const

export const stances = ['supports', 'contradicts', 'context'] as const

const rating = (ratingValue: number | null): ClaimReviewRating => ({
  ratingValue,
  bestRating: 5,
  worstRating: 1,
  alternateName: ''
})

/**
 * The built-in scale, as every desk had it before scales: 1 (worst) to 5 (best) in ClaimReview, and
 * `unverifiable` with no number (it says nothing about truth; mid-scale would read as "half true").
 * Colours sit between the two themes' backgrounds (3:1 against each, scales.test.ts).
 */
export const defaultVerdictScale: VerdictScale = [
  { id: 'accurate', name: 'Accurate', colour: '#2b9a66', retired: false, formerNames: [], rating: rating(5) },
  {
    id: 'mostly_accurate',
    name: 'Mostly accurate',
    colour: '#5f9e3a',
    retired: false,
    formerNames: [],
    rating: rating(4)
  },
  { id: 'needs_context', name: 'Needs context', colour: '#b08a00', retired: false, formerNames: [], rating: rating(3) },
  { id: 'misleading', name: 'Misleading', colour: '#dc6a1c', retired: false, formerNames: [], rating: rating(2) },
  { id: 'false', name: 'False', colour: '#e5484d', retired: false, formerNames: [], rating: rating(1) },
  { id: 'unverifiable', name: 'Unverifiable', colour: '#80838d', retired: false, formerNames: [], rating: rating(null) }
]

export const defaultStatusScale: StatusScale = [
  { id: 'open', name: 'Open', colour: '#80838d', retired: false, formerNames: [] },
  { id: 'in_progress', name: 'In progress', colour: '#3e63dd', retired: false, formerNames: [] },
  { id: 'waiting', name: 'Waiting on source', colour: '#ad7f00', retired: false, formerNames: [] },
  { id: 'done', name: 'Done', colour: '#30a46c', retired: false, formerNames: [] }
]

/** The desk's single-key shortcuts an editor may move to another key (digits stay status and verdict). */
export const remappableShortcuts = ['next', 'previous', 'mark', 'search', 'help'] as const
export type RemappableShortcut = (typeof remappableShortcuts)[number]

export const defaultShortcutSettings: ShortcutSettings = {
  singleKeys: true,
  keys: { next: 'j', previous: 'k', mark: 'm', search: '/', help: '?' }
}

export const emptyTransparency: Transparency = { methodology: '', correctionsPolicyUrl: '', contact: '', funding: '' }

export const defaultSettings: Settings = {
  verdicts: defaultVerdictScale,
  statuses: defaultStatusScale,
  organisationName: '',
  organisationUrl: '',
  organisationLogoUrl: '',
  factCheckBaseUrl: '',
  transparency: emptyTransparency,
  requireCheckedAgainst: false,
  requireSecondReview: false,
  shortcuts: defaultShortcutSettings
}

/** The name a person had at a moment (their current name when no moment is given). */
export function nameAt(person: Pick<Person, 'name' | 'formerNames'>, at?: string): string {
  if (at === undefined) return person.name
  const when = Date.parse(at)
  const former = person.formerNames.find((f) => when < Date.parse(f.until))
  return former ? former.name : person.name
}

export interface Progress {
  done: number
  total: number
  /** 0..1; a story with no claims has nothing left to check, but reads as 0 so it is not mistaken for cleared. */
  ratio: number
}

/** How far a set of claims is from cleared: done over all. One rule for the library and the story. */
export function progressOf(counts: StatusCounts): Progress {
  const total = workflowStages.reduce((sum, s) => sum + counts[s], 0)
  return { done: counts.done, total, ratio: total === 0 ? 0 : counts.done / total }
}
