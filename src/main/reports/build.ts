// buildReport: turns story files plus the library's sources, people and settings into one ReportModel.
import type { ReportOptions } from '../../shared/contract/transfer'
import type { Person, Settings, Source, StoryFile } from '../../shared/model'
import {
  checkedWordsIfChanged,
  claimLabel,
  currentReviews,
  needsRecheck,
  recheckReasonLabels,
  storyOrder
} from '../../shared/rules/claims'
import { contactMethodLabels, contactOutcomeLabels } from '../../shared/rules/contacts'
import {
  printedVerdict,
  statusName,
  statusesIncluding,
  verdictEntry,
  verdictName,
  verdictsIncluding
} from '../../shared/rules/scales'
import { partText } from '../../shared/text/parts'
import { redactFiles, redactSource } from './confidential'
import { wordsInContext } from './context'
import type { ReportClaim, ReportModel, ReportSource, ReportStory, SummaryRow, Tally } from './model'
import { referencedPeople, referencedSources } from './references'

export interface ReportInput {
  stories: StoryFile[]
  sources: Source[]
  people: Person[]
  settings: Settings
  options: ReportOptions
  generatedAt: string
  /** Stories in the library's trash; the service already skips them, this guards other callers. */
  deletedStoryIds?: ReadonlySet<string>
}

export const emptyTally = (): Tally => ({ claims: 0, byStatus: {}, byVerdict: {} })

function count(tally: Tally, claim: Pick<ReportClaim, 'status' | 'verdict' | 'needsRecheck'>): void {
  tally.claims++
  tally.byStatus[claim.status] = (tally.byStatus[claim.status] ?? 0) + 1
  const key = claim.verdict === null ? 'none' : claim.needsRecheck ? 'recheck' : claim.verdict
  tally.byVerdict[key] = (tally.byVerdict[key] ?? 0) + 1
}

/** A verdict waiting for re-check, and none yet: counted apart from the scale, in these colours. */
const RECHECK_ROW: SummaryRow = { key: 'recheck', label: 'Needs re-check', colour: '#8250df' }
const NONE_ROW: SummaryRow = { key: 'none', label: 'No verdict yet', colour: '#d0d5db' }

/**
 * The summary's rows: the desk's scale in its order (a retired entry only while claims in the report
 * carry it), named as it is called now, then re-check and none.
 */
function summaryRows(settings: Settings, totals: Tally): { verdicts: SummaryRow[]; statuses: SummaryRow[] } {
  const inUse = (tally: Record<string, number>, id: string): boolean => (tally[id] ?? 0) > 0
  const verdicts = verdictsIncluding(
    settings,
    Object.keys(totals.byVerdict).filter((k) => k !== 'none' && k !== 'recheck')
  )
    .filter((e) => !e.retired || inUse(totals.byVerdict, e.id))
    .map((e) => ({ key: e.id, label: e.name, colour: e.colour }))
  const statuses = statusesIncluding(settings, Object.keys(totals.byStatus))
    .filter((e) => !e.retired || inUse(totals.byStatus, e.id))
    .map((e) => ({ key: e.id, label: e.name, colour: e.colour }))
  return { verdicts: [...verdicts, RECHECK_ROW, NONE_ROW], statuses }
}

const toReportSource = (s: Source): ReportSource => ({
  id: s.id,
  title: s.title,
  publisher: s.publisher,
  author: s.author,
  publishedAt: s.publishedAt,
  url: s.url,
  archiveUrl: s.archiveUrl,
  kind: s.kind,
  reliability: s.reliability,
  confidential: s.confidential !== null
})

const missingSource = (id: string): ReportSource => ({
  id,
  title: 'Source no longer in the library',
  publisher: '',
  author: '',
  publishedAt: '',
  url: '',
  archiveUrl: '',
  kind: 'other',
  reliability: 'unrated',
  confidential: false
})

