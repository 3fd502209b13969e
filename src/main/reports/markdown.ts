// The Markdown report, for pasting into a CMS or a chat channel; all user text is escaped.
import { escapeMarkdown, escapeMarkdownInline as inline, safeHttpUrl } from './escape'
import {
  claimTypeLabels,
  deskStateLabels,
  describeReview,
  formatDate,
  formatDateTime,
  sourceKindLabels,
  stanceLabels
} from './labels'
import type { ReportClaim, ReportEvidence, ReportModel, ReportStory, Tally } from './model'

/** Block text inside a list item: every line escaped, indented, and ended with a hard break. */
const indented = (text: string, indent: string): string =>
  text
    .split(/\r\n|\r|\n/)
    .map((line) => `${indent}${escapeMarkdown(line)}`)
    .join('\\\n')

/** `<url>` autolinks only for http(s) URLs with nothing that could close the brackets early. */
function mdLink(url: string): string {
  const href = safeHttpUrl(url)
  return href && !/[<>\s]/.test(href) ? `<${href}>` : inline(url)
}

function tallyTable(model: ReportModel, tally: Tally): string {
  const rows = [
    '| Verdict | Claims |',
    '| --- | ---: |',
    ...model.summaryRows.verdicts.map((v) => `| ${inline(v.label)} | ${tally.byVerdict[v.key] ?? 0} |`),
    '',
    '| Status | Claims |',
    '| --- | ---: |',
    ...model.summaryRows.statuses.map((s) => `| ${inline(s.label)} | ${tally.byStatus[s.key] ?? 0} |`)
  ]
  return rows.join('\n')
}

function evidenceLine(e: ReportEvidence): string {
  const s = e.source
  const published = [s.publisher && inline(s.publisher), s.publishedAt && formatDate(s.publishedAt)]
    .filter(Boolean)
    .join(', ')
  const title = s.confidential ? `${s.title} (${sourceKindLabels[s.kind]})` : s.title
  const cite = [s.author && `${inline(s.author)}.`, `*${inline(title)}*.`, published && `${published}.`]
    .filter(Boolean)
    .join(' ')
  const links = [
    s.url && mdLink(s.url),
    s.archiveUrl && `archived: ${mdLink(s.archiveUrl)}`,
    e.locator && inline(e.locator)
  ]
    .filter(Boolean)
    .join(' · ')
  const line = `   - **${stanceLabels[e.stance]}:** ${cite}${links ? ` ${links}` : ''}`
  return e.excerpt ? `${line}\n${indented(e.excerpt, '     > ')}` : line
}

/**
 * The quote in bold within its context. CommonMark only treats `**` as bold when it "flanks" a
 * word, so a space is added where a quote starting or ending with punctuation touches a letter.
 */
function wordsInContext(c: ReportClaim): string {
  const before = escapeMarkdown(c.before)
  const quote = inline(c.quote)
  const after = escapeMarkdown(c.after)
  const open = /^[\p{P}\p{S}]/u.test(c.quote.trim()) && /\S$/.test(before) ? ' ' : ''
  const close = /[\p{P}\p{S}]$/u.test(c.quote.trim()) && /^[\p{L}\p{N}]/u.test(after) ? ' ' : ''
  return `${before}${open}**${quote}**${close}${after}`
}

/** A verdict waiting for re-check is named as such, with the old verdict marked as given on other words. */
function verdictHeading(c: ReportClaim): string {
  if (!c.verdict) return 'No verdict yet'
  return c.needsRecheck
    ? `Needs re-check (was ${inline(c.verdictLabel)}, given on other words)`
    : inline(c.verdictLabel)
}

function workingRecord(c: ReportClaim): string[] {
  const lines: string[] = []
  if (c.contacts) {
    lines.push(c.contacts.length === 0 ? '- **Contact log:** no attempts recorded' : '- **Contact log:**')
    for (const x of c.contacts) {
      const whom = `${inline(x.contact)}${x.source ? ` (${inline(x.source)})` : ''}`
      const follow = x.followUp ? ` · follow up ${x.followUp}` : ''
      lines.push(
        `   - ${formatDateTime(x.at)} · ${inline(x.by)} → ${whom} · ${x.method} · ${x.outcome}${follow}${
          x.notes
            ? `\
${indented(x.notes, '     ')}`
            : ''
        }`
      )
    }
  }
  if (c.comments && c.comments.length > 0) {
    lines.push(
      '- **Comments:**',
      ...c.comments.map(
        (m) => `   - ${inline(m.by)}, ${formatDateTime(m.at)}:\
${indented(m.body, '     ')}`
      )
    )
  }
  return lines
}

