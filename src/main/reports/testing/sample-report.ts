// Test data for the report tests and benchmark: realistic story files that pass the model's zod schemas.
import type { ReportOptions } from '../../../shared/contract/transfer'
import {
  defaultSettings,
  Source,
  STORY_SCHEMA_VERSION,
  StoryFile,
  type Claim,
  type Evidence,
  type Person,
  type Settings
} from '../../../shared/model'
import type { ReportInput } from '../build'

export const at = (minutes: number): string => new Date(Date.UTC(2026, 10, 25, 9, 0) + minutes * 60_000).toISOString()

/** Text that must come out literally in every format: markup, quotes, commas, newlines, RTL, emoji, formulas. */
export const hostile = {
  script: '<script>alert("x")</script>',
  quotes: `He said "no", then 'yes', then, well, maybe`,
  arabic: 'قالت الوزارة إن 40% من الميزانية أنفقت',
  hebrew: 'המשרד אמר שהתקציב גדל',
  override: 'price \u202E001$ total',
  emoji: 'Fans 🎉 cheered 👍🏽',
  markdown: '*bold* _under_ [link](http://evil.example) | pipe <b>tag</b> # not a heading',
  formula: "=cmd|' /C calc'!A0"
}

export const people: Person[] = [
  { id: 'p-amira', name: 'Amira Haddad', initials: 'AH', createdAt: at(-10_000), active: true, formerNames: [] },
  { id: 'p-jonas', name: 'Jonas Berg', initials: 'JB', createdAt: at(-9_000), active: true, formerNames: [] },
  { id: 'p-unused', name: 'Not In This Report', initials: 'NR', createdAt: at(-8_000), active: true, formerNames: [] }
]

const sourceDates = { createdAt: at(-100), updatedAt: at(-100) }

export const sources: Source[] = [
  {
    id: 's-budget',
    url: 'https://www.riverton.example/budget/2026?utm_source=mail',
    title: 'Riverton adopted budget 2026',
    publisher: 'City of Riverton',
    author: 'Finance Office',
    publishedAt: at(-20_000),
    accessedAt: at(-100),
    archiveUrl: 'https://archive.example/web/2026/riverton-budget',
    kind: 'primary_document',
    reliability: 'high',
    notes: '',
    confidential: null,
    ...sourceDates
  },
  {
    id: 's-census',
    url: 'https://stats.example/census/riverton',
    title: 'Census 2025: Riverton, population table',
    publisher: 'National Statistics Office',
    author: '',
    publishedAt: at(-40_000),
    accessedAt: at(-90),
    archiveUrl: '',
    kind: 'dataset',
    reliability: 'high',
    notes: 'Table 4',
    confidential: null,
    ...sourceDates
  },
  {
    id: 's-interview',
    url: '',
    title: 'Phone interview with the council clerk',
    publisher: '',
    author: 'Jonas Berg',
    publishedAt: '',
    accessedAt: at(-80),
    archiveUrl: '',
    kind: 'interview',
    reliability: 'medium',
    notes: '',
    confidential: null,
    ...sourceDates
  },
  {
    id: 's-unused',
    url: 'https://unused.example/doc',
    title: 'A source no claim cites',
    publisher: '',
    author: '',
    publishedAt: '',
    accessedAt: '',
    archiveUrl: '',
    kind: 'other',
    reliability: 'unrated',
    notes: '',
    confidential: null,
    ...sourceDates
  }
]

export const settings: Settings = {
  ...defaultSettings,
  organisationName: 'Riverton Ledger Fact Check',
  organisationUrl: 'https://ledger.example',
  factCheckBaseUrl: 'https://ledger.example/fact-checks/budget'
}

export const allOptions: ReportOptions = {
  includeExcerpts: true,
  includeActivity: true,
  includeOrphaned: true,
  internal: true
}

const baseText = [
  'Riverton council approves record budget',
  'The Riverton city council approved a budget of $4.2 million on Tuesday, the largest in the city’s history, Mayor Dana Ortiz said.',
  'Ortiz said the city’s population had grown by 12 percent since 2020. “We have never spent more on schools,” she told reporters.',
  'Council member Lee Park said the new bus line would cut commuting times in half by 2028.'
].join('\n\n')

