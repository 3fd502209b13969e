// The PDF report, written directly from the report model (no HTML, no Chromium): the same sections
// and fields as the HTML report (html.ts, html-claim.ts, html-summary.ts), in the same order, as a
// tagged PDF (Document > H1, Sect per story > H2, H3 per claim, P, BlockQuote, L/LI, Table/TR/TH/TD,
// Link, Figure for the verdict bar) with an outline of stories and claims and "Page n of m" on every
// page. Confidential sources are already redacted in the model (confidential.ts), as for every format.
import { textOn } from '../../shared/rules/contrast'
import { safeHttpUrl } from './escape'
import { claimTypeLabels, formatDate, formatDateTime, sourceKindLabels, stanceLabels } from './labels'
import {
  printedStory,
  type ReportActivity,
  type ReportClaim,
  type ReportEvidence,
  type ReportModel,
  type ReportSource,
  type ReportStory,
  type SummaryRow,
  type Tally
} from './model'
import { stroke, Typesetter, type BlockStyle, type Outline, type Run, type StructElement } from './pdf-layout'
import type { WrittenPdf } from './pdf-writer'
import type { UnshownText } from '../../shared/contract/transfer'

const ink = '#1b1f24'
const grey = '#57606a'
const factsGrey = '#3d444d'
const linkBlue = '#0a58ca'
const stanceColours = { supports: '#1a7f37', contradicts: '#c62828', context: '#57606a' } as const

const body: BlockStyle = { size: 9.5, after: 2 }
const meta: BlockStyle = { size: 9.5, colour: grey, after: 6 }
const small: BlockStyle = { size: 8.5, colour: factsGrey, after: 1 }
const quote: BlockStyle = { size: 9.5, colour: grey, bar: '#8c959f', before: 2, after: 3, direction: 'auto' }

export interface PdfProgress {
  /** Claims written so far, of all the report's claims. */
  (done: number, total: number): void
}

/** A link run when the address is http(s), otherwise the text itself. */
function link(url: string, text?: string): Run {
  const href = safeHttpUrl(url)
  return href ? { text: text ?? url, link: href, colour: linkBlue } : { text: text ?? url }
}

const label = (name: string): Run => ({ text: `${name.toUpperCase()}:`, font: 'bold', size: 7.5, colour: grey })

/** Runs joined by a separator, as the facts line joins its parts. */
function joined(parts: readonly (readonly Run[])[], separator: string): Run[] {
  return parts.flatMap((p, i) => (i === 0 ? [...p] : [{ text: separator }, ...p]))
}

class PdfReport {
  private readonly t: Typesetter
  private written = 0

  constructor(
    private readonly model: ReportModel,
    private readonly progress: PdfProgress,
    private readonly signal?: AbortSignal
  ) {
    this.t = new Typesetter({ title: model.title, language: 'en' })
  }

  async write(): Promise<WrittenPdf> {
    const { model, t } = this
    const root = t.root
    t.paragraph(root, 'H1', [{ text: model.title }], { size: 19, font: 'bold', after: 4, direction: 'auto' })
    const org = model.organisation
    const by: Run[] = org.name ? [{ text: ' by ' }, org.url ? link(org.url, org.name) : { text: org.name }] : []
    const n = model.stories.length
    t.paragraph(
      root,
      'P',
      [
        { text: `Generated ${formatDateTime(model.generatedAt)}` },
        ...by,
        { text: ` · ${model.totals.claims} claims in ${n} ${n === 1 ? 'story' : 'stories'}` }
      ],
      meta
    )
    if (model.options.internal)
      t.paragraph(
        root,
        'P',
        [
          { text: 'Internal report:', font: 'bold' },
          {
            text: ' includes comments and the contact log, which hold personal data. Not for publication.'
          }
        ],
        meta
      )
    this.transparency(root)
    if (n > 1) {
      const sect = t.struct('Sect')
      root.add(sect)
      this.heading2(sect, `Summary of ${n} stories`)
      this.summary(sect, model.totals)
      sect.end()
    }
    this.progress(0, model.totals.claims)
    for (const [i, story] of model.stories.entries()) {
      if (i > 0) t.newPage()
      t.owner = String(i)
      await this.story(root, story, i)
      t.owner = ''
    }
    t.paragraph(root, 'P', [{ text: 'Made with Factdesk. Times are UTC.' }], { size: 8.5, colour: grey, before: 18 })
    t.pageNumbers()
    return { bytes: await t.finish(), unshown: this.unshown() }
  }

