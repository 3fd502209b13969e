// The helpers every change uses on a story's draft: findById finds the record the draft holds
// (whatever the change did to the list before), and logActivity appends to the log in order, in a
// draft (by a frozen copy) and outside one, also after entries pushed through the draft.
import fc from 'fast-check'
import { Immer } from 'immer'
import { describe, expect, it } from 'vitest'
import type { Activity, StoryFile } from '../../shared/model'
import { syntheticStory } from '../testing/library-fixture'
import { appendActivity, findById, logActivity, type StoreContext } from './context'

const drafts = new Immer({ autoFreeze: false })

type Op = { kind: 'push'; id: string } | { kind: 'remove'; at: number } | { kind: 'move'; from: number; to: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('push' as const), id: fc.constantFrom('new-1', 'new-2', 'x-c3') }),
  fc.record({ kind: fc.constant('remove' as const), at: fc.nat(40) }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(40), to: fc.nat(40) })
)

describe('findById', () => {
  it('finds in a draft the record the draft holds under that id, after any pushes, removals and moves', () => {
    const base = syntheticStory('x', 30, 200).claims
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 8 }),
        fc.constantFrom('x-c0', 'x-c3', 'x-c29', 'new-1', 'gone'),
        (ops, id) => {
          drafts.produce(base, (list) => {
            for (const o of ops) {
              if (o.kind === 'push') list.push({ ...(base[5] as (typeof base)[number]), id: o.id, rationale: o.id })
              else if (o.kind === 'remove') list.splice(o.at % Math.max(1, list.length), 1)
              else {
                const [moved] = list.splice(o.from % Math.max(1, list.length), 1)
                if (moved) list.splice(o.to % (list.length + 1), 0, moved)
              }
            }
            const found = findById(list, id)
            expect(found).toBe(list.find((r) => r.id === id))
            // What it returns is the draft's own record: a change made to it is saved.
            if (found) found.rationale = 'changed'
          })
          expect(findById(base, 'x-c3')).toBe(base[3])
        }
      )
    )
  })
})

describe('logActivity', () => {
  let n = 0
  const ctx = {
    now: () => new Date('2026-12-01T10:00:00.000Z'),
    newId: () => `a${n++}`
  } as StoreContext

  it('appends in order in a change, whoever appends (logActivity, the desk sync), and leaves the story it was made from alone', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('log', 'pull'), { maxLength: 6 }), (steps) => {
        const file = syntheticStory('s', 3, 100)
        const before = [...file.activity]
        const next = drafts.produce(file, (draft) => {
          for (const step of steps) {
            const length = draft.activity.length
            if (step === 'log') logActivity(ctx, draft as StoryFile, 'ed', { action: 'claim.updated', summary: 'x' })
            // As the desk sync adds entries pulled from the desk.
            else appendActivity(draft as StoryFile, [{ ...(before[0] as Activity), id: `pulled${n++}` }])
            expect(draft.activity.length).toBe(length + 1)
          }
        })
        expect(file.activity).toEqual(before)
        expect(next.activity.slice(0, before.length)).toEqual(before)
        const added = next.activity.slice(before.length)
        expect(added.map((a) => (a.id.startsWith('pulled') ? 'pull' : 'log'))).toEqual(steps)
        expect(new Set(next.activity.map((a) => a.id)).size).toBe(next.activity.length)
      })
    )
  })

  it('pushes to a story that is not a draft (a new story being built)', () => {
    const file = syntheticStory('s', 0, 50)
    const log = file.activity
    logActivity(ctx, file, 'ed', { action: 'story.created', summary: 'made' })
    expect(file.activity).toBe(log)
    expect(file.activity.at(-1)?.summary).toBe('made')
  })
})
