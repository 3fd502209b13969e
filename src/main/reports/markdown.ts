// The Markdown report, for pasting into a CMS or a chat channel. The report is built as an mdast
// tree and written by mdast-util-to-markdown with GFM tables, so user text is escaped by the library
// that also reads Markdown: whatever an editor typed reads back as the same words, never as syntax.
import type { BlockContent, Heading, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table } from 'mdast'
import { gfmToMarkdown } from 'mdast-util-gfm'
import { defaultHandlers, toMarkdown, type Handle, type Options, type Unsafe } from 'mdast-util-to-markdown'
import { safeHttpUrl } from './escape'
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

type Inline = PhrasingContent | string | false | null | undefined

/** Phrasing content from strings (plain text, escaped on output) and nodes; empty parts dropped. */
const phrasing = (parts: Inline[]): PhrasingContent[] =>
  parts.flatMap((p) => (!p ? [] : typeof p === 'string' ? [{ type: 'text', value: p }] : [p]))

/** User text on one line (headings, table cells, list items): line breaks become spaces. */
const flat = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim()

/** Block text whose lines are kept: each line break becomes a hard break (none before or after the text). */
const lines = (text: string): PhrasingContent[] =>
  edgeLines(text)
    .split(/\r\n|\r|\n/)
    .flatMap((line, i) => [
      ...(i > 0 ? [{ type: 'break' } as const] : []),
      ...(line ? [{ type: 'text', value: line } as const] : [])
    ])

/** Blank lines before and after block text go: a paragraph cannot start or end with a hard break. */
export const edgeLines = (text: string): string =>
  text.replace(/^(?:[^\S\r\n]*(?:\r\n|\r|\n))+|(?:(?:\r\n|\r|\n)\s*)+$/g, '')

const strong = (...parts: Inline[]): PhrasingContent => ({ type: 'strong', children: phrasing(parts) })
const emphasis = (...parts: Inline[]): PhrasingContent => ({ type: 'emphasis', children: phrasing(parts) })
const paragraph = (...parts: Inline[]): Paragraph => ({ type: 'paragraph', children: phrasing(parts) })
const heading = (depth: Heading['depth'], ...parts: Inline[]): Heading => ({
  type: 'heading',
  depth,
  children: phrasing(parts)
})
const item = (...children: BlockContent[]): ListItem => ({ type: 'listItem', spread: false, children })
const list = (items: ListItem[]): BlockContent => ({ type: 'list', ordered: false, spread: false, children: items })
/** A list item that is one paragraph: "**Label:** text". */
const fact = (label: string, ...parts: Inline[]): ListItem => item(paragraph(strong(`${label}:`), ' ', ...parts))
const joined = (parts: Inline[][], separator: string): Inline[] =>
  parts.filter((p) => p.some(Boolean)).flatMap((p, i) => (i > 0 ? [separator, ...p] : p))

/** An autolink only for http(s) URLs; anything else (javascript:, data:, file:) is shown as text. */
function link(url: string): PhrasingContent {
  const href = safeHttpUrl(url)
  return href
    ? { type: 'link', url: href, children: [{ type: 'text', value: href }] }
    : { type: 'text', value: flat(url) }
}

function table(head: [string, string], rows: [string, number][]): Table {
  const row = (cells: string[]): Table['children'][number] => ({
    type: 'tableRow',
    children: cells.map((c) => ({ type: 'tableCell', children: phrasing([c]) }))
  })
  return {
    type: 'table',
    align: [null, 'right'],
    children: [row(head), ...rows.map(([label, count]) => row([flat(label), String(count)]))]
  }
}

function tallyTables(model: ReportModel, tally: Tally): RootContent[] {
  return [
    table(
      ['Verdict', 'Claims'],
      model.summaryRows.verdicts.map((v) => [v.label, tally.byVerdict[v.key] ?? 0])
    ),
    table(
      ['Status', 'Claims'],
      model.summaryRows.statuses.map((s) => [s.label, tally.byStatus[s.key] ?? 0])
    )
  ]
}