  /** What the typesetter could not show, by story and claim (owners are `story index` or `story index/claim label`). */
  private unshown(): UnshownText {
    const characters = new Set<string>()
    const byStory = new Map<number, { claims: string[]; elsewhere: boolean }>()
    let report = false
    for (const [place, chars] of this.t.unshown) {
      for (const ch of chars) if (characters.size < 40) characters.add(ch)
      if (place === '') {
        report = true
        continue
      }
      const slash = place.indexOf('/')
      const story = Number(slash < 0 ? place : place.slice(0, slash))
      let entry = byStory.get(story)
      if (!entry) byStory.set(story, (entry = { claims: [], elsewhere: false }))
      if (slash < 0) entry.elsewhere = true
      else entry.claims.push(place.slice(slash + 1))
    }
    return {
      characters: [...characters].join(''),
      places: [
        ...(report ? [{ story: null, claims: [], elsewhere: true }] : []),
        ...[...byStory].sort(([a], [b]) => a - b).map(([i, e]) => ({ story: this.model.stories[i]!.title, ...e }))
      ]
    }
  }

  private heading2(parent: StructElement, title: string): Outline {
    this.t.ensure(60)
    const item = this.t.outline.addItem(title)
    this.t.paragraph(parent, 'H2', [{ text: title }], {
      size: 15,
      font: 'bold',
      before: 12,
      after: 2,
      direction: 'auto'
    })
    this.t.artifact([stroke(this.t.left, this.t.left + this.t.width, this.t.y, 1.5, ink)])
    this.t.space(5)
    return item
  }

  private heading3(parent: StructElement, runs: Run[], outline: Outline | null, title: string): void {
    this.t.ensure(48)
    outline?.addItem(title)
    this.t.paragraph(parent, 'H3', runs, { size: 11.5, font: 'bold', before: 4, after: 3 })
  }

  private field(parent: StructElement, name: string, text: string): void {
    this.t.paragraph(parent, 'P', [label(name), { text: ` ${text}` }], { ...body, direction: 'auto' })
  }

  private transparency(root: StructElement): void {
    const tr = this.model.transparency
    if (!tr.methodology && !tr.correctionsPolicyUrl && !tr.contact && !tr.funding) return
    const sect = this.t.struct('Sect')
    root.add(sect)
    this.heading2(sect, 'About this fact-check')
    if (tr.methodology) this.field(sect, 'How we check', tr.methodology)
    if (tr.correctionsPolicyUrl)
      this.t.paragraph(sect, 'P', [label('Corrections policy'), { text: ' ' }, link(tr.correctionsPolicyUrl)], body)
    if (tr.contact) this.field(sect, 'Contact', tr.contact)
    if (tr.funding) this.field(sect, 'Funding', tr.funding)
    sect.end()
  }

  /** Counts by verdict and by status, and the verdicts as a stacked bar (a Figure with its description). */
  private summary(parent: StructElement, tally: Tally): void {
    const { t } = this
    const { verdicts, statuses } = this.model.summaryRows
    const count = (v: SummaryRow): number => tally.byVerdict[v.key] ?? 0
    const parts = verdicts.filter((v) => count(v) > 0)
    const description = parts.length === 0 ? 'No claims' : parts.map((v) => `${v.label}: ${count(v)}`).join(', ')
    t.ensure(120)
    const figure = t.struct('Figure', { alt: `Verdicts: ${description}` })
    parent.add(figure)
    figure.add(t.doc.markStructureContent('Figure'))
    const y = t.y + 3
    t.doc.save().roundedRect(t.left, y, t.width, 13, 2).fill('#eef1f4')
    let x = t.left
    for (const v of parts) {
      const w = (count(v) / Math.max(1, tally.claims)) * t.width
      t.doc.rect(x, y, w, 13).fill(v.colour)
      x += w
    }
    t.doc.restore()
    t.doc.endMarkedContent()
    figure.end()
    t.space(22)
    t.table(
      parent,
      {
        caption: 'By verdict',
        header: ['Verdict', 'Claims'],
        rows: [
          ...verdicts.map((v) => [[{ text: v.label }], [{ text: String(count(v)) }]]),
          [[{ text: 'All claims' }], [{ text: String(tally.claims) }]]
        ],
        widths: [3, 1],
        size: 9
      },
      true
    )
    t.table(
      parent,
      {
        caption: 'By status',
        header: ['Status', 'Claims'],
        rows: statuses.map((s) => [[{ text: s.label }], [{ text: String(tally.byStatus[s.key] ?? 0) }]]),
        widths: [3, 1],
        size: 9
      },
      true
    )
  }

