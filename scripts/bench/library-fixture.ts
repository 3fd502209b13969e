// Builds large synthetic libraries for benchmarks: N stories of M claims each, written through the store.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { defaultClaimFields, STORY_SCHEMA_VERSION, type Claim, type StoryFile } from '../../src/shared/model'
import { LibraryStore } from '../../src/main/store/library-store'

const at = '2026-11-25T10:00:00.000Z'
const sentence = (i: number): string => `Officials said ${i * 3} percent of the ${i} regional budgets were spent before March, according to the ministry. `

export function syntheticStory(id: string, claimCount: number, words = 1200): StoryFile {
  const parts: string[] = []
  let length = 0
  for (let i = 0; length < words; i++) {
    parts.push(sentence(i))
    length += 17
    if (i % 5 === 4) parts.push('\n\n')
  }
  const text = parts.join('').trim()
  const claims: Claim[] = []
  for (let c = 0; c < claimCount; c++) {
    const start = text.indexOf('Officials', Math.floor((c / claimCount) * (text.length - 200)))
    const end = start + 60
    claims.push({
      id: `${id}-c${c}`,
      storyId: id,
      anchor: {
        quote: { type: 'TextQuoteSelector', exact: text.slice(start, end), prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
        position: { type: 'TextPositionSelector', start, end },
        revision: 1
      },
      number: c + 1,
      orphaned: false,
      checked: null,
      recheck: null,
      contacts: [],
      ...defaultClaimFields,
      type: 'statistic',
      comments: [],
      createdAt: at,
      createdBy: 'bench',
      updatedAt: at,
      updatedBy: 'bench'
    })
  }
  return {
    schemaVersion: STORY_SCHEMA_VERSION,
    story: { id, title: `Synthetic story ${id}`, outlet: 'Bench', byline: '', url: '', publishedAt: '', language: 'en', text, revision: 1, deskState: 'in_check', signOff: null, nextClaimNumber: claimCount + 1, origin: { kind: 'paste', location: '' }, createdAt: at, updatedAt: at },
    revisions: [{ revision: 1, text, createdAt: at, createdBy: 'bench', note: '' }],
    claims,
    evidence: [],
    activity: []
  }
}

export async function buildLibrary(dir: string, stories: number, claimsPerStory: number): Promise<void> {
  const store = await LibraryStore.open(dir)
  for (let s = 0; s < stories; s++) await store.createStory(syntheticStory(`story${s}`, claimsPerStory))
  await store.updateLibrary((l) => {
    l.people.push({ id: 'bench', name: 'Bench Editor', initials: 'BE', createdAt: at })
    l.settings.currentEditorId = 'bench'
  })
  await store.close()
}

/**
 * A library of thousands of stories, fast: the story files are written as they are, and the first
 * open of the folder indexes them all in one write (a new library, so nothing is reported as
 * recovered). Story i is `${title} ${i}`, changed i minutes after the first, so sorting by last
 * change puts story 0 last. Adds the "Bench Editor" and makes them current.
 */
export async function buildManyStories(dir: string, count: number, { claims = 3, words = 150, title = 'Council budget story' } = {}): Promise<void> {
  await mkdir(path.join(dir, 'stories'), { recursive: true })
  const start = Date.parse(at)
  for (let i = 0; i < count; i++) {
    const file = syntheticStory(`s${i}`, claims, words)
    const when = new Date(start + i * 60_000).toISOString()
    file.story = { ...file.story, title: `${title} ${i}`, outlet: i % 2 ? 'Evening Post' : 'Morning Herald', updatedAt: when }
    await writeFile(path.join(dir, 'stories', `s${i}.json`), JSON.stringify(file))
  }
  const store = await LibraryStore.open(dir)
  await store.updateLibrary((l) => {
    l.people.push({ id: 'bench', name: 'Bench Editor', initials: 'BE', createdAt: at })
    l.settings.currentEditorId = 'bench'
  })
  await store.close()
}
