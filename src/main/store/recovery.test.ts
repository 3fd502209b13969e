// Recovery that really restores: a real sequence of saves, folds into story.json and restarts, then
// one file of the library damaged from outside in one of several ways, then the next start. Every
// acknowledged claim must be back whenever a good copy of it exists, anything unreadable must be in
// recovered/ (never deleted), and each notice must say what was restored and what was not, truly.
import { cp, mkdtemp, readdir, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import type { Activity, StoryFile } from '../../shared/model'
import { syntheticStory } from '../testing/library-fixture'
import { LibraryStore } from './library-store'
import { summarise } from './summary'

const ID = 's1'
const at = '2026-11-25T10:00:00.000Z'
const pool = syntheticStory(ID, 40).claims
const base = (): StoryFile => ({ ...syntheticStory(ID, 0), activity: [] })

type Op =
  | { kind: 'add' }
  | { kind: 'edit'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'title' }
  | { kind: 'revise' }
  | { kind: 'restart' }

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ kind: 'add' } as Op) },
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: 'edit', pick }) as Op) },
  { weight: 1, arbitrary: fc.nat().map((pick) => ({ kind: 'remove', pick }) as Op) },
  { weight: 1, arbitrary: fc.constant({ kind: 'title' } as Op) },
  { weight: 1, arbitrary: fc.constant({ kind: 'revise' } as Op) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' } as Op) }
)

const storyFiles = ['story.json', 'story.json.bak', 'journal.jsonl', 'activity.jsonl'] as const
const libraryFiles = ['library.json', 'library.json.bak', 'index.jsonl'] as const
type Target = (typeof storyFiles)[number] | (typeof libraryFiles)[number]
const damages = ['deleted', 'emptied', 'truncated', 'zeroed', 'garbage', 'wrong shape', 'garbage lines'] as const
type Damage = (typeof damages)[number]

async function damage(file: string, how: Damage): Promise<boolean> {
  const bytes = await readFile(file).catch(() => null)
  if (bytes === null) return false
  if (how === 'deleted') await unlink(file)
  else if (how === 'emptied') await writeFile(file, '')
  else if (how === 'truncated') await writeFile(file, bytes.subarray(0, Math.floor(bytes.length / 2)))
  else if (how === 'zeroed') await writeFile(file, Buffer.alloc(Math.max(bytes.length, 16)))
  else if (how === 'garbage') await writeFile(file, 'this is not what Factdesk wrote {')
  else if (how === 'wrong shape') await writeFile(file, '{"schemaVersion":1}\n')
  else await writeFile(file, bytes.toString('utf8').replace(/[^\n]+/g, 'not a line Factdesk wrote'))
  return true
}

const roots: string[] = []
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true })
})

let counter = 0
function activityOf(text: string): Activity {
  counter++
  return {
    id: `act-${counter}`,
    at,
    by: 'ed',
    action: 'claim.updated',
    storyId: ID,
    claimId: null,
    field: null,
    from: null,
    to: null,
    summary: text
  }
}

/** Runs the ops through a real store; returns it (open, or closed when `close`) and the story as acknowledged. */
async function work(dir: string, ops: Op[], close: boolean): Promise<{ store: LibraryStore; acknowledged: StoryFile }> {
  let store = await LibraryStore.open(dir, { lock: false, compactAtBytes: 1500 })
  await store.createStory(base())
  await store.updateLibrary(
    (l) => void l.people.push({ id: 'ed', name: 'Ed', initials: 'E', createdAt: at, active: true, formerNames: [] })
  )
  let next = 0
  for (const o of ops) {
    if (o.kind === 'restart') {
      await store.close()
      store = await LibraryStore.open(dir, { lock: false, compactAtBytes: 1500 })
      continue
    }
    await store.updateStory(ID, (f) => {
      const n = f.claims.length
      if (o.kind === 'add' && next < pool.length) f.claims.push(structuredClone(pool[next++]!))
      else if (o.kind === 'edit' && n > 0) f.claims[o.pick % n]!.rationale = `Checked ${counter} against table 4.`
      else if (o.kind === 'remove' && n > 0) f.claims.splice(o.pick % n, 1)
      else if (o.kind === 'title') f.story.title = `Title ${counter}`
      else if (o.kind === 'revise') {
        const revision = f.story.revision + 1
        f.story.text = `${f.story.text} Revision ${revision} adds a sentence.`
        f.story.revision = revision
        f.revisions.push({ revision, text: f.story.text, createdAt: at, createdBy: 'ed', note: '' })
      }
      f.activity.push(activityOf(o.kind))
    })
  }
  const acknowledged = structuredClone(await store.readStory(ID))
  // Without a close, the files are as a crash right now would leave them (nothing is still being written).
  if (close) await store.close()
  else await store.settle()
  return { store, acknowledged }
}

const journalLines = async (file: string): Promise<number> =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).length