  private async story(root: StructElement, story: ReportStory, index: number): Promise<void> {
    const { t, model } = this
    const sect = t.struct('Sect', story.language ? { lang: story.language } : {})
    root.add(sect)
    const outline = this.heading2(sect, story.title)
    const { facts, claimLog: byClaim, storyLog, cited, numbers } = printedStory(story)
    t.paragraph(sect, 'P', [{ text: facts.join(' · ') }, ...(story.url ? [{ text: ' · ' }, link(story.url)] : [])], {
      ...meta,
      direction: 'auto'
    })
    this.signOff(sect, story)
    this.corrections(sect, story, outline)
    this.summary(sect, story.tally)
    if (story.claims.length === 0) t.paragraph(sect, 'P', [{ text: 'No claims marked in this story.' }], body)
    for (const c of story.claims) {
      if (this.signal?.aborted) throw new Error('cancelled')
      t.owner = `${index}/${c.label}`
      this.claim(sect, c, numbers, byClaim.get(c.id) ?? [], outline)
      t.owner = String(index)
      this.written++
      if (this.written % 25 === 0) this.progress(this.written, model.totals.claims)
    }
    if (cited.size > 0) {
      this.heading3(sect, [{ text: 'Sources cited' }], outline, 'Sources cited')
      t.list(sect, [...cited.values()].map(citation), { ...small, size: 9, ordered: true, after: 2, direction: 'auto' })
    }
    if (storyLog.length > 0) {
      this.heading3(sect, [{ text: 'Activity log' }], outline, 'Activity log')
      t.table(sect, {
        header: ['When', 'Who', 'What', 'Details'],
        rows: storyLog.map((a) => [
          [{ text: formatDateTime(a.at) }],
          [{ text: a.by }],
          [{ text: a.action }],
          [{ text: a.summary }]
        ]),
        widths: [2, 1.5, 1.5, 4],
        size: 8.5
      })
    }
    sect.end()
    this.progress(this.written, model.totals.claims)
    // Let a cancel or a progress message through between stories.
    await new Promise((resolve) => setImmediate(resolve))
  }

  private signOff(parent: StructElement, story: ReportStory): void {
    const s = story.signOff
    if (!s) return
    const when = `${s.by}, ${formatDateTime(s.at)}`
    if (!s.override) {
      this.t.paragraph(parent, 'P', [{ text: `Signed off by ${when}: every claim Done with a current verdict.` }], {
        ...body,
        after: 6
      })
      return
    }
    const div = this.t.struct('Div')
    parent.add(div)
    const red: BlockStyle = { ...body, bar: '#c62828' }
    this.t.paragraph(div, 'P', [{ text: 'Signed off with an override', font: 'bold' }, { text: ` by ${when}.` }], red)
    this.t.paragraph(div, 'P', [{ text: `Reason: ${s.override.reason}` }], red)
    this.t.paragraph(div, 'P', [{ text: 'Claims that blocked sign-off:' }], red)
    this.t.list(
      div,
      s.override.blockers.map((b) => [{ text: `• ${b}` }]),
      { ...red, after: 1 }
    )
    div.end()
    this.t.space(6)
  }

  private corrections(parent: StructElement, story: ReportStory, outline: Outline): void {
    if (story.corrections.length === 0) return
    this.heading3(parent, [{ text: 'Corrections' }], outline, 'Corrections')
    this.t.list(
      parent,
      story.corrections.map((c) => [
        {
          text: `${formatDateTime(c.at)}${c.claimLabels.length > 0 ? ` (${c.claimLabels.join(', ')})` : ''}: ${c.note}\n`
        },
        label('What changed'),
        { text: ` ${c.what} · ${c.by}` }
      ]),
      { ...body, ordered: true, direction: 'auto' }
    )
  }

