// The CSV report for data desks: one row per claim or one per evidence item, UTF-8 with BOM, CRLF,
// formula-safe. Headers are machine names; where ClaimReview has the field, its schema.org path
// (claimReviewed, reviewRating.alternateName, itemReviewed.author.name, ...), so a sheet lines up with
// the published markup.
import Papa from 'papaparse'
import type { CsvRows } from '../../shared/contract/transfer'
import { claimMethod, sourceMethods } from '../../shared/rules/sources'
import { claimTypeLabels, describeReview, sourceKindLabels, stanceLabels } from './labels'
import { lastCorrection, ratingExplanation, reviewUrls } from './claimreview'
import { formulaTrigger } from './escape'
import type { ReportClaim, ReportEvidence, ReportModel, ReportStory } from './model'

/** Excel only detects UTF-8 (and so shows accents, Arabic and emoji correctly) with a byte order mark. */
export const BOM = '\uFEFF'

interface Row {
  story: ReportStory
  claim: ReportClaim
  /** The claim's published review URL (as ClaimReview gives it), '' when it has none. */
  url: string
  /** Only in per-evidence rows; null for a claim without evidence. */
  evidence: ReportEvidence | null
}

type Column = [string, (row: Row) => string | number]

const yesNo = (value: boolean): string => (value ? 'yes' : 'no')

const claimColumns: Column[] = [
  ['storyId', (r) => r.story.id],
  ['storyTitle', (r) => r.story.title],
  ['itemReviewed.appearance.url', (r) => r.story.url],
  ['storyOutlet', (r) => r.story.outlet],
  ['inLanguage', (r) => r.story.language],
  ['storyRevision', (r) => r.story.revision],
  ['claimId', (r) => r.claim.id],
  ['claimLabel', (r) => r.claim.label],
  ['words', (r) => r.claim.quote],
  ['contextBefore', (r) => r.claim.before],
  ['contextAfter', (r) => r.claim.after],
  ['inHeadline', (r) => yesNo(r.claim.inHeadline)],
  ['claimReviewed', (r) => r.claim.claimReviewed],
  ['restatement', (r) => r.claim.restatement],
  ['claimType', (r) => claimTypeLabels[r.claim.type]],
  ['itemReviewed.author.name', (r) => r.claim.speaker],
  ['status', (r) => r.claim.statusLabel],
  ['verdict', (r) => r.claim.verdict ?? ''],
  [
    'reviewRating.alternateName',
    (r) => (r.claim.needsRecheck && r.claim.verdict ? `${r.claim.verdictLabel} (needs re-check)` : r.claim.verdictLabel)
  ],
  ['reviewRating.ratingExplanation', (r) => ratingExplanation(r.claim.rationale) ?? ''],
  ['verdictBy', (r) => r.claim.verdictBy],
  ['verdictAt', (r) => r.claim.verdictAt],
  ['secondReviews', (r) => r.claim.reviews.map((v) => `${v.at} ${describeReview(v)}`).join('\n')],
  ['needsRecheck', (r) => (r.claim.needsRecheck ? `yes: ${r.claim.recheckReason}` : 'no')],
  ['checkedWords', (r) => r.claim.checkedWords ?? ''],
  ['checkedAgainst', (r) => r.claim.checkedAgainst],
  ['method', (r) => claimMethod(r.claim.evidence.map((e) => e.source.kind))],
  ['rationale', (r) => r.claim.rationale],
  ['suggestedCorrection', (r) => r.claim.correction],
  ['assignee', (r) => r.claim.assignee],
  ['priority', (r) => r.claim.priority],
  ['keywords', (r) => r.claim.tags.join('; ')],
  ['lastChangedBy', (r) => r.claim.lastChangedBy],
  ['lastChangedAt', (r) => r.claim.lastChangedAt],
  ['signOffBy', (r) => r.story.signOff?.by ?? ''],
  ['signOffAt', (r) => r.story.signOff?.at ?? ''],
  ['signOffOverride', (r) => r.story.signOff?.override?.reason ?? ''],
  ['datePublished', (r) => r.story.firstSignedOffAt],
  ['dateModified', (r) => lastCorrection(r.claim, r.story) ?? ''],
  ['orphaned', (r) => yesNo(r.claim.orphaned)],
  ['url', (r) => r.url],
  ['evidenceCount', (r) => r.claim.evidence.length]
]