/** The first sign-off in the log (a story can be reopened and cleared again); the present one if the log has none. */
function firstSignedOffAt(file: StoryFile): string {
  const first = file.activity.find((a) => a.action === 'story.signed_off')
  const at = [first?.at, file.story.signOff?.at].filter((d): d is string => !!d).sort()[0]
  return at ?? ''
}

/**
 * A restatement is stale when the claim was sent to re-check (its words changed) after it was last
 * written: the review then names the words as they stand.
 */
function claimReviewedText(file: StoryFile, claim: StoryFile['claims'][number], words: string): string {
  if (!claim.restatement.trim()) return words
  let restatedAt = claim.createdAt
  let recheckedAt = ''
  for (const a of file.activity) {
    if (a.claimId !== claim.id) continue
    if (a.action === 'claim.updated' && a.field === 'restatement') restatedAt = a.at
    if (a.action === 'claim.recheck' && a.at > recheckedAt) recheckedAt = a.at
  }
  if (claim.recheck && claim.recheck.at > recheckedAt) recheckedAt = claim.recheck.at
  return recheckedAt > restatedAt ? words : claim.restatement
}

/** Who gave the claim's present verdict and when: the last verdict entry in the log, else the checked words' editor. */
export function verdictGiven(file: StoryFile, claim: StoryFile['claims'][number]): { by: string | null; at: string } {
  if (claim.verdict === null) return { by: null, at: '' }
  const entry = file.activity.findLast((a) => a.claimId === claim.id && a.field === 'verdict')
  if (entry) return { by: entry.by, at: entry.at }
  return claim.checked ? { by: claim.checked.by, at: claim.checked.at } : { by: null, at: '' }
}