type ClaimFields = Partial<Omit<Claim, 'id' | 'storyId' | 'anchor'>>

/** Claim numbers in the order the sample marks them, which is not the order of their words. */
const numbers = new Map<string, number>()

function claimOn(storyId: string, text: string, id: string, words: string, fields: ClaimFields = {}): Claim {
  const start = text.indexOf(words)
  if (start === -1) throw new Error(`sample claim words not in text: ${words}`)
  const end = start + words.length
  const number = (numbers.get(storyId) ?? 0) + 1
  numbers.set(storyId, number)
  const quote = {
    type: 'TextQuoteSelector' as const,
    exact: words,
    prefix: text.slice(Math.max(0, start - 32), start),
    suffix: text.slice(end, end + 32)
  }
  const checked =
    fields.verdict || fields.status === 'done'
      ? { exact: words, prefix: quote.prefix, suffix: quote.suffix, revision: 1, at: at(20), by: 'p-amira' }
      : null
  return {
    id,
    storyId,
    number,
    anchor: { part: 'body', quote, position: { type: 'TextPositionSelector', start, end }, revision: 1 },
    orphaned: false,
    restatement: '',
    type: 'statistic',
    speaker: '',
    status: 'open',
    verdict: null,
    rationale: '',
    correction: '',
    assignee: null,
    priority: 'normal',
    tags: [],
    publishedUrl: '',
    checkedAgainst: '',
    checked,
    recheck: null,
    comments: [],
    contacts: [],
    reviews: [],
    createdAt: at(10),
    createdBy: 'p-amira',
    updatedAt: at(20),
    updatedBy: 'p-amira',
    ...fields
  }
}

const evidence = (
  id: string,
  claimId: string,
  sourceId: string,
  stance: Evidence['stance'],
  excerpt: string,
  locator = ''
): Evidence => ({
  id,
  claimId,
  sourceId,
  stance,
  excerpt,
  locator,
  appearance: false,
  createdAt: at(30),
  createdBy: 'p-jonas',
  updatedAt: at(30)
})

/** The budget story: verdicts of several kinds, evidence, a comment, an orphaned claim, an activity log. */
export function budgetStory(id = 'story-budget'): StoryFile {
  numbers.delete(id)
  const text = baseText
  const claims = [
    // Deliberately out of text order, to prove the report sorts by position.
    claimOn(id, text, `${id}-bus`, 'the new bus line would cut commuting times in half by 2028', {
      type: 'prediction',
      speaker: 'Lee Park',
      status: 'waiting',
      assignee: 'p-jonas',
      createdAt: at(12)
    }),
    claimOn(id, text, `${id}-budget`, 'a budget of $4.2 million', {
      speaker: 'Dana Ortiz',
      status: 'done',
      verdict: 'accurate',
      rationale: 'Matches the adopted budget, page 3.',
      assignee: 'p-jonas',
      updatedBy: 'p-jonas',
      publishedUrl: 'https://ledger.example/fact-checks/budget-42m',
      tags: ['budget', 'council']
    }),
    claimOn(id, text, `${id}-largest`, 'the largest in the city’s history', {
      type: 'comparison',
      status: 'done',
      verdict: 'false',
      rationale: 'The 2019 budget was $4.6 million.\nAdjusted for inflation the gap is larger.',
      correction: 'a budget of $4.2 million, the largest since 2019'
    }),
    claimOn(id, text, `${id}-growth`, 'grown by 12 percent since 2020', {
      speaker: 'City of Riverton ministry of planning',
      status: 'done',
      verdict: 'unverifiable',
      rationale: 'The census only covers 2025.'
    }),
    claimOn(id, text, `${id}-schools`, '“We have never spent more on schools,”', {
      type: 'quote',
      speaker: 'Dana Ortiz',
      status: 'in_progress',
      verdict: 'needs_context',
      comments: [{ id: 'cm1', body: 'Check the 2019 schools line too.', by: 'p-jonas', at: at(25) }]
    })
  ]
  const orphan = claimOn(id, text, `${id}-orphan`, 'on Tuesday', { type: 'event', orphaned: true, status: 'open' })
  orphan.anchor.quote.exact = 'on Monday evening'
  claims.push(orphan)
  return StoryFile.parse({
    schemaVersion: STORY_SCHEMA_VERSION,
    story: {
      id,
      title: 'Riverton council approves record budget',
      outlet: 'Riverton Ledger',
      byline: 'Sam Reyes',
      url: 'https://ledger.example/news/record-budget',
      publishedAt: at(-60),
      language: 'en',
      text,
      revision: 1,
      deskState: 'in_check',
      signOff: null,
      corrections: [],
      nextClaimNumber: claims.length + 1,
      origin: { kind: 'paste', location: '' },
      createdAt: at(0),
      updatedAt: at(40)
    },
    revisions: [{ revision: 1, text, createdAt: at(0), createdBy: 'p-amira', note: 'First import' }],
    claims,
    evidence: [
      evidence('e1', `${id}-budget`, 's-budget', 'supports', 'Total appropriations: $4,200,000', 'p. 3'),
      evidence('e2', `${id}-largest`, 's-budget', 'contradicts', 'FY2019 total: $4,600,000', 'p. 12'),
      evidence('e3', `${id}-growth`, 's-census', 'context', 'Population 2025: 48,210', 'Table 4'),
      evidence('e4', `${id}-bus`, 's-interview', 'context', 'The clerk said no timetable exists yet.', '00:04:30')
    ],
    activity: [
      {
        id: 'a1',
        at: at(0),
        by: 'p-amira',
        action: 'story.created',
        storyId: id,
        claimId: null,
        field: null,
        from: null,
        to: null,
        summary: 'Story created'
      },
      {
        id: 'a2',
        at: at(20),
        by: 'p-jonas',
        action: 'claim.updated',
        storyId: id,
        claimId: `${id}-budget`,
        field: 'verdict',
        from: null,
        to: 'accurate',
        summary: 'Verdict set to Accurate'
      }
    ]
  })
}

