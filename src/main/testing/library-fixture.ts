// Builds large synthetic libraries for benchmarks in the store's own layout: N stories of M claims,
// each claim with one piece of evidence and five activity entries, and three revisions per story,
// as a desk's library looks after months of work.
import {
  defaultClaimFields,
  STORY_SCHEMA_VERSION,
  type Activity,
  type Claim,
  type Evidence,
  type Source,
  type StoryFile
} from '../../shared/model'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { writeCleanClose } from '../store/clean-close'
import { emptyLibrary } from '../store/file-kinds'
import { nodeFileIO, type FileIO } from '../store/file-io'
import { writeStoryFolder } from '../store/story-record'
import { summarise } from '../store/summary'

const at = '2026-11-25T10:00:00.000Z'
const sentence = (i: number): string =>
  `Officials said ${i * 3} percent of the ${i} regional budgets were spent before March, according to the ministry. `
export const BENCH_SOURCE = 'bench-source'
const ACTIVITY_PER_CLAIM = 5
const REVISIONS = 3

function storyText(words: number, revision: number): string {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < words; i++) {
    parts.push(revision > 1 && i % 40 === revision ? `In revision ${revision} this sentence was edited. ` : sentence(i))
    length += 17
    if (i % 5 === 4) parts.push('\n\n')
  }
  return parts.join('').trim()
}

export function syntheticStory(id: string, claimCount: number, words = 1200): StoryFile {
  const text = storyText(words, REVISIONS)
  const claims: Claim[] = []
  const evidence: Evidence[] = []
  const activity: Activity[] = []
  for (let c = 0; c < claimCount; c++) {
    const start = Math.max(0, text.indexOf('Officials', Math.floor((c / claimCount) * (text.length - 200))))
    const end = start + 60
    const claimId = `${id}-c${c}`
    claims.push({
      id: claimId,
      storyId: id,
      anchor: {
        part: 'body',
        quote: {
          type: 'TextQuoteSelector',
          exact: text.slice(start, end),
          prefix: text.slice(Math.max(0, start - 32), start),
          suffix: text.slice(end, end + 32)
        },
        position: { type: 'TextPositionSelector', start, end },
        revision: REVISIONS
      },
      number: c + 1,
      orphaned: false,
      checked: null,
      recheck: null,
      contacts: [],
      reviews: [],
      ...defaultClaimFields,
      type: 'statistic',
      status: c % 3 === 0 ? 'done' : 'in_progress',
      verdict: c % 3 === 0 ? 'accurate' : null,
      rationale: c % 3 === 0 ? 'Matches table 4 of the ministry release.' : '',
      comments: [],
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      updatedBy: 'bench'
    })
    evidence.push({
      id: `${claimId}-e`,
      claimId,
      sourceId: BENCH_SOURCE,
      excerpt: 'Table 4: regional budgets spent by quarter.',
      stance: 'supports',
      locator: 'p. 12',
      appearance: false,
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at
    })
    const actions = ['claim.created', 'evidence.added', 'claim.updated', 'claim.updated', 'claim.commented'] as const
    for (let a = 0; a < ACTIVITY_PER_CLAIM; a++) {
      activity.push({
        id: `${claimId}-a${a}`,
        at,
        by: 'bench',
        action: actions[a] ?? 'claim.updated',
        storyId: id,
        claimId,
        field: a === 2 ? 'status' : null,
        from: a === 2 ? 'open' : null,
        to: a === 2 ? 'in_progress' : null,
        summary: 'Bench history entry'
      })
    }
  }
  return {
    schemaVersion: STORY_SCHEMA_VERSION,
    story: {
      id,
      title: `Synthetic story ${id}`,
      outlet: 'Bench',
      byline: '',
      url: '',
      publishedAt: '',
      language: 'en',
      text,
      revision: REVISIONS,
      deskState: 'in_check',
      signOff: null,
      corrections: [],
      nextClaimNumber: claimCount + 1,
      origin: { kind: 'paste', location: '' },
      createdAt: at,
      updatedAt: at
    },
    revisions: Array.from({ length: REVISIONS }, (_, r) => ({
      revision: r + 1,
      text: storyText(words, r + 1),
      createdAt: at,
      createdBy: 'bench',
      note: `Revision ${r + 1}`
    })),
    claims,
    evidence,
    activity
  }
}

