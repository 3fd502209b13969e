// The CSV report: one row per claim for the desk's spreadsheet, UTF-8 with BOM, CRLF, formula-safe.
import Papa from 'papaparse'
import { formulaTrigger } from './escape'
import { claimTypeLabels, sourceKindLabels, stanceLabels } from './labels'
import type { ReportClaim, ReportEvidence, ReportModel, ReportStory } from './model'

/** Excel only detects UTF-8 (and so shows accents, Arabic and emoji correctly) with a byte order mark. */
export const BOM = '\uFEFF'

const columns: [string, (s: ReportStory, c: ReportClaim) => string | number][] = [
  ['Story', (s) => s.title],
  ['Story URL', (s) => s.url],
  ['Story ID', (s) => s.id],
  ['Claim', (_s, c) => c.label],
  ['Claim ID', (_s, c) => c.id],
  ['Words', (_s, c) => c.quote],
  ['Context before', (_s, c) => c.before],
  ['Context after', (_s, c) => c.after],
  ['In the headline', (_s, c) => (c.inHeadline ? 'yes' : 'no')],
  ['Restated', (_s, c) => c.restatement],
  ['Type', (_s, c) => claimTypeLabels[c.type]],
  ['Speaker', (_s, c) => c.speaker],
  ['Status', (_s, c) => c.statusLabel],
  ['Verdict', (_s, c) => (c.needsRecheck && c.verdict ? `${c.verdictLabel} (needs re-check)` : c.verdictLabel)],
  ['Verdict given by', (_s, c) => c.verdictBy],
  ['Verdict given at', (_s, c) => c.verdictAt],
  ['Needs re-check', (_s, c) => (c.needsRecheck ? `yes: ${c.recheckReason}` : 'no')],
  ['Words the verdict was given on', (_s, c) => c.checkedWords ?? ''],
  ['Checked against', (_s, c) => c.checkedAgainst],
  ['Rationale', (_s, c) => c.rationale],
  ['Suggested correction', (_s, c) => c.correction],
  ['Assigned to', (_s, c) => c.assignee],
  ['Priority', (_s, c) => c.priority],
  ['Tags', (_s, c) => c.tags.join('; ')],
  ['Last changed by', (_s, c) => c.lastChangedBy],
  ['Last changed at', (_s, c) => c.lastChangedAt],
  ['Story cleared by', (s) => s.signOff?.by ?? ''],
  ['Story cleared at', (s) => s.signOff?.at ?? ''],
  ['Orphaned', (_s, c) => (c.orphaned ? 'yes' : 'no')],
  ['Published fact-check', (_s, c) => c.publishedUrl],
  ['Evidence count', (_s, c) => c.evidence.length],
  ['Evidence', (_s, c) => c.evidence.map(evidenceCell).join('\n')]
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
 * papaparse does the RFC 4180 quoting (fields with `"`, `,`, CR or LF are quoted, quotes doubled).
 * Its formula guard is given our own anchored pattern: the built-in one misses multi-line cells.
 * Numbers are written as strings so the guard also sees them (a negative count is impossible anyway).
 */
export function renderCsv(model: ReportModel): string {
  const rows = model.stories.flatMap((story) =>
    story.claims.map((claim) => columns.map(([, cell]) => String(cell(story, claim))))
  )
  const body = Papa.unparse(
    { fields: columns.map(([name]) => name), data: rows },
    { newline: '\r\n', quotes: false, escapeFormulae: formulaTrigger, header: true }
  )
  return `${BOM}${body}\r\n`
}
