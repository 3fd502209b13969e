// head.json: the first part of a story read without the rest is the story as saved, whatever saves
// (moves, additions, removals, evidence moved between claims) its journal holds since story.json was
// written; a head that does not describe story.json (rewritten outside, damaged, missing: a library
// from before heads) is never used, and the story read whole writes it again.
import { appendFile, mkdtemp, readFile, rm, truncate, unlink, utimes, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Claim, StoryFile } from '../../shared/model'
import { storyOrder } from '../../shared/rules/claims'
import { syntheticStory } from '../testing/library-fixture'
import { nodeFileIO, type FileIO } from './file-io'
import { LibraryStore } from './library-store'
import { recordJson } from './record-json'
import { HEAD_CLAIMS, headFileOf, headJson, headOf, StoryHead, type StoryStart } from './story-head'

/** The store's file operations without fsync: what a power cut does is the crash tests' part, not this file's. */
const io: FileIO = {
  ...nodeFileIO,
  writeFile: (file, data, flag) => writeFile(file, data, { flag }),
  appendFile: (file, data) => appendFile(file, data),
  fsyncFile: async () => undefined,
  fsyncDir: async () => undefined
}
const open = (dir: string): Promise<LibraryStore> => LibraryStore.open(dir, { lock: false, io })

let root: string
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-head-'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

const at = (n: number): string => new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString()

/** A story of `count` claims at distinct places in its text, each with one piece of evidence. */
function story(count: number, positions: number[]): StoryFile {
  const file = syntheticStory('s', count, 300)
  file.claims = file.claims.map((c, i) => moved({ ...c, createdAt: at(i) }, positions[i] ?? i))
  return file
}

const moved = (claim: Claim, start: number): Claim => ({
  ...claim,
  anchor: { ...claim.anchor, position: { ...claim.anchor.position, start, end: start + 20 } }
})

type Op =
  | { kind: 'move'; claim: number; to: number }
  | { kind: 'orphan'; claim: number }
  | { kind: 'add'; to: number }
  | { kind: 'remove'; claim: number }
  | { kind: 'evidence'; claim: number }
  | { kind: 'reattach'; from: number; to: number }
  | { kind: 'title' }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('move' as const), claim: fc.nat(), to: fc.nat({ max: 5000 }) }),
  fc.record({ kind: fc.constant('orphan' as const), claim: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), to: fc.nat({ max: 5000 }) }),
  fc.record({ kind: fc.constant('remove' as const), claim: fc.nat() }),
  fc.record({ kind: fc.constant('evidence' as const), claim: fc.nat() }),
  fc.record({ kind: fc.constant('reattach' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('title' as const) })
)

let made = 0
function apply(draft: StoryFile, change: Op, n: number): void {
  const pick = (i: number): Claim | undefined => draft.claims[i % Math.max(1, draft.claims.length)]
  const entry = { id: `op${n}`, at: at(10_000 + n), by: 'bench', storyId: 's', claimId: null, field: null }
  draft.activity.push({ ...entry, action: 'claim.updated', from: null, to: null, summary: change.kind })
  if (change.kind === 'move') {
    const claim = pick(change.claim)
    if (claim) claim.anchor.position = { ...claim.anchor.position, start: change.to, end: change.to + 20 }
  } else if (change.kind === 'orphan') {
    const claim = pick(change.claim)
    if (claim) claim.orphaned = true
  } else if (change.kind === 'add') {
    const template = draft.claims[0]
    if (template) draft.claims.push(moved({ ...template, id: `new${made++}`, createdAt: at(20_000 + n) }, change.to))
  } else if (change.kind === 'remove') {
    const claim = pick(change.claim)
    if (!claim) return
    draft.claims = draft.claims.filter((c) => c.id !== claim.id)
    draft.evidence = draft.evidence.filter((e) => e.claimId !== claim.id)
  } else if (change.kind === 'evidence') {
    const claim = pick(change.claim)
    const template = draft.evidence[0]
    if (claim && template) draft.evidence.push({ ...template, id: `ev${made++}`, claimId: claim.id })
  } else if (change.kind === 'reattach') {
    const evidence = draft.evidence[change.from % Math.max(1, draft.evidence.length)]
    const claim = pick(change.to)
    if (evidence && claim) evidence.claimId = claim.id
  } else draft.story.title = `Title after change ${n}`
}

/** The first part answers exactly the start of the story as saved: its first claims in story order, their evidence, the counts. */
function expectStartOf(start: StoryStart, file: StoryFile, asked: number): void {
  const ordered = [...file.claims].sort(storyOrder)
  expect(start.claims.map((c) => c.id)).toEqual(ordered.slice(0, start.claims.length).map((c) => c.id))
  expect(start.claims).toEqual(ordered.slice(0, start.claims.length))
  expect(start.claims.length).toBeGreaterThanOrEqual(Math.min(asked, ordered.length) / 2)
  const shown = new Set(start.claims.map((c) => c.id))
  const evidence = file.evidence.filter((e) => shown.has(e.claimId))
  expect([...start.evidence].sort(byId)).toEqual([...evidence].sort(byId))
  expect(start.story).toEqual(file.story)
  expect(start.claimCount).toBe(file.claims.length)
  expect(start.activityCount).toBe(file.activity.length)
  for (const e of file.evidence) expect(start.sourceIds.has(e.sourceId)).toBe(true)
}
const byId = (a: { id: string }, b: { id: string }): number => a.id.localeCompare(b.id)