  private claim(
    parent: StructElement,
    c: ReportClaim,
    numbers: ReadonlyMap<string, number>,
    activity: readonly ReportActivity[],
    outline: Outline
  ): void {
    const { t } = this
    const art = t.struct('Art')
    parent.add(art)
    t.ensure(90)
    t.artifact([
      stroke(
        t.left,
        t.left + t.width,
        t.y + 3,
        0.75,
        c.needsRecheck ? '#8250df' : '#8c959f',
        c.orphaned ? [3, 2] : undefined
      )
    ])
    t.space(5)
    const badge = (text: string, background: string, colour = '#ffffff', strike = false): Run[] => [
      { text: ' ' },
      { text: ` ${text} `, size: 8, font: 'bold', background, colour, strike }
    ]
    const verdict = !c.verdict
      ? badge('No verdict yet', '#d0d5db', ink)
      : c.needsRecheck
        ? [...badge('Needs re-check', '#8250df'), ...badge(c.verdictLabel, '#eaeef2', grey, true)]
        : badge(c.verdictLabel, c.verdictColour, textOn(c.verdictColour))
    this.heading3(
      art,
      [
        { text: c.label },
        ...verdict,
        ...badge(c.statusLabel, '#eaeef2', ink),
        ...(c.inHeadline ? badge('In the headline', '#0969da') : []),
        ...(c.orphaned
          ? badge(`Orphaned: no longer found in the story ${c.inHeadline ? 'headline' : 'text'}`, '#9a6700')
          : [])
      ],
      outline,
      `${c.label} ${c.needsRecheck ? 'Needs re-check' : c.verdict ? c.verdictLabel : 'No verdict yet'}`
    )
    t.paragraph(
      art,
      'BlockQuote',
      [{ text: c.before }, { text: c.quote, colour: ink, background: '#fff1a8' }, { text: c.after }],
      quote
    )
    if (c.needsRecheck) t.paragraph(art, 'P', [{ text: `The verdict waits for re-check: ${c.recheckReason}.` }], meta)
    if (c.checkedWords !== null) {
      t.paragraph(art, 'P', [label('Words the verdict was given on')], body)
      t.paragraph(art, 'BlockQuote', [{ text: c.checkedWords, colour: ink }], { ...quote, bar: '#8250df' })
    }
    t.paragraph(art, 'P', facts(c), { ...small, size: 8.5, after: 2 })
    if (c.restatement) this.field(art, 'Restated', c.restatement)
    if (c.rationale) this.field(art, 'Rationale', c.rationale)
    if (c.correction) this.field(art, 'Suggested correction', c.correction)
    if (c.evidence.length > 0) {
      t.paragraph(art, 'P', [label('Evidence')], { ...body, after: 0 })
      t.list(
        art,
        c.evidence.map((e) => evidenceRuns(e, numbers)),
        { ...body, indent: 8, ordered: true, after: 1 },
        (i, item) => {
          const excerpt = c.evidence[i]!.excerpt
          if (excerpt)
            t.paragraph(item, 'BlockQuote', [{ text: excerpt, colour: '#333333' }], {
              ...quote,
              indent: 16,
              colour: '#333333',
              bar: '#d8dee4',
              before: 0
            })
        }
      )
    } else t.paragraph(art, 'P', [label('Evidence'), { text: ' none recorded.' }], body)
    if (c.reviews.length > 0) {
      t.paragraph(art, 'P', [label('Second review')], { ...body, after: 0 })
      t.list(
        art,
        c.reviews.map((r) => [
          {
            text: `${r.by} ${r.stance === 'agree' ? 'agrees' : 'dissents'} (${r.confidence} confidence${r.current ? '' : `, on the earlier verdict ${r.verdictLabel}`}), ${formatDateTime(r.at)}${r.note ? `: ${r.note}` : ''}`
          }
        ]),
        { ...small, direction: 'auto' }
      )
    }
    if (c.contacts && c.contacts.length > 0)
      t.table(art, {
        caption: 'CONTACT LOG',
        header: ['When', 'Who', 'Whom', 'How', 'Outcome', 'Notes', 'Follow up'],
        rows: c.contacts.map((x) => [
          [{ text: formatDateTime(x.at) }],
          [{ text: x.by }],
          [{ text: `${x.contact}${x.source ? ` (${x.source})` : ''}` }],
          [{ text: x.method }],
          [{ text: x.outcome }],
          [{ text: x.notes }],
          [{ text: x.followUp }]
        ]),
        widths: [2, 1.3, 1.6, 1, 1.2, 2.5, 1.2],
        size: 8
      })
    if (c.comments && c.comments.length > 0) {
      t.paragraph(art, 'P', [label('Comments')], { ...body, after: 0 })
      t.list(
        art,
        c.comments.map((m) => [{ text: `${m.by}, ${formatDateTime(m.at)}: ${m.body}` }]),
        { ...small, direction: 'auto' }
      )
    }
    if (activity.length > 0) {
      t.paragraph(art, 'P', [label('History')], { ...body, after: 0 })
      t.list(
        art,
        activity.map((a) => [{ text: `${formatDateTime(a.at)} · ${a.by} · ${a.summary}` }]),
        small
      )
    }
    art.end()
    t.space(4)
  }
}