describe('recovery after damage from outside', () => {
  it('brings back every acknowledged claim whenever a good copy exists, keeps what it cannot read in recovered/, and says truly what it did', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { minLength: 3, maxLength: 25 }),
        fc.constantFrom<Target>(...storyFiles, ...libraryFiles),
        fc.constantFrom<Damage>(...damages),
        fc.boolean(),
        async (ops, target, how, close) => {
          const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-recovery-'))
          roots.push(root)
          const dir = path.join(root, 'library')
          const { store: first, acknowledged } = await work(dir, ops, close)
          const folder = path.join(dir, 'stories', ID)
          const file = (storyFiles as readonly string[]).includes(target)
            ? path.join(folder, target)
            : path.join(dir, target)
          // What the story holds without its journal: all a damaged journal can leave.
          const withoutJournal = path.join(root, 'without-journal')
          await cp(dir, withoutJournal, { recursive: true })
          await rm(path.join(withoutJournal, 'stories', ID, 'journal.jsonl'), { force: true })
          const pending = await journalLines(path.join(folder, 'journal.jsonl'))
          const stateBefore = JSON.parse(await readFile(path.join(folder, 'story.json'), 'utf8')) as {
            activityLength: number
          }
          if (!(await damage(file, how))) return
          // The file as damaged: what recovered/ must keep.
          const found = await readFile(file).catch(() => null)
          const store = await LibraryStore.open(dir, { lock: false })
          const story = await store.readStory(ID)
          const notices = store.notices
          const recovered = await readdir(path.join(dir, 'recovered')).catch(() => [] as string[])
          const kept = await Promise.all(recovered.map((name) => readFile(path.join(dir, 'recovered', name))))

          if (
            target === 'journal.jsonl' &&
            pending > 0 &&
            how !== 'deleted' &&
            how !== 'emptied' &&
            how !== 'truncated'
          ) {
            // The journal's changes are lost; the story is as its last fold left it, and the notice counts what was lost.
            const alone = await LibraryStore.open(withoutJournal, { lock: false })
            const expected = await alone.readStory(ID)
            await alone.close()
            expect(story.claims).toEqual(expected.claims)
            const notice = notices.find((n) => n.file.endsWith('journal.jsonl'))
            expect(notice?.kind).toBe('quarantined')
            expect(notice?.message).toContain('0 changes in it were restored')
            if (how === 'zeroed' || how === 'garbage')
              expect(notice?.message).toContain('its end could not be read at all')
            else {
              const lines = how === 'wrong shape' ? 1 : pending
              expect(notice?.message).toContain(`${lines} line${lines === 1 ? '' : 's'} of it could not be read`)
            }
            expect(kept.some((k) => found && k.equals(found))).toBe(true)
          } else if (target === 'journal.jsonl') {
            // Deleting or cutting a journal looks like nothing, or like a crash mid-append: undetectable, so not asserted here.
          } else {
            // Every other file has a good copy of every claim.
            expect(story.claims).toEqual(acknowledged.claims)
            expect(story.evidence).toEqual(acknowledged.evidence)
            expect(story.story).toEqual(acknowledged.story)
            if (target !== 'activity.jsonl') expect(story.activity).toEqual(acknowledged.activity)
            expect(store.library.stories.find((s) => s.id === ID)).toEqual(summarise(story))
          }

          if (target === 'story.json') {
            const restored = notices.find((n) => n.kind === 'recovered_from_backup')
            expect(restored?.message).toContain(
              `${story.claims.length} claim${story.claims.length === 1 ? '' : 's'} and ${story.evidence.length} piece`
            )
            expect(restored?.message).toContain('Nothing that was saved is missing.')
            if (pending > 0)
              expect(restored?.message).toContain(`the ${pending} change${pending === 1 ? '' : 's'} saved since`)
            else expect(restored?.message).not.toContain('saved since')
            if (how !== 'deleted') expect(kept.some((k) => found && k.equals(found))).toBe(true)
          }
          if (target === 'activity.jsonl' && stateBefore.activityLength > 0) {
            const notice = notices.find((n) => n.file.endsWith('activity.jsonl'))
            const unread =
              stateBefore.activityLength -
              (story.activity.length - (acknowledged.activity.length - stateBefore.activityLength))
            expect(unread).toBeGreaterThan(0)
            expect(notice?.message).toContain(
              `${unread} ${unread === 1 ? 'entry' : 'entries'} of ${stateBefore.activityLength} could not be read`
            )
            if (how !== 'deleted') expect(kept.some((k) => found && k.equals(found))).toBe(true)
          }
          if (target === 'library.json') {
            expect(store.library.people.map((p) => p.id)).toEqual(['ed'])
            expect(notices.map((n) => n.kind)).toEqual(
              how === 'deleted' ? ['recovered_from_backup'] : ['quarantined', 'recovered_from_backup']
            )
          }
          // Nothing is lost on the next start either, and the damage is not told twice.
          const after = structuredClone(story)
          await store.close()
          const again = await LibraryStore.open(dir, { lock: false })
          expect(await again.readStory(ID)).toEqual(after)
          expect(again.notices).toEqual([])
          await again.close()
          if (!close) await first.close().catch(() => undefined)
          expect((await stat(dir)).isDirectory()).toBe(true)
        }
      ),
      { numRuns: 60, seed: 20261206 }
    )
  }, 240_000)
})
