// The desk's memory: check-worthiness scores on CLEF CheckThat! 2024 dev-test, time to rank a
// 10,000-word story, matching quality on the committed evaluation set among 10,000 distractors,
// and one lookup against 10,000 checked claims in a real library (store, index and rerank).
import { readFile, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { DeskMemory } from '../../src/main/memory/memory'
import { evaluateMatching, matchingEvalSet } from '../../src/main/memory/testing/matching-eval'
import { WorthinessModel } from '../../src/main/memory/worthiness'
import { LibraryStore } from '../../src/main/store/library-store'
import { defaultClaimFields, type Claim, type StoryFile } from '../../src/shared/model'
import { storyFileOf } from '../../src/main/testing/story-file'
import { describe } from '../../src/shared/text/anchor'
import { readSplit, scoresAt } from '../checkworthy-data'
import { percentile, row, type Bench } from './types'

const at = '2026-11-25T10:00:00.000Z'
const modelPath = path.resolve('resources/checkworthy-model.json')

/** A story of `sentences` in paragraphs of five, with the given sentences marked as checked claims. */
function storyOf(id: string, sentences: string[], checked = false): StoryFile {
  const paragraphs: string[] = []
  for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(' '))
  const text = paragraphs.join('\n\n')
  const claims: Claim[] = []
  if (checked) {
    let from = 0
    sentences.forEach((s, n) => {
      const start = text.indexOf(s, from)
      from = start + s.length
      claims.push({ ...defaultClaimFields, verdict: 'accurate', id: `${id}-c${n}`, number: n + 1, checked: null, recheck: null, contacts: [], storyId: id, anchor: describe(text, start, start + s.length, 1, 'body'), orphaned: false, comments: [], createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench' })
    })
  }
  return storyFileOf(id, { story: { title: `Bench ${id}`, text, deskState: 'in_check' }, claims, by: 'bench' })
}

const timed = async (work: () => Promise<unknown>): Promise<number> => (await measured(work)).wall

/** Wall time and this process's CPU time of one call: on a loaded machine the two tell waiting from working. */
async function measured(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpu = process.cpuUsage()
  const t = performance.now()
  await work()
  const used = process.cpuUsage(cpu)
  return { wall: performance.now() - t, cpu: (used.user + used.system) / 1000 }
}

const bench: Bench = {
  name: 'memory',
  async run() {
    const rows = []
    const modelText = await readFile(modelPath, 'utf8')
    const model = WorthinessModel.fromFile(JSON.parse(modelText))
    const devTest = readSplit('dev-test')
    const scores = scoresAt(
      devTest.map((d) => model.score(d.text)),
      devTest,
      model.threshold
    )
    rows.push(row(`check-worthiness precision (Yes), CheckThat! 2024 dev-test, ${devTest.length} sentences`, scores.precision, ''))
    rows.push(row('check-worthiness recall (Yes), dev-test', scores.recall, ''))
    rows.push(row('check-worthiness F1 (Yes), dev-test', scores.f1, '', { min: 0.85 }))
    rows.push(row('check-worthiness model file size', Buffer.byteLength(modelText) / 1024, 'KB'))

    const train = readSplit('train').map((d) => d.text)
    const dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-memory-bench-'))
    try {
      const store = await LibraryStore.open(dir)
      // A 10,000-word story from debate sentences.
      const words: string[] = []
      let count = 0
      for (const s of train) {
        if (count >= 10_000) break
        words.push(s)
        count += s.split(/\s+/).length
      }
      const long = storyOf('long', words)
      const memory = new DeskMemory(() => store, modelPath)
      const cold = await timed(() => memory.suggest(long))
      const warm: { wall: number; cpu: number }[] = []
      for (let i = 0; i < 50; i++) warm.push(await measured(() => memory.suggest(long)))
      rows.push(row('rank a 10,000-word story, cold (loads the model)', cold, 'ms'))
      rows.push(row('rank a 10,000-word story, warm p95 of 50', percentile(warm.map((w) => w.wall), 95), 'ms', { max: 200 }))
      rows.push(row('rank a 10,000-word story, warm p95 CPU time', percentile(warm.map((w) => w.cpu), 95), 'ms'))

      const distractors = train.slice(0, 10_000)
      const quality = evaluateMatching(matchingEvalSet(), distractors)
      rows.push(row(`matching recall@5, ${quality.positives} reworded claims among ${distractors.length} others`, quality.recallAt5, '', { min: 0.9 }))
      rows.push(row('matching MRR', quality.mrr, ''))
      rows.push(row(`negated / changed-figure variants kept out (${quality.negatives})`, quality.negativesKeptOut, '', { min: 1 }))
      rows.push(row('negated / changed-figure variants ranked below the true matches', quality.negativesRankedBelow, '', { min: 1 }))

      // 10,000 checked claims in 100 stories of 100, then one lookup at a time through the memory.
      for (let s = 0; s < 100; s++) await store.createStory(storyOf(`lib${s}`, distractors.slice(s * 100, s * 100 + 100), true))
      const queries = matchingEvalSet().flatMap((c) => c.match.map(([, text]) => text))
      const coldLookup = await timed(() => memory.lookup(queries[0] as string))
      const lookups: { wall: number; cpu: number }[] = []
      for (let round = 0; round < 3; round++) for (const q of queries) lookups.push(await measured(() => memory.lookup(q)))
      rows.push(row(`index ${memory.indexedClaims} checked claims + first lookup, cold`, coldLookup, 'ms'))
      rows.push(row(`one lookup against ${memory.indexedClaims} checked claims, warm p95 of ${lookups.length}`, percentile(lookups.map((l) => l.wall), 95), 'ms', { max: 20 }))
      rows.push(row('one lookup against 10,000 checked claims, warm p95 CPU time', percentile(lookups.map((l) => l.cpu), 95), 'ms'))
      await store.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
    return rows
  }
}

export default bench