function claimMarkdown(c: ReportClaim): string {
  const heading = `### ${c.label}: ${verdictHeading(c)}${c.orphaned ? ` (orphaned: no longer found in the story ${c.inHeadline ? 'headline' : 'text'})` : ''}`
  const facts = [
    `- **Words${c.inHeadline ? ' (in the headline)' : ''}:** ${wordsInContext(c)}`,
    c.verdictBy && `- **Verdict given by:** ${inline(c.verdictBy)}, ${formatDateTime(c.verdictAt)}`,
    c.needsRecheck && `- **Re-check:** the verdict waits for re-check: ${c.recheckReason}.`,
    c.checkedWords !== null && `- **Words the verdict was given on:** ${inline(c.checkedWords)}`,
    c.restatement && `- **Restated:** ${inline(c.restatement)}`,
    `- **Type:** ${claimTypeLabels[c.type]}`,
    c.speaker && `- **Speaker:** ${inline(c.speaker)}`,
    `- **Status:** ${inline(c.statusLabel)}`,
    c.assignee && `- **Assigned to:** ${inline(c.assignee)}`,
    `- **Last changed:** ${inline(c.lastChangedBy)}, ${formatDateTime(c.lastChangedAt)}`,
    c.rationale && `- **Rationale:**\\\n${indented(c.rationale, '  ')}`,
    c.correction && `- **Suggested correction:**\\\n${indented(c.correction, '  ')}`,
    c.publishedUrl && `- **Published fact-check:** ${mdLink(c.publishedUrl)}`,
    c.checkedAgainst && `- **Checked against:** ${inline(c.checkedAgainst)}`,
    c.evidence.length > 0
      ? `- **Evidence:**\n${c.evidence.map(evidenceLine).join('\n')}`
      : '- **Evidence:** none recorded',
    c.reviews.length > 0 &&
      `- **Second review:**\n${c.reviews.map((r) => `   - ${inline(describeReview(r))}, ${formatDateTime(r.at)}`).join('\n')}`,
    ...workingRecord(c)
  ]
  return [heading, '', ...facts.filter(Boolean)].join('\n')
}

function correctionLines(story: ReportStory): string[] {
  if (story.corrections.length === 0) return []
  return [
    '### Corrections',
    '',
    ...story.corrections.map(
      (c) =>
        `- ${formatDateTime(c.at)}${c.claimLabels.length > 0 ? ` (${c.claimLabels.join(', ')})` : ''}: ${inline(c.note)} What changed: ${inline(c.what)} · ${inline(c.by)}`
    ),
    ''
  ]
}

function transparencyLines(model: ReportModel): string[] {
  const t = model.transparency
  const lines = [
    t.methodology && `**How we check:** ${inline(t.methodology)}`,
    t.correctionsPolicyUrl && `**Corrections policy:** ${mdLink(t.correctionsPolicyUrl)}`,
    t.contact && `**Contact:** ${inline(t.contact)}`,
    t.funding && `**Funding:** ${inline(t.funding)}`
  ].filter(Boolean)
  return lines.length > 0 ? ['## About this fact-check', '', ...lines.flatMap((l) => [l, ''])] : []
}

function signOffLines(story: ReportStory): string[] {
  const s = story.signOff
  if (!s) return []
  const who = `${inline(s.by)}, ${formatDateTime(s.at)}`
  if (!s.override) return [`**Signed off** by ${who}: every claim Done with a current verdict.`, '']
  return [
    `**Signed off with an override** by ${who}.`,
    '',
    `Reason: ${inline(s.override.reason)}`,
    '',
    'Claims that blocked sign-off:',
    '',
    ...s.override.blockers.map((b) => `- ${inline(b)}`),
    ''
  ]
}

function storyMarkdown(model: ReportModel, story: ReportStory): string {
  const meta = [
    story.outlet && inline(story.outlet),
    story.byline && inline(story.byline),
    story.publishedAt && formatDate(story.publishedAt),
    deskStateLabels[story.deskState],
    story.url && mdLink(story.url)
  ]
  const parts = [
    `## ${inline(story.title)}`,
    '',
    meta.filter(Boolean).join(' · '),
    '',
    ...signOffLines(story),
    ...correctionLines(story),
    tallyTable(model, story.tally),
    '',
    ...story.claims.map((c) => `${claimMarkdown(c)}\n`)
  ]
  if (story.activity) {
    parts.push(
      '### Activity log',
      '',
      ...story.activity.map((a) => `- ${formatDateTime(a.at)} · ${inline(a.by)} · ${a.action} · ${inline(a.summary)}`),
      ''
    )
  }
  return parts.join('\n')
}

export function renderMarkdown(model: ReportModel): string {
  const by = model.organisation.name ? ` by ${inline(model.organisation.name)}` : ''
  const head = [
    `# ${inline(model.title)}`,
    '',
    `Generated ${formatDateTime(model.generatedAt)}${by} · ${model.totals.claims} claims in ${model.stories.length} ${model.stories.length === 1 ? 'story' : 'stories'}`,
    ''
  ]
  if (model.options.internal)
    head.push(
      '**Internal report:** includes comments and the contact log, which hold personal data. Not for publication.',
      ''
    )
  head.push(...transparencyLines(model))
  if (model.stories.length > 1) head.push('## Summary', '', tallyTable(model, model.totals), '')
  return `${[...head, ...model.stories.map((s) => storyMarkdown(model, s))].join('\n').trimEnd()}\n`
}