/** A per-claim sheet keeps all of a claim's evidence in one cell, one line each. */
const evidenceSummary: Column = ['evidence', (r) => r.claim.evidence.map(evidenceCell).join('\n')]

/** A per-evidence sheet gives each item its own columns; a confidential source is "Confidential source" and its kind only. */
const evidenceColumns: Column[] = [
  ['evidenceId', (r) => r.evidence?.id ?? ''],
  ['evidence.stance', (r) => (r.evidence ? stanceLabels[r.evidence.stance] : '')],
  ['evidence.method', (r) => (r.evidence ? sourceMethods[r.evidence.source.kind] : '')],
  ['evidence.appearance', (r) => (r.evidence ? yesNo(r.evidence.appearance) : '')],
  ['evidence.excerpt', (r) => r.evidence?.excerpt ?? ''],
  ['evidence.locator', (r) => r.evidence?.locator ?? ''],
  ['source.id', (r) => r.evidence?.source.id ?? ''],
  ['source.name', (r) => r.evidence?.source.title ?? ''],
  ['source.kind', (r) => (r.evidence ? sourceKindLabels[r.evidence.source.kind] : '')],
  ['source.confidential', (r) => (r.evidence ? yesNo(r.evidence.source.confidential) : '')],
  ['source.publisher', (r) => r.evidence?.source.publisher ?? ''],
  ['source.author', (r) => r.evidence?.source.author ?? ''],
  ['source.datePublished', (r) => r.evidence?.source.publishedAt ?? ''],
  ['source.url', (r) => r.evidence?.source.url ?? ''],
  ['source.archiveUrl', (r) => r.evidence?.source.archiveUrl ?? ''],
  ['source.reliability', (r) => r.evidence?.source.reliability ?? '']
]

/** All of a claim's evidence in one cell, one line each, so the sheet keeps one row per claim. */
function evidenceCell(e: ReportEvidence): string {
  const s = e.source
  const parts = [
    `${stanceLabels[e.stance]}: ${s.confidential ? `${s.title} (${sourceKindLabels[s.kind]})` : s.title}`,
    s.publisher,
    s.author,
    s.publishedAt.slice(0, 10),
    s.url,
    s.archiveUrl && `archived ${s.archiveUrl}`,
    e.locator
  ]
  const line = parts.filter(Boolean).join(' | ')
  return e.excerpt ? `${line} | “${e.excerpt.replace(/\s*\n+\s*/g, ' ')}”` : line
}

/**
 * One row per claim (its evidence in one cell), or one per evidence item (a claim without any still
 * gets one row, its evidence columns empty, so no claim drops out of the sheet).
 * papaparse does the RFC 4180 quoting (fields with `"`, `,`, CR or LF are quoted, quotes doubled).
 * Its formula guard is given our own anchored pattern: the built-in one misses multi-line cells.
 * Numbers are written as strings so the guard also sees them (a negative count is impossible anyway).
 */
export function renderCsv(model: ReportModel, rowsOf: CsvRows = 'claim'): string {
  const columns = rowsOf === 'claim' ? [...claimColumns, evidenceSummary] : [...claimColumns, ...evidenceColumns]
  const urls = reviewUrls(model)
  const rows = model.stories.flatMap((story) =>
    story.claims.flatMap((claim) => {
      const url = urls.get(claim.id) ?? ''
      const evidence = rowsOf === 'claim' || claim.evidence.length === 0 ? [null] : claim.evidence
      return evidence.map((e) => columns.map(([, cell]) => String(cell({ story, claim, url, evidence: e }))))
    })
  )
  const body = Papa.unparse(
    { fields: columns.map(([name]) => name), data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: formulaTrigger, header: true }
  )
  return `${BOM}${body}\r\n`
}