function evidenceItem(e: ReportEvidence): ListItem {
  const s = e.source
  const published = [s.publisher && flat(s.publisher), s.publishedAt && formatDate(s.publishedAt)]
    .filter(Boolean)
    .join(', ')
  const title = s.confidential ? `${s.title} (${sourceKindLabels[s.kind]})` : s.title
  const cite: Inline[] = [s.author && `${flat(s.author)}. `, emphasis(flat(title)), '.', published && ` ${published}.`]
  const links = joined(
    [
      s.url ? [link(s.url)] : [],
      s.archiveUrl ? ['archived: ', link(s.archiveUrl)] : [],
      [e.locator && flat(e.locator)]
    ],
    ' · '
  )
  const line = paragraph(strong(`${stanceLabels[e.stance]}:`), ' ', ...cite, ...(links.length ? [' ', ...links] : []))
  return e.excerpt
    ? item(line, { type: 'blockquote', children: [{ type: 'paragraph', children: lines(e.excerpt) }] })
    : item(line)
}

/** The quote in bold within its context. */
const wordsInContext = (c: ReportClaim): Inline[] => [c.before, strong(flat(c.quote)), c.after]

/** A verdict waiting for re-check is named as such, with the old verdict marked as given on other words. */
function verdictHeading(c: ReportClaim): string {
  if (!c.verdict) return 'No verdict yet'
  return c.needsRecheck ? `Needs re-check (was ${flat(c.verdictLabel)}, given on other words)` : flat(c.verdictLabel)
}

function workingRecord(c: ReportClaim): ListItem[] {
  const items: ListItem[] = []
  if (c.contacts) {
    const contacts = c.contacts.map((x) => {
      const whom = `${flat(x.contact)}${x.source ? ` (${flat(x.source)})` : ''}`
      const follow = x.followUp ? ` · follow up ${x.followUp}` : ''
      const head = `${formatDateTime(x.at)} · ${flat(x.by)} → ${whom} · ${x.method} · ${x.outcome}${follow}`
      return item(paragraph(head, ...(x.notes ? [{ type: 'break' } as const, ...lines(x.notes)] : [])))
    })
    items.push(
      contacts.length === 0
        ? fact('Contact log', 'no attempts recorded')
        : item(paragraph(strong('Contact log:')), list(contacts))
    )
  }
  if (c.comments && c.comments.length > 0) {
    items.push(
      item(
        paragraph(strong('Comments:')),
        list(
          c.comments.map((m) =>
            item(paragraph(`${flat(m.by)}, ${formatDateTime(m.at)}:`, { type: 'break' }, ...lines(m.body)))
          )
        )
      )
    )
  }
  return items
}

function claimBlocks(c: ReportClaim): RootContent[] {
  const orphaned = c.orphaned ? ` (orphaned: no longer found in the story ${c.inHeadline ? 'headline' : 'text'})` : ''
  const block = (label: string, text: string): ListItem =>
    item(paragraph(strong(`${label}:`), { type: 'break' }, ...lines(text)))
  const facts: (ListItem | false | null | '')[] = [
    fact(`Words${c.inHeadline ? ' (in the headline)' : ''}`, ...wordsInContext(c)),
    c.verdictBy && fact('Verdict given by', `${flat(c.verdictBy)}, ${formatDateTime(c.verdictAt)}`),
    c.needsRecheck && fact('Re-check', `the verdict waits for re-check: ${c.recheckReason}.`),
    c.checkedWords !== null && fact('Words the verdict was given on', flat(c.checkedWords)),
    c.restatement && fact('Restated', flat(c.restatement)),
    fact('Type', claimTypeLabels[c.type]),
    c.speaker && fact('Speaker', flat(c.speaker)),
    fact('Status', flat(c.statusLabel)),
    c.assignee && fact('Assigned to', flat(c.assignee)),
    fact('Last changed', `${flat(c.lastChangedBy)}, ${formatDateTime(c.lastChangedAt)}`),
    c.rationale && block('Rationale', c.rationale),
    c.correction && block('Suggested correction', c.correction),
    c.publishedUrl && fact('Published fact-check', link(c.publishedUrl)),
    c.checkedAgainst && fact('Checked against', flat(c.checkedAgainst)),
    c.evidence.length > 0
      ? item(paragraph(strong('Evidence:')), list(c.evidence.map(evidenceItem)))
      : fact('Evidence', 'none recorded'),
    c.reviews.length > 0 &&
      item(
        paragraph(strong('Second review:')),
        list(c.reviews.map((r) => item(paragraph(`${flat(describeReview(r))}, ${formatDateTime(r.at)}`))))
      ),
    ...workingRecord(c)
  ]
  return [heading(3, `${c.label}: ${verdictHeading(c)}${orphaned}`), list(facts.filter((f): f is ListItem => !!f))]
}

