import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Activity } from '../../../shared/model'
import { StoryFollower, type StoryWrite } from './follow'

const activity = (id: string): Activity => ({
  id,
  at: '2026-01-01T00:00:00.000Z',
  by: 'p',
  action: 'claim.updated',
  storyId: 's',
  claimId: null,
  field: null,
  from: null,
  to: null,
  summary: id
})
const write = (version: number, callIds: string[]): StoryWrite => ({
  version,
  callIds,
  updatedAt: `2026-01-01T00:00:0${version % 10}.000Z`,
  activity: [activity(`a${version}`)]
})

describe('StoryFollower', () => {
  it('takes in an own edit announced before main answers, with no fetch', () => {
    const f = new StoryFollower()
    expect(f.fetched(0)).toBe(true)
    f.sent(['e1'])
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'none' })
    expect(f.answered(['e1'])).toEqual({ fold: true, writes: [write(1, ['e1'])] })
  })

  it('takes in an own edit announced after main answered, with no fetch', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    expect(f.answered(['e1'])).toEqual({ fold: true, writes: [] })
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'absorb', writes: [write(1, ['e1'])] })
  })

  it('fetches again when a fetch loaded after the answer does not hold the own write announced later', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    f.answered(['e1'])
    expect(f.fetched(0)).toBe(true) // read before the write: it replaced the record folded in
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'fetch' })
    expect(f.fetched(1)).toBe(true)
  })

  it('fetches someone else’s write that arrives between an edit’s call and its answer, and keeps the edit', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    expect(f.heard(write(1, []))).toEqual({ kind: 'fetch' })
    expect(f.heard(write(2, ['e1']))).toEqual({ kind: 'none' })
    // The fetch was read after the other write but before the edit: loaded, and the answer folds the edit in after it.
    expect(f.fetched(1)).toBe(true)
    expect(f.answered(['e1'])).toEqual({ fold: true, writes: [write(2, ['e1'])] })
  })

  it('does not fold an own record a fetch loaded since already holds, with newer writes from others', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'none' })
    f.heard(write(2, []))
    expect(f.fetched(2)).toBe(true)
    expect(f.answered(['e1'])).toEqual({ fold: false, writes: [write(1, ['e1'])] })
  })

  it('fetches again when an own record folded in before its announcement may have overwritten newer writes loaded first', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    f.heard(write(2, []))
    expect(f.fetched(2)).toBe(true) // read after the edit (1) and another write (2), heard before the edit's announcement
    expect(f.answered(['e1'])).toEqual({ fold: true, writes: [] })
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'fetch' })
  })

  it('refuses a fetch older than a write heard of, and one older than an own record already folded in', () => {
    const f = new StoryFollower()
    f.fetched(0)
    expect(f.heard(write(1, ['someone-else']))).toEqual({ kind: 'fetch' })
    f.sent(['e1'])
    f.heard(write(2, ['e1']))
    f.answered(['e1'])
    expect(f.fetched(0)).toBe(false)
    expect(f.fetched(1)).toBe(false)
    expect(f.fetched(2)).toBe(true)
  })

  it('does not fetch a write the story already fetched holds', () => {
    const f = new StoryFollower()
    f.fetched(5)
    expect(f.heard(write(4, []))).toEqual({ kind: 'none' })
    expect(f.heard(write(5, ['x']))).toEqual({ kind: 'none' })
    expect(f.heard(write(6, []))).toEqual({ kind: 'fetch' })
  })

  it('after a failed edit fetches only if it wrote anyway; its later announcement is someone else’s', () => {
    const f = new StoryFollower()
    f.fetched(0)
    f.sent(['e1'])
    expect(f.failed(['e1'])).toBe(false)
    expect(f.heard(write(1, ['e1']))).toEqual({ kind: 'fetch' })
    f.fetched(1)
    f.sent(['e2'])
    f.heard(write(2, ['e2']))
    expect(f.failed(['e2'])).toBe(true)
  })
})

// A model of main and the window: main runs calls in the order they were sent, numbers writes and
// announces them in that order; its answers arrive in any order (handlers await for different
// times) and interleave with the announcements as fast-check picks. The window folds edit answers
// in the order the edits were sent, as the store's edit path does. Whatever the order, the
// story shown ends as main holds it, and edits alone never cost a fetch.
type Msg =
  | { kind: 'announce'; write: StoryWrite }
  | { kind: 'edit-reply'; id: string; key: string; value: number; ok: boolean }
  | { kind: 'fetch-reply'; version: number; state: Record<string, number>; activity: string[] }
type Request = { kind: 'edit'; id: string; key: string; value: number; fails: boolean } | { kind: 'fetch' }
type Step =
  | { kind: 'edit'; key: string; fails: boolean }
  | { kind: 'foreign'; key: string }
  | { kind: 'main' }
  | { kind: 'announce' }
  | { kind: 'reply'; pick: number }