/** A story whose every text field is hostile; its claims quote the hostile strings themselves. */
export function hostileStory(id = 'story-hostile'): StoryFile {
  numbers.delete(id)
  const values = Object.values(hostile)
  const text = `Notes from the hearing.\n\n${values.join('\n\n')}\n\nEnd of notes.`
  const claims = Object.entries(hostile).map(([key, words], i) =>
    claimOn(id, text, `${id}-${key}`, words, {
      speaker: hostile.markdown,
      rationale: `${words}\nsecond line, with a comma`,
      correction: hostile.formula,
      restatement: words,
      verdict: i % 2 === 0 ? 'misleading' : null,
      status: i % 2 === 0 ? 'done' : 'open',
      tags: [hostile.emoji]
    })
  )
  return StoryFile.parse({
    schemaVersion: STORY_SCHEMA_VERSION,
    story: {
      id,
      title: `Hearing ${hostile.script} "notes", ${hostile.arabic} ${hostile.emoji}`,
      outlet: hostile.quotes,
      byline: hostile.hebrew,
      url: '',
      publishedAt: '',
      language: 'en',
      text,
      revision: 1,
      deskState: 'draft',
      signOff: null,
      corrections: [],
      nextClaimNumber: claims.length + 1,
      origin: { kind: 'paste', location: '' },
      createdAt: at(0),
      updatedAt: at(5)
    },
    revisions: [{ revision: 1, text, createdAt: at(0), createdBy: 'p-amira', note: '' }],
    claims,
    evidence: [
      evidence(
        'eh1',
        `${id}-script`,
        's-budget',
        'contradicts',
        `${hostile.script} ${hostile.formula}`,
        hostile.markdown
      )
    ],
    activity: [
      {
        id: 'ah1',
        at: at(1),
        by: 'p-amira',
        action: 'story.created',
        storyId: id,
        claimId: null,
        field: null,
        from: null,
        to: null,
        summary: hostile.script
      }
    ]
  })
}

export const parseSources = (list: Source[]): Source[] => list.map((s) => Source.parse(s))

export function sampleInput(overrides: Partial<ReportInput> = {}): ReportInput {
  return { stories: [budgetStory()], sources, people, settings, options: allOptions, generatedAt: at(60), ...overrides }
}