function correctionBlocks(story: ReportStory): RootContent[] {
  if (story.corrections.length === 0) return []
  return [
    heading(3, 'Corrections'),
    list(
      story.corrections.map((c) =>
        item(
          paragraph(
            `${formatDateTime(c.at)}${c.claimLabels.length > 0 ? ` (${c.claimLabels.join(', ')})` : ''}: ${flat(c.note)} What changed: ${flat(c.what)} · ${flat(c.by)}`
          )
        )
      )
    )
  ]
}

function transparencyBlocks(model: ReportModel): RootContent[] {
  const t = model.transparency
  const blocks = [
    t.methodology && paragraph(strong('How we check:'), ' ', flat(t.methodology)),
    t.correctionsPolicyUrl && paragraph(strong('Corrections policy:'), ' ', link(t.correctionsPolicyUrl)),
    t.contact && paragraph(strong('Contact:'), ' ', flat(t.contact)),
    t.funding && paragraph(strong('Funding:'), ' ', flat(t.funding))
  ].filter((b): b is Paragraph => !!b)
  return blocks.length > 0 ? [heading(2, 'About this fact-check'), ...blocks] : []
}

function signOffBlocks(story: ReportStory): RootContent[] {
  const s = story.signOff
  if (!s) return []
  const who = `${flat(s.by)}, ${formatDateTime(s.at)}`
  if (!s.override) return [paragraph(strong('Signed off'), ` by ${who}: every claim Done with a current verdict.`)]
  return [
    paragraph(strong('Signed off with an override'), ` by ${who}.`),
    paragraph(`Reason: ${flat(s.override.reason)}`),
    paragraph('Claims that blocked sign-off:'),
    list(s.override.blockers.map((b) => item(paragraph(flat(b)))))
  ]
}

function storyBlocks(model: ReportModel, story: ReportStory): RootContent[] {
  const meta = joined(
    [
      [story.outlet && flat(story.outlet)],
      [story.byline && flat(story.byline)],
      [story.publishedAt && formatDate(story.publishedAt)],
      [deskStateLabels[story.deskState]],
      story.url ? [link(story.url)] : []
    ],
    ' · '
  )
  const blocks: RootContent[] = [
    heading(2, flat(story.title)),
    paragraph(...meta),
    ...signOffBlocks(story),
    ...correctionBlocks(story),
    ...tallyTables(model, story.tally),
    ...story.claims.flatMap(claimBlocks)
  ]
  if (story.activity) {
    blocks.push(
      heading(3, 'Activity log'),
      list(
        story.activity.map((a) =>
          item(paragraph(`${formatDateTime(a.at)} · ${flat(a.by)} · ${a.action} · ${flat(a.summary)}`))
        )
      )
    )
  }
  return blocks
}