function simulate(steps: Step[]): {
  shown: Record<string, number>
  main: Record<string, number>
  shownActivity: string[]
  mainActivity: string[]
  fetches: number
} {
  const main = { state: {} as Record<string, number>, version: 0, activity: [] as string[] }
  const requests: Request[] = []
  const announcements: Msg[] = []
  const replies: Msg[] = []
  const f = new StoryFollower()
  let saved = { state: {} as Record<string, number>, activity: [] as string[] }
  let fetching = false
  let fetches = 0
  let ids = 0
  let values = 0
  /** Edits sent and not yet folded, in the order sent; answers that came early wait here. */
  const unfolded: string[] = []
  const early = new Map<string, Extract<Msg, { kind: 'edit-reply' }>>()
  const fold = (msg: Extract<Msg, { kind: 'edit-reply' }>): void => {
    if (msg.ok) {
      const answer = f.answered([msg.id])
      if (answer.fold) saved = { ...saved, state: { ...saved.state, [msg.key]: msg.value } }
      absorb(answer.writes)
    } else if (f.failed([msg.id])) fetch()
  }

  const mainWrite = (key: string, value: number, callIds: string[]): StoryWrite => {
    main.state = { ...main.state, [key]: value }
    const w = write(++main.version, callIds)
    main.activity = [...main.activity, ...w.activity.map((a) => a.id)]
    announcements.push({ kind: 'announce', write: w })
    return w
  }
  const fetch = (): void => {
    if (fetching) return
    fetching = true
    fetches++
    requests.push({ kind: 'fetch' })
  }
  const absorb = (writes: StoryWrite[]): void => {
    const known = new Set(saved.activity)
    saved = {
      ...saved,
      activity: [...saved.activity, ...writes.flatMap((w) => w.activity.map((a) => a.id)).filter((a) => !known.has(a))]
    }
  }
  const runMain = (): boolean => {
    const request = requests.shift()
    if (!request) return false
    if (request.kind === 'fetch')
      replies.push({ kind: 'fetch-reply', version: main.version, state: main.state, activity: main.activity })
    else if (request.fails)
      replies.push({ kind: 'edit-reply', id: request.id, key: request.key, value: request.value, ok: false })
    else {
      mainWrite(request.key, request.value, [request.id])
      replies.push({ kind: 'edit-reply', id: request.id, key: request.key, value: request.value, ok: true })
    }
    return true
  }
  const deliver = (queue: Msg[], pick = 0): boolean => {
    const msg = queue.splice(pick % Math.max(queue.length, 1), 1)[0]
    if (!msg) return false
    if (msg.kind === 'announce') {
      const heard = f.heard(msg.write)
      if (heard.kind === 'fetch') fetch()
      else if (heard.kind === 'absorb') absorb(heard.writes)
    } else if (msg.kind === 'edit-reply') {
      early.set(msg.id, msg)
      while (unfolded.length > 0 && early.has(unfolded[0]!)) {
        const next = early.get(unfolded.shift()!)!
        early.delete(next.id)
        fold(next)
      }
    } else {
      fetching = false
      if (!f.fetched(msg.version)) fetch()
      else saved = { state: msg.state, activity: msg.activity }
    }
    return true
  }

  // The story is open: its first fetch has come back.
  f.fetched(0)
  for (const step of steps) {
    if (step.kind === 'edit') {
      const id = `e${++ids}`
      f.sent([id])
      unfolded.push(id)
      requests.push({ kind: 'edit', id, key: step.key, value: ++values, fails: step.fails })
    } else if (step.kind === 'foreign') mainWrite(step.key, ++values, [])
    else if (step.kind === 'main') runMain()
    else if (step.kind === 'announce') deliver(announcements)
    else deliver(replies, step.pick)
  }
  // Then everything still on its way arrives, main first.
  while (runMain() || deliver(announcements) || deliver(replies)) {
    /* drain */
  }
  return {
    shown: saved.state,
    main: main.state,
    shownActivity: [...saved.activity].sort(),
    mainActivity: [...main.activity].sort(),
    fetches
  }
}

const key = fc.constantFrom('status', 'verdict')
const step = (foreign: boolean): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ kind: fc.constant('edit' as const), key, fails: fc.integer({ min: 0, max: 6 }).map((n) => n === 0) }),
    ...(foreign ? [fc.record({ kind: fc.constant('foreign' as const), key })] : []),
    fc.constant<Step>({ kind: 'main' }),
    fc.constant<Step>({ kind: 'announce' }),
    fc.record({ kind: fc.constant('reply' as const), pick: fc.nat(4) })
  )

describe('StoryFollower against a model of main, in every order', () => {
  it('ends showing what main holds, with someone else’s writes among the edits', () => {
    fc.assert(
      fc.property(fc.array(step(true), { maxLength: 14 }), (steps) => {
        const run = simulate(steps)
        expect(run.shown).toEqual(run.main)
        expect(run.shownActivity).toEqual(run.mainActivity)
      }),
      { numRuns: 10000 }
    )
  })

  it('never fetches for the view’s own edits, failed ones included, whatever the order', () => {
    fc.assert(
      fc.property(fc.array(step(false), { maxLength: 14 }), (steps) => {
        const run = simulate(steps)
        expect(run.shown).toEqual(run.main)
        expect(run.fetches).toBe(0)
      }),
      { numRuns: 10000 }
    )
  })
})