let runs = 0
describe('the head of a story', () => {
  it('gives the first claims of the story as saved, with any journal of saves since story.json replayed over it (generated stories and saves)', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Mostly stories longer than a head, asked for a whole head: where claims it does not hold could be wrongly left out.
        fc.oneof(fc.integer({ min: HEAD_CLAIMS + 1, max: HEAD_CLAIMS + 60 }), fc.integer({ min: 1, max: HEAD_CLAIMS })),
        fc.array(fc.nat({ max: 5000 }), { minLength: HEAD_CLAIMS + 60, maxLength: HEAD_CLAIMS + 60 }),
        fc.array(op, { maxLength: 16 }),
        fc.nat({ max: 16 }),
        fc.oneof(fc.constant(HEAD_CLAIMS), fc.integer({ min: 1, max: HEAD_CLAIMS })),
        async (count, positions, ops, foldAfter, asked) => {
          const dir = path.join(root, `run${runs++}`)
          let writer = await open(dir)
          await writer.createStory(story(count, positions))
          for (const [n, change] of ops.entries()) {
            // A close folds the journal into story.json and writes the head again.
            if (n === foldAfter) {
              await writer.close()
              writer = await open(dir)
            }
            await writer.updateStory('s', (draft) => apply(draft, change, n))
          }
          // The writer is not closed: the next open finds its journal, as after a crash.
          const saved = await writer.readStory('s')
          const reader = await open(dir)
          const start = await reader.readStoryStart('s', asked)
          // A claim the head does not hold, moved to the top since, ends the first part before it (its evidence is
          // not in the head): with too few claims left the story is read whole. Nothing else does.
          const moves = ops.slice(foldAfter < ops.length ? foldAfter : 0).some((o) => o.kind === 'move')
          if (!moves) expect(start).not.toBeNull()
          if (start) expectStartOf(start, saved, asked)
          await reader.close()
          await writer.close()
        }
      ),
      { numRuns: 30 }
    )
  }, 240_000)

  it('is written as JSON.stringify writes it, its records from the texts story.json was written with', () => {
    for (const count of [0, 3, HEAD_CLAIMS, HEAD_CLAIMS + 7]) {
      const file = story(
        count,
        Array.from({ length: count }, (_, i) => (i * 37) % 4000)
      )
      // A record whose text was kept by an earlier write (record-json.ts) is written from that text.
      if (file.claims[0]) recordJson(file.claims[0])
      const revisions = file.revisions.map(({ text, ...r }) => ({ ...r, length: text.length }))
      const state = { ...file, revisions, schemaVersion: 7, activityLength: 4, journalSeq: 2 }
      const head = headOf('s', state, { bytes: 1234, modifiedAt: 1.5e12 })
      expect(headJson(head)).toBe(JSON.stringify(head))
      expect(StoryHead.parse(JSON.parse(headJson(head)))).toEqual(head)
    }
  })

  it('is not used once story.json changed after it, is damaged or missing (a library from before heads), and comes back when the story is read whole', async () => {
    const faults: ((dir: string) => Promise<void>)[] = [
      // story.json written again by something else (same bytes, another time).
      (dir) => utimes(path.join(dir, 'story.json'), new Date(Date.UTC(2030, 0, 1)), new Date(Date.UTC(2030, 0, 1))),
      async (dir) => {
        const bytes = await readFile(headFileOf(dir))
        bytes.writeUInt8((bytes.at(-40) ?? 0) ^ 1, bytes.length - 40)
        await writeFile(headFileOf(dir), bytes)
      },
      // Cut off in the middle (written without fsync, then a power cut).
      (dir) => truncate(headFileOf(dir), 1000),
      (dir) => unlink(headFileOf(dir))
    ]
    for (const [n, fault] of faults.entries()) {
      const dir = path.join(root, `fault${n}`)
      const writer = await open(dir)
      await writer.createStory(
        story(
          HEAD_CLAIMS + 20,
          Array.from({ length: HEAD_CLAIMS + 20 }, (_, i) => 4000 - i)
        )
      )
      await writer.close()
      await fault(path.join(dir, 'stories', 's'))
      const reader = await open(dir)
      expect(await reader.readStoryStart('s', HEAD_CLAIMS)).toBeNull()
      const file = await reader.readStory('s')
      await reader.close()
      const again = await open(dir)
      const start = await again.readStoryStart('s', HEAD_CLAIMS)
      expect(start).not.toBeNull()
      expectStartOf(start as StoryStart, file, HEAD_CLAIMS)
      // What was written is the head's format.
      const text = await readFile(headFileOf(path.join(dir, 'stories', 's')), 'utf8')
      expect(StoryHead.safeParse(JSON.parse(text.slice(text.indexOf('\n') + 1))).success).toBe(true)
      await again.close()
    }
  }, 120_000)
})