/** The source the synthetic stories' evidence cites. */
export const benchSource = (): Source => ({
  id: BENCH_SOURCE,
  url: 'https://example.org/budget',
  title: 'Regional budget release',
  publisher: 'Ministry',
  author: '',
  publishedAt: '',
  accessedAt: at,
  archiveUrl: '',
  kind: 'official_statement',
  reliability: 'high',
  notes: '',
  confidential: null,
  createdAt: at,
  updatedAt: at
})

export { benchIdentity } from './bench-identity'

/**
 * Writes a library as the store lays it out after a clean close (story folders, then library.json
 * with every story's index line, then clean-close.json), without fsync: a fixture of thousands of
 * stories needs no crash safety. The store then opens it as it would any library. Adds the "Bench Editor" and the source the evidence cites.
 */
async function writeLibrary(dir: string, stories: Iterable<StoryFile>): Promise<void> {
  await mkdir(path.join(dir, 'stories'), { recursive: true })
  await mkdir(path.join(dir, 'trash'), { recursive: true })
  const library = emptyLibrary()
  library.people.push({
    id: 'bench',
    name: 'Bench Editor',
    initials: 'BE',
    createdAt: at,
    active: true,
    formerNames: []
  })
  library.sources.push(benchSource())
  for (const file of stories) {
    const folder = path.join(dir, 'stories', file.story.id)
    await mkdir(folder)
    await writeStoryFolder(fixtureIO, folder, file)
    library.stories.push(summarise(file))
  }
  // Written last, so no story folder is newer than the index, and the marker a clean close leaves after it.
  await writeFile(path.join(dir, 'library.json'), JSON.stringify(library))
  await writeCleanClose(nodeFileIO, dir, () => new Date())
}

/** The store's file operations without fsync: a fixture of thousands of stories is written in seconds. */
const fixtureIO: FileIO = { ...nodeFileIO, writeFile: (file, data) => writeFile(file, data) }

/** `stories` x `claimsPerStory`, and optionally one big story with id "big". */
export async function buildLibrary(
  dir: string,
  stories: number,
  claimsPerStory: number,
  bigStory?: { claims: number; words: number }
): Promise<void> {
  const template = syntheticStory('template', claimsPerStory)
  function* all(): Generator<StoryFile> {
    if (bigStory) yield syntheticStory('big', bigStory.claims, bigStory.words)
    for (let s = 0; s < stories; s++) yield renamed(template, `story${s}`)
  }
  await writeLibrary(dir, all())
}

/**
 * A library of thousands of stories, fast. Story i is `${title} ${i}`, changed i minutes after the
 * first, so sorting by last change puts story 0 last.
 */
export async function buildManyStories(
  dir: string,
  count: number,
  { claims = 3, words = 150, title = 'Council budget story' } = {}
): Promise<void> {
  const start = Date.parse(at)
  function* all(): Generator<StoryFile> {
    for (let i = 0; i < count; i++) {
      const file = syntheticStory(`s${i}`, claims, words)
      const when = new Date(start + i * 60_000).toISOString()
      yield {
        ...file,
        story: {
          ...file.story,
          title: `${title} ${i}`,
          outlet: i % 2 ? 'Evening Post' : 'Morning Herald',
          updatedAt: when
        }
      }
    }
  }
  await writeLibrary(dir, all())
}

/** The template story under another id (much faster than building each story from scratch). */
function renamed(template: StoryFile, id: string): StoryFile {
  const swap = (value: string): string => value.replace('template', id)
  return {
    ...template,
    story: { ...template.story, id, title: `Synthetic story ${id}` },
    claims: template.claims.map((c) => ({ ...c, id: swap(c.id), storyId: id })),
    evidence: template.evidence.map((e) => ({ ...e, id: swap(e.id), claimId: swap(e.claimId) })),
    activity: template.activity.map((a) => ({
      ...a,
      id: swap(a.id),
      storyId: id,
      claimId: a.claimId === null ? null : swap(a.claimId)
    }))
  }
}
