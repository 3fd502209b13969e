import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LibraryChange, MAX_INPUT_DEPTH, MAX_INPUT_VALUES } from '../shared/contract'
import { appSender, openTestCore, withEditor, type TestCore } from './testing/test-core'

let t: TestCore
let storyId: string

/** Every byte of every file in the library, to prove a rejected call changed nothing. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {}
  for (const sub of ['', 'stories', 'trash']) {
    for (const name of await readdir(path.join(dir, sub))) {
      if (name.endsWith('.json')) files[path.join(sub, name)] = await readFile(path.join(dir, sub, name), 'utf8')
    }
  }
  return files
}

beforeEach(async () => {
  t = await openTestCore()
  await withEditor(t)
  storyId = (await t.call('stories.list', {}))[0]!.id
})
afterEach(() => t.cleanup())

const rejected = async (channel: unknown, input: unknown, sender = appSender) => {
  const before = await snapshot(t.dir)
  const result = await t.core.dispatch(channel, input, sender)
  expect(await snapshot(t.dir)).toEqual(before)
  if (result.ok) throw new Error(`expected ${String(channel)} to fail`)
  return result.error
}

describe('dispatch', () => {
  it('runs a valid call and returns its value', async () => {
    const result = await t.core.dispatch('stories.list', {}, appSender)
    expect(result).toMatchObject({ ok: true, value: [{ id: storyId, title: expect.stringContaining('Trump') }] })
  })

  it('rejects an unknown channel', async () => {
    expect((await rejected('stories.drop', {})).code).toBe('unknown_channel')
    expect((await rejected('__proto__', {})).code).toBe('unknown_channel')
    expect((await rejected(42, {})).code).toBe('unknown_channel')
  })

  it('rejects wrong types, missing keys and extra keys with the path of the problem', async () => {
    const wrongType = await rejected('stories.get', { id: 5 })
    expect(wrongType).toMatchObject({ code: 'invalid_input', issues: [{ path: 'id' }] })
    expect((await rejected('claims.update', { storyId, claimId: 'x' })).issues?.[0]?.path).toBe('patch')
    expect((await rejected('stories.update', { id: storyId, patch: { title: 'New' }, sneaky: true })).code).toBe(
      'invalid_input'
    )
    expect(
      (await rejected('stories.update', { id: storyId, patch: { title: 'New', deskState: 'published' } })).code
    ).toBe('invalid_input')
    expect((await rejected('library.get', null)).code).toBe('invalid_input')
    expect((await rejected('library.get', 'text')).code).toBe('invalid_input')
  })

  it('rejects __proto__ and constructor keys without polluting prototypes', async () => {
    const proto = JSON.parse(`{"id":"${storyId}","patch":{"title":"x"},"__proto__":{"polluted":true}}`) as unknown
    expect((await rejected('stories.update', proto)).code).toBe('invalid_input')
    const nested = JSON.parse(`{"id":"${storyId}","patch":{"__proto__":{"title":"x"}}}`) as unknown
    expect((await rejected('stories.update', nested)).code).toBe('invalid_input')
    expect(
      (await rejected('stories.update', { id: storyId, patch: { constructor: { prototype: { polluted: true } } } }))
        .code
    ).toBe('invalid_input')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('rejects a 10 MB string', async () => {
    const huge = 'a'.repeat(10 * 1024 * 1024)
    expect((await rejected('stories.create', { title: 'Huge', text: huge })).code).toBe('invalid_input')
    expect((await rejected('stories.update', { id: storyId, patch: { title: huge } })).code).toBe('invalid_input')
  })

  it('refuses input nested 10,000 levels deep, or with too many values, with invalid_input and the path', async () => {
    // Nested by hand: JSON.parse and structuredClone (what IPC does) both accept this depth.
    const nest = (depth: number, key: string): unknown => {
      let value: unknown = 'x'
      for (let i = 0; i < depth; i++) value = { [key]: value }
      return value
    }
    const deep = await rejected('stories.update', { id: storyId, patch: { title: 'x', deep: nest(10_000, 'a') } })
    expect(deep).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('levels deep') })
    expect(deep.issues?.[0]?.path).toBe(['patch', 'deep', ...Array(MAX_INPUT_DEPTH - 2).fill('a')].join('.'))
    const deepArray = await rejected('export.report', { scope: 'stories', storyIds: [nest(5_000, '0')] })
    expect(deepArray.code).toBe('invalid_input')
    const wide = await rejected('export.report', {
      scope: 'stories',
      storyIds: Array.from({ length: MAX_INPUT_VALUES + 1 }, () => 'a')
    })
    expect(wide).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('values') })
    // Any depth past the limit, any channel, any container: a coded refusal, never a throw.
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: MAX_INPUT_DEPTH, max: 20_000 }),
        fc.constantFrom('stories.update', 'claims.update', 'desk.resolve', 'nope.nothing'),
        fc.boolean(),
        async (depth, channel, inArray) => {
          let value: unknown = null
          for (let i = 0; i < depth; i++) value = inArray ? [value] : { k: value }
          const result = await t.core.dispatch(channel, value, appSender)
          expect(result.ok).toBe(false)
          if (!result.ok) expect(['invalid_input', 'unknown_channel']).toContain(result.error.code)
        }
      ),
      { numRuns: 40 }
    )
  })

  it('rejects callers from another origin or a subframe', async () => {
    expect((await rejected('library.get', {}, { url: 'https://evil.example/', isMainFrame: true })).code).toBe(
      'forbidden'
    )
    expect((await rejected('library.get', {}, { url: 'app://factdesk.evil/index.html', isMainFrame: true })).code).toBe(
      'forbidden'
    )
    expect((await rejected('library.get', {}, { ...appSender, isMainFrame: false })).code).toBe('forbidden')
    expect((await rejected('library.get', {}, { url: '', isMainFrame: true })).code).toBe('forbidden')
  })

  it('turns a missing record into not_found and leaves the library alone', async () => {
    expect((await rejected('stories.get', { id: 'nope' })).code).toBe('not_found')
    expect((await rejected('claims.update', { storyId, claimId: 'nope', patch: { status: 'done' } })).code).toBe(
      'not_found'
    )
  })

  it('never lets a raw throw cross the bridge', async () => {
    const broken = await openTestCore({ onInternalError: () => undefined })
    try {
      // A handler breaking its output contract is an internal error, reported without internals.
      Object.defineProperty(broken.core.store.library, 'settings', { value: { nonsense: true } })
      const result = await broken.core.dispatch('library.get', {}, appSender)
      expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
      expect(JSON.stringify(result)).not.toContain('nonsense')
    } finally {
      await broken.cleanup()
    }
  })

  it('tells the renderer what a write changed, once, and nothing after a read or a failed write', async () => {
    t.platform.events.length = 0
    await t.call('stories.get', { id: storyId })
    await t.call('library.search', {
      query: 'sample',
      deskState: 'all',
      assignee: 'all',
      sort: 'updated',
      offset: 0,
      limit: 10
    })
    expect(t.platform.events).toEqual([])

    const { signOff, ...summary } = await t.call('stories.update', { id: storyId, patch: { title: 'Renamed' } })
    expect(signOff).toBeNull()
    expect(t.platform.events).toEqual([
      {
        event: 'library.changed',
        payload: {
          entity: 'story',
          storyId,
          updatedAt: summary.updatedAt,
          summary,
          activity: [expect.objectContaining({ action: 'story.updated', field: 'title', to: 'Renamed' })],
          version: expect.any(Number),
          callIds: []
        }
      }
    ])
    expect(LibraryChange.safeParse(t.platform.events[0]?.payload).success).toBe(true)

    t.platform.events.length = 0
    expect((await rejected('claims.update', { storyId, claimId: 'nope', patch: { status: 'done' } })).code).toBe(
      'not_found'
    )
    expect(t.platform.events).toEqual([])

    // A source edit names the source, not a story guessed from the input's "id".
    const source = await t.call('sources.create', { fields: { title: 'Ministry table' } })
    t.platform.events.length = 0
    const edited = await t.call('sources.update', { id: source.id, patch: { publisher: 'Ministry' } })
    expect(t.platform.events).toHaveLength(1)
    expect(t.platform.events[0]?.payload).toMatchObject({ entity: 'library', sources: [edited] })
    expect(LibraryChange.safeParse(t.platform.events[0]?.payload).success).toBe(true)
  })

  it('names the window’s call that caused each write, and numbers the writes in the order they land', async () => {
    const [claim] = (await t.call('stories.get', { id: storyId })).claims
    if (!claim) throw new Error('the sample story has claims')
    t.platform.events.length = 0
    const changes = (): LibraryChange[] =>
      t.platform.events.filter((e) => e.event === 'library.changed').map((e) => LibraryChange.parse(e.payload))

    // Three edits sent at once, as quick arrow presses send them: each write is announced under its own call, in order.
    const statuses = ['in_progress', 'waiting', 'done'] as const
    const results = await Promise.all(
      statuses.map((status, i) =>
        t.core.dispatch('claims.update', { storyId, claimId: claim.id, patch: { status } }, appSender, `arrow-${i}`)
      )
    )
    expect(results.every((r) => r.ok)).toBe(true)
    expect(changes().map((c) => c.callIds)).toEqual([['arrow-0'], ['arrow-1'], ['arrow-2']])
    const versions = changes().map((c) => c.version)
    expect(versions).toEqual([...versions].sort((a, b) => a - b))
    expect(new Set(versions).size).toBe(3)

    // A read says which write it holds; a call without a name is announced under none.
    const read = await t.call('stories.get', { id: storyId })
    expect(read.version).toBe(versions[2])
    expect(read.claims.find((c) => c.id === claim.id)?.status).toBe('done')
    await t.call('claims.update', { storyId, claimId: claim.id, patch: { status: 'open' } })
    expect(changes().at(-1)).toMatchObject({ callIds: [], version: versions[2]! + 1 })
    expect((await t.call('stories.get', { id: storyId })).version).toBe(versions[2]! + 1)

    // A library write is numbered in the same sequence.
    await t.core.dispatch('sources.create', { fields: { title: 'Ministry table' } }, appSender, 'source-1')
    expect(changes().at(-1)).toMatchObject({ entity: 'library', callIds: ['source-1'], version: versions[2]! + 2 })
  })

  it('refuses a call id that is not a plain name, and changes nothing', async () => {
    for (const bad of ['', 'a b', 'x'.repeat(65), 42, { id: 'x' }]) {
      const before = await snapshot(t.dir)
      const result = await t.core.dispatch('stories.update', { id: storyId, patch: { title: 'Never' } }, appSender, bad)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect(await snapshot(t.dir)).toEqual(before)
    }
  })
})