/** The short facts on one line: "Type: Statistic · Speaker: Dana Ortiz · …". */
function facts(c: ReportClaim): Run[] {
  const parts: Run[][] = [[{ text: `Type: ${claimTypeLabels[c.type]}` }]]
  if (c.speaker) parts.push([{ text: `Speaker: ${c.speaker}` }])
  if (c.assignee) parts.push([{ text: `Assigned to: ${c.assignee}` }])
  if (c.verdictBy) parts.push([{ text: `Verdict given by ${c.verdictBy}, ${formatDateTime(c.verdictAt)}` }])
  parts.push([{ text: `Last changed: ${c.lastChangedBy}, ${formatDateTime(c.lastChangedAt)}` }])
  if (c.priority !== 'normal') parts.push([{ text: `Priority: ${c.priority}` }])
  if (c.tags.length > 0) parts.push([{ text: `Tags: ${c.tags.join(', ')}` }])
  if (c.publishedUrl) parts.push([{ text: 'Published fact-check: ' }, link(c.publishedUrl)])
  if (c.checkedAgainst) parts.push([{ text: `Checked against: ${c.checkedAgainst}` }])
  if (c.contacts?.length === 0) parts.push([{ text: 'Contact log: none' }])
  return joined(parts, ' · ')
}

/** One piece of evidence: stance, the source's title (linked) with its number in the story's list, where in it. */
function evidenceRuns(e: ReportEvidence, numbers: ReadonlyMap<string, number>): Run[] {
  return [
    { text: `${stanceLabels[e.stance]}:`, font: 'bold', colour: stanceColours[e.stance] },
    { text: ' ' },
    e.source.url ? link(e.source.url, e.source.title) : { text: e.source.title },
    { text: ` [${numbers.get(e.source.id) ?? '?'}]${e.locator ? `, ${e.locator}` : ''}` }
  ]
}

/** The full reference, printed once per story in its list of sources cited. */
function citation(s: ReportSource): Run[] {
  const parts: Run[] = []
  if (s.author) parts.push({ text: `${s.author}. ` })
  parts.push({ text: `${s.title}. `, font: 'bold' })
  if (s.publisher) parts.push({ text: `${s.publisher}${s.publishedAt ? ', ' : '. '}` })
  if (s.publishedAt) parts.push({ text: `${formatDate(s.publishedAt)}. ` })
  parts.push({ text: `(${sourceKindLabels[s.kind]})` })
  if (s.url) parts.push({ text: ' ' }, link(s.url))
  if (s.archiveUrl) parts.push({ text: ' Archived: ' }, link(s.archiveUrl))
  return parts
}

/** The report as a tagged PDF, and what it cannot show; `progress` hears how many claims are written. */
export function writePdf(
  model: ReportModel,
  progress: PdfProgress = () => {},
  signal?: AbortSignal
): Promise<WrittenPdf> {
  return new PdfReport(model, progress, signal).write()
}