/** The report as an mdast tree (tests read it back through the same library). */
export function reportTree(model: ReportModel): Root {
  const by = model.organisation.name ? ` by ${flat(model.organisation.name)}` : ''
  const count = `${model.totals.claims} claims in ${model.stories.length} ${model.stories.length === 1 ? 'story' : 'stories'}`
  const children: RootContent[] = [
    heading(1, flat(model.title)),
    paragraph(`Generated ${formatDateTime(model.generatedAt)}${by} · ${count}`)
  ]
  if (model.options.internal)
    children.push(
      paragraph(
        strong('Internal report:'),
        ' includes comments and the contact log, which hold personal data. Not for publication.'
      )
    )
  children.push(...transparencyBlocks(model))
  if (model.stories.length > 1) children.push(heading(2, 'Summary'), ...tallyTables(model, model.totals))
  children.push(...model.stories.flatMap((s) => storyBlocks(model, s)))
  return { type: 'root', children }
}

/**
 * Per list of unsafe patterns (one per toMarkdown call): each ASCII character's group (1 + its index
 * among the patterns' characters, at most 64; every unsafe character is ASCII), and the patterns of
 * each set of groups found in a text (two 32-bit masks), kept as made.
 */
interface UnsafeIndex {
  group: Uint8Array
  characters: string[]
  chosen: Map<number, Map<number, Unsafe[]>>
}
const unsafeIndexes = new WeakMap<Unsafe[], UnsafeIndex>()

function unsafeIndex(all: Unsafe[]): UnsafeIndex {
  let index = unsafeIndexes.get(all)
  if (!index) {
    const characters = [...new Set(all.map((p) => p.character))]
    const group = new Uint8Array(128)
    characters.forEach((c, i) => {
      if (c.length !== 1 || c.charCodeAt(0) > 127 || i >= 64) throw new Error(`unsafe character ${c.charCodeAt(0)}`)
      group[c.charCodeAt(0)] = i + 1
    })
    index = { group, characters, chosen: new Map() }
    unsafeIndexes.set(all, index)
  }
  return index
}

/**
 * The library's text handler, given only the unsafe patterns whose character is in the text or the
 * characters around it. Its escaping (`safe`) runs every pattern's expression over every text node,
 * some 90 with GFM, which was most of a large report's time (1,000 claims: about 8 of 13 s of
 * profile); a pattern whose character is absent matches nothing and patterns of different
 * characters never mark the same place, so the output is the same (markdown.test.ts holds it to
 * the library's own handler on hostile text).
 */
export const text: Handle = (node: { value: string }, parent, state, info) => {
  const all = state.unsafe
  const index = unsafeIndex(all)
  let low = 0
  let high = 0
  for (const part of [info.before, node.value, info.after])
    for (let i = 0; i < part.length; i++) {
      const code = part.charCodeAt(i)
      const g = code < 128 ? index.group[code]! : 0
      if (g === 0) continue
      if (g <= 32) low |= 1 << (g - 1)
      else high |= 1 << (g - 33)
    }
  let byHigh = index.chosen.get(low)
  if (!byHigh) index.chosen.set(low, (byHigh = new Map()))
  let chosen = byHigh.get(high)
  if (!chosen) {
    const present = new Set(index.characters.filter((_, i) => (i < 32 ? low & (1 << i) : high & (1 << (i - 32))) !== 0))
    chosen = all.filter((p) => present.has(p.character))
    byHigh.set(high, chosen)
  }
  state.unsafe = chosen
  try {
    return defaultHandlers.text(node as never, parent, state, info)
  } finally {
    state.unsafe = all
  }
}

export const markdownOptions: Options = {
  extensions: [gfmToMarkdown({ tablePipeAlign: false })],
  bullet: '-',
  emphasis: '*',
  strong: '*',
  listItemIndent: 'one',
  resourceLink: false,
  handlers: { text }
}

export function renderMarkdown(model: ReportModel): string {
  return toMarkdown(reportTree(model), markdownOptions)
}