export function buildReport(input: ReportInput): ReportModel {
  const { settings, options } = input
  const names = new Map(input.people.map((p) => [p.id, p.name]))
  // An id nobody on the desk has (an import from another desk) is shown rather than hidden.
  const nameOf = (id: string | null): string => (id === null ? '' : (names.get(id) ?? id))
  // Confidential sources are withheld here, once, before any output sees them.
  const sources = input.sources.map(redactSource)
  const sourcesById = new Map(sources.map((s) => [s.id, s]))
  const seen = new Set<string>()
  const files = redactFiles(
    input.stories.filter((f) => {
      if (seen.has(f.story.id) || input.deletedStoryIds?.has(f.story.id)) return false
      seen.add(f.story.id)
      return true
    }),
    input.sources
  )
  const totals = emptyTally()

  const stories = files.map((file): ReportStory => {
    const tally = emptyTally()
    // Map.groupBy would do this, but it is not in Node 20.
    const evidenceByClaim = new Map<string, StoryFile['evidence']>()
    for (const e of file.evidence) {
      const list = evidenceByClaim.get(e.claimId)
      if (list) list.push(e)
      else evidenceByClaim.set(e.claimId, [e])
    }
    const claims = file.claims
      .filter((c) => options.includeOrphaned || !c.orphaned)
      .sort(storyOrder)
      .map((claim): ReportClaim => {
        const words = wordsInContext(partText(file.story, claim.anchor.part), claim)
        const given = verdictGiven(file, claim)
        const current = new Set(currentReviews(claim).map((r) => r.id))
        const reportClaim: ReportClaim = {
          id: claim.id,
          number: claim.number,
          label: claimLabel(claim.number),
          quote: words.quote,
          before: words.before,
          after: words.after,
          inHeadline: claim.anchor.part === 'headline',
          orphaned: claim.orphaned,
          restatement: claim.restatement,
          claimReviewed: claimReviewedText(file, claim, words.quote),
          type: claim.type,
          speaker: claim.speaker,
          status: claim.status,
          statusLabel: statusName(settings, claim.status),
          verdict: claim.verdict,
          verdictLabel: printedVerdict(settings, claim),
          verdictColour: claim.verdict ? verdictEntry(settings, claim.verdict).colour : '',
          verdictBy: nameOf(given.by),
          verdictAt: given.at,
          reviews: claim.reviews.map((r) => ({
            id: r.id,
            by: nameOf(r.by),
            at: r.at,
            stance: r.stance,
            confidence: r.confidence,
            note: r.note,
            verdictLabel: verdictName(settings, r.verdict, r.at),
            current: current.has(r.id)
          })),
          needsRecheck: needsRecheck(claim),
          recheckReason: claim.recheck ? recheckReasonLabels[claim.recheck.reason] : '',
          checkedWords: checkedWordsIfChanged(claim),
          checkedAgainst: claim.checkedAgainst,
          rationale: claim.rationale,
          correction: claim.correction,
          priority: claim.priority,
          tags: claim.tags,
          assignee: nameOf(claim.assignee),
          lastChangedBy: nameOf(claim.updatedBy),
          lastChangedAt: claim.updatedAt,
          createdAt: claim.createdAt,
          publishedUrl: claim.publishedUrl,
          evidence: (evidenceByClaim.get(claim.id) ?? []).map((e) => {
            const source = sourcesById.get(e.sourceId)
            return {
              id: e.id,
              stance: e.stance,
              excerpt: options.includeExcerpts ? e.excerpt : null,
              locator: e.locator,
              appearance: e.appearance,
              source: source ? toReportSource(source) : missingSource(e.sourceId)
            }
          }),
          comments: options.internal
            ? claim.comments.map((c) => ({ id: c.id, by: nameOf(c.by), at: c.at, body: c.body }))
            : null,
          contacts: options.internal
            ? claim.contacts.map((c) => ({
                id: c.id,
                by: nameOf(c.by),
                contact: c.contact,
                source: c.sourceId ? (sourcesById.get(c.sourceId)?.title ?? '') : '',
                method: contactMethodLabels[c.method],
                outcome: contactOutcomeLabels[c.outcome],
                at: c.at,
                notes: c.notes,
                followUp: c.followUp
              }))
            : null
        }
        count(tally, reportClaim)
        count(totals, reportClaim)
        return reportClaim
      })
    const { story } = file
    return {
      id: story.id,
      title: story.title,
      outlet: story.outlet,
      byline: story.byline,
      url: story.url,
      publishedAt: story.publishedAt,
      language: story.language,
      revision: story.revision,
      deskState: story.deskState,
      tally,
      claims,
      signOff: story.signOff
        ? { by: nameOf(story.signOff.by), at: story.signOff.at, override: story.signOff.override }
        : null,
      firstSignedOffAt: firstSignedOffAt(file),
      corrections: story.corrections.map((c) => ({
        id: c.id,
        at: c.at,
        by: nameOf(c.by),
        what: c.what,
        note: c.note,
        claimIds: c.claimIds,
        claimLabels: c.claimIds.flatMap((id) => {
          const claim = file.claims.find((x) => x.id === id)
          return claim ? [claimLabel(claim.number)] : []
        })
      })),
      activity: options.includeActivity
        ? file.activity.map((a) => ({
            id: a.id,
            at: a.at,
            by: nameOf(a.by),
            action: a.action,
            claimId: a.claimId,
            summary: a.summary
          }))
        : null
    }
  })

  const only = stories.length === 1 ? stories[0] : undefined
  return {
    title: only ? `Verification report: ${only.title}` : `Verification report: ${stories.length} stories`,
    generatedAt: input.generatedAt,
    options,
    organisation: {
      name: settings.organisationName,
      url: settings.organisationUrl,
      logoUrl: settings.organisationLogoUrl
    },
    transparency: settings.transparency,
    factCheckBaseUrl: settings.factCheckBaseUrl,
    scales: { verdicts: settings.verdicts, statuses: settings.statuses },
    summaryRows: summaryRows(settings, totals),
    totals,
    stories,
    files,
    sources: referencedSources(files, sources),
    people: referencedPeople(files, input.people)
  }
}