const workedOn = [
  ['status', 'open', 'in_progress', 'Status changed to In progress'],
  ['assignee', null, 'p-jonas', 'Assigned to Jonas Berg'],
  ['rationale', '', 'Checked against the adopted budget.', 'Rationale written'],
  ['verdict', null, 'accurate', 'Verdict set to Accurate'],
  ['status', 'in_progress', 'done', 'Status changed to Done']
] as const

/** A rationale as a desk writes one for a worked claim: about 130 words, in three paragraphs. */
const longRationale = (c: number): string =>
  [
    `The figure matches the adopted budget (pass ${c}): total appropriations of $4,200,000 appear on page 3 of the document the council published after Tuesday's vote, and the finance office confirmed by email that no amendment was passed afterwards.`,
    'The comparison with earlier years holds only in nominal terms. Adjusted for inflation with the national consumer price index, the 2019 budget was larger, so "the largest in the city\'s history" needs the words "in cash terms" to be accurate.',
    "We asked the mayor's office which measure it used; a spokesperson said nominal figures are the city's usual practice. The census table gives the population used for the per-head figure."
  ].join('\n\n')

/** An excerpt as long as a desk quotes from a document: two or three sentences. */
const longExcerpt = (c: number, e: number): string =>
  `Table ${e + 1}, line ${c}: Total appropriations, all funds: $4,200,000. The amounts include the capital programme approved in March and exclude grants passed through to the county. Figures are in nominal dollars and are not adjusted for inflation.`

/**
 * The benchmark's library: `storyCount` copies of the budget story, each padded to `claimsPerStory`
 * claims; `activityPerClaim` log entries for every added claim, as a claim worked from open to done leaves.
 * `worked`: each added claim as the desk leaves it worked, with a restatement, a long rationale and three
 * pieces of evidence with long excerpts (the PDF bench's heavy case).
 */
export function largeInput(
  storyCount = 20,
  claimsPerStory = 50,
  { activityPerClaim = 0, worked = false } = {}
): ReportInput {
  const stories = Array.from({ length: storyCount }, (_, s) => {
    const file = budgetStory(`story-${s}`)
    const template = file.claims[1] as Claim
    for (let c = file.claims.length; c < claimsPerStory; c++) {
      file.claims.push({
        ...template,
        id: `story-${s}-x${c}`,
        number: c + 1,
        verdict: (['accurate', 'false', 'misleading', null] as const)[c % 4] ?? null,
        rationale: worked ? longRationale(c) : `Checked against the adopted budget, pass ${c}.`,
        restatement: worked
          ? `The council's 2026 budget, $4.2 million, is the largest the city has passed (pass ${c}).`
          : ''
      })
      const sourcesCited = worked
        ? (['s-budget', 's-census', 's-interview'] as const)
        : ([c % 2 ? 's-budget' : 's-census'] as const)
      sourcesCited.forEach((sourceId, e) =>
        file.evidence.push(
          evidence(
            `story-${s}-ev${c}-${e}`,
            `story-${s}-x${c}`,
            sourceId,
            e === 2 ? 'context' : 'supports',
            worked ? longExcerpt(c, e) : 'Total appropriations: $4,200,000',
            'p. 3'
          )
        )
      )
      for (let a = 0; a < activityPerClaim; a++) {
        const [field, from, to, summary] = workedOn[a % workedOn.length] as (typeof workedOn)[number]
        file.activity.push({
          id: `story-${s}-a${c}-${a}`,
          at: at(30 + a),
          by: a % 2 ? 'p-jonas' : 'p-amira',
          action: 'claim.updated',
          storyId: file.story.id,
          claimId: `story-${s}-x${c}`,
          field,
          from,
          to,
          summary
        })
      }
    }
    file.story.nextClaimNumber = file.claims.length + 1
    return file
  })
  return sampleInput({ stories })
}

/** The story as the desk clears it: signed off at `when`, with the sign-off in its log. */
export function signedOff(file: StoryFile, when = at(50), by = 'p-amira'): StoryFile {
  file.story.deskState = 'cleared'
  file.story.signOff = { at: when, by, override: null }
  file.activity.push({
    id: `${file.story.id}-signed-${file.activity.length}`,
    at: when,
    by,
    action: 'story.signed_off',
    storyId: file.story.id,
    claimId: null,
    field: null,
    from: null,
    to: null,
    summary: 'Signed off: every claim Done with a current verdict'
  })
  return file
}
