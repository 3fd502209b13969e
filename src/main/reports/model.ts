// The report model: everything every report format shows, resolved once (names, labels, order).
import type { ReportOptions } from '../../shared/contract/transfer'
import { deskStateLabels, formatDate } from './labels'
import type {
  ClaimStatus,
  ClaimType,
  DeskState,
  Person,
  Reliability,
  ReviewConfidence,
  ReviewStance,
  Source,
  SourceKind,
  Stance,
  StoryFile,
  Settings,
  Transparency
} from '../../shared/model'

/**
 * Counts for the summary. `none` is claims that have no verdict yet; `recheck` is claims whose
 * verdict was given on other words, counted apart so no total presents it as current.
 */
export interface Tally {
  claims: number
  /** By status id; an id no claim has is absent (read it as 0). */
  byStatus: Record<ClaimStatus, number>
  /** By verdict id, plus `recheck` and `none`; an absent key is 0. */
  byVerdict: Record<string, number>
}

/** One row of the summary: a verdict (or re-check, or none) or a status, as the desk's scale has it now. */
export interface SummaryRow {
  key: string
  label: string
  colour: string
}

export interface ReportSource {
  id: string
  title: string
  publisher: string
  author: string
  publishedAt: string
  url: string
  archiveUrl: string
  kind: SourceKind
  reliability: Reliability
  /** Withheld: the title reads "Confidential source" and nothing else names it (confidential.ts). */
  confidential: boolean
}

export interface ReportEvidence {
  id: string
  stance: Stance
  /** Null when the report leaves excerpts out (options.includeExcerpts false). */
  excerpt: string | null
  locator: string
  /** The source is a place the claim itself appeared. */
  appearance: boolean
  source: ReportSource
}

export interface ReportContact {
  id: string
  by: string
  contact: string
  source: string
  method: string
  outcome: string
  at: string
  notes: string
  followUp: string
}

export interface ReportComment {
  id: string
  by: string
  at: string
  body: string
}

/** A second review of a claim's verdict; dissents are printed as well as agreements. */
export interface ReportReview {
  id: string
  by: string
  at: string
  stance: ReviewStance
  confidence: ReviewConfidence
  note: string
  /** The verdict it reviewed, as the desk labels it. */
  verdictLabel: string
  /** It speaks to the present verdict (shared/rules/claims.ts currentReviews); an older one is kept as record. */
  current: boolean
}

export interface ReportClaim {
  id: string
  /** The claim's stable number within its story, and how it is printed ("C7"). */
  number: number
  label: string
  /** The words in the story, and a little of the text either side. */
  quote: string
  before: string
  after: string
  /** The words are in the headline, not the story text. */
  inHeadline: boolean
  orphaned: boolean
  restatement: string
  /**
   * What ClaimReview reviews: the restatement while it was written for the words as they stand, the
   * words themselves once they were re-checked after it (a restatement of older words is stale).
   */
  claimReviewed: string
  type: ClaimType
  speaker: string
  status: ClaimStatus
  statusLabel: string
  verdict: string | null
  /** The verdict's name when it was given (shared/rules/scales.ts), so a later rename changes no report. */
  verdictLabel: string
  /** Its colour on the desk's scale; '' without a verdict. */
  verdictColour: string
  /** Who gave the present verdict and when (from the activity log, else the claim's checked words); '' without one. */
  verdictBy: string
  verdictAt: string
  /** Second reviews of the verdict, oldest first. */
  reviews: ReportReview[]
  /** The verdict was given on other words: it is shown as waiting, never as current. */
  needsRecheck: boolean
  recheckReason: string
  /** The words the verdict was given on, when they differ from today's. */
  checkedWords: string | null
  checkedAgainst: string
  rationale: string
  correction: string
  priority: string
  tags: string[]
  assignee: string
  lastChangedBy: string
  lastChangedAt: string
  createdAt: string
  publishedUrl: string
  evidence: ReportEvidence[]
  /** Null unless the report is internal (options.internal): the working record stays on the desk. */
  comments: ReportComment[] | null
  contacts: ReportContact[] | null
}

export interface ReportActivity {
  id: string
  at: string
  by: string
  action: string
  claimId: string | null
  summary: string
}

export interface ReportCorrection {
  id: string
  at: string
  by: string
  what: string
  note: string
  /** The claims it touches, as printed ("C3"); empty for the story as a whole. */
  claimLabels: string[]
  claimIds: string[]
}

export interface ReportStory {
  id: string
  title: string
  outlet: string
  byline: string
  url: string
  publishedAt: string
  language: string
  revision: number
  deskState: DeskState
  /** Who cleared it, and an override's reason with what it overrode. */
  signOff: { by: string; at: string; override: { reason: string; blockers: string[] } | null } | null
  /** When the check was first published: the story's first sign-off ('' while never signed off). */
  firstSignedOffAt: string
  /** Corrections since publication, oldest first. */
  corrections: ReportCorrection[]
  tally: Tally
  claims: ReportClaim[]
  /** Null when the report leaves the log out (options.includeActivity false). */
  activity: ReportActivity[] | null
}

export interface ReportModel {
  title: string
  generatedAt: string
  options: ReportOptions
  organisation: { name: string; url: string; logoUrl: string }
  /** The IFCN statements: methodology, corrections policy, contact, funding. */
  transparency: Transparency
  factCheckBaseUrl: string
  /** The desk's verdict scale and statuses (ClaimReview reads each verdict's rating from it). */
  scales: Pick<Settings, 'verdicts' | 'statuses'>
  /** The rows of every summary, in the desk's order. */
  summaryRows: { verdicts: SummaryRow[]; statuses: SummaryRow[] }
  totals: Tally
  stories: ReportStory[]
  /** Full-fidelity material for the JSON verification package, untouched by the report options. */
  files: StoryFile[]
  sources: Source[]
  people: Person[]
}

/**
 * How a printed report (HTML, PDF) lays a story out: each claim carries its own log entries and the story's
 * table keeps the rest, in log order; each source is described in full once, in the story's list, numbered
 * in the order its claims first cite it, and its claims cite it by that number.
 */
export function printedStory(story: ReportStory): {
  /** The line under the story's title: outlet, byline, date, revision, desk state (its address follows as a link). */
  facts: string[]
  claimLog: Map<string, ReportActivity[]>
  storyLog: ReportActivity[]
  cited: Map<string, ReportSource>
  numbers: Map<string, number>
} {
  const claimLog = new Map<string, ReportActivity[]>(story.claims.map((c) => [c.id, []]))
  const storyLog: ReportActivity[] = []
  for (const a of story.activity ?? []) {
    const own = a.claimId === null ? undefined : claimLog.get(a.claimId)
    if (own) own.push(a)
    else storyLog.push(a)
  }
  const cited = new Map<string, ReportSource>()
  for (const c of story.claims)
    for (const e of c.evidence) if (!cited.has(e.source.id)) cited.set(e.source.id, e.source)
  const numbers = new Map([...cited.keys()].map((id, i) => [id, i + 1]))
  const facts = [
    story.outlet,
    story.byline,
    story.publishedAt ? formatDate(story.publishedAt) : '',
    `revision ${story.revision}`,
    deskStateLabels[story.deskState]
  ].filter(Boolean)
  return { facts, claimLog, storyLog, cited, numbers }
}
