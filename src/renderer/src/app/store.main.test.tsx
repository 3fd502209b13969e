// @vitest-environment jsdom
// The one renderer data path against the real main (src/main/testing/window-bridge.ts): several views
// open on one story (two panes holding the story, the library screen's rows) read the one store
// (store.ts). Every call crossing the bridge is counted: an edit in one view shows in every other
// with that one call and no fetch; a failed edit rolls back in every view and reports its code; a
// write from another window reaches every view through the one subscription with one fetch for
// all; and over random runs of edits, failures, undos, redos and other windows' writes, the store
// ends each settled step holding exactly what stories.get returns.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import fc from 'fast-check'
import { useEffect, useState } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appSender } from '../../../main/testing/test-core'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { limits, type Claim, type ClaimFields, type ClaimStatus } from '../../../shared/model'
import type { StoryDetail } from '../../../shared/contract'
import { attempt, BridgeError, call } from '../api'
import { defaultLibraryFilter, useStoryRows } from '../library/use-story-rows'
import { StoreProvider, useStore, useStory, type StoryHook } from './use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const text =
  'The mayor said unemployment is less than 100 people in the town.\n\nThe new bridge opened in March, two weeks late.'

let w: WindowCore
let storyId: string
let claims: Claim[]
/** Every call the views sent through the bridge, by channel. */
let calls: string[]
/** When set, a claims.update waits for it before reaching main (to see the shown change). */
let gate: Promise<void> | null
let reported: { code: string; message: string }[]

async function open(): Promise<void> {
  w = await openWindowCore()
  calls = []
  gate = null
  reported = []
  const bridge = w.bridge as Record<string, Record<string, (input: unknown, id?: string) => Promise<unknown>>>
  const counted: Record<string, unknown> = {}
  for (const [noun, group] of Object.entries(bridge)) {
    if (typeof group !== 'object' || group === null) {
      counted[noun] = group
      continue
    }
    counted[noun] = Object.fromEntries(
      Object.entries(group).map(([verb, fn]) => [
        verb,
        async (input: unknown, id?: string) => {
          calls.push(`${noun}.${verb}`)
          if (`${noun}.${verb}` === 'claims.update' && gate) await gate
          return fn(input, id)
        }
      ])
    )
  }
  ;(window as unknown as { factdesk: unknown }).factdesk = counted
  storyId = (await w.t.call('stories.create', { title: 'Town', text })).id
  claims = []
  for (const words of ['unemployment is less than 100 people', 'The new bridge opened in March']) {
    const start = text.indexOf(words)
    claims.push(await w.t.call('claims.create', { storyId, start, end: start + words.length }))
  }
}
async function close(): Promise<void> {
  cleanup()
  await w.t.cleanup()
}

const report = (error: unknown): void => {
  if (error instanceof BridgeError) reported.push({ code: error.code, message: error.message })
  else throw error
}

const hooks: Record<string, StoryHook | undefined> = {}

/** A view of the story: its claims' status and rationale. */
function Pane({ name }: { name: string }): React.JSX.Element {
  const hook = useStory(storyId, report)
  useEffect(() => void (hooks[name] = hook))
  if (!hook.detail) return <p>Loading {name}</p>
  return (
    <ul>
      {hook.detail.claims.map((c) => (
        <li key={c.id} data-testid={`${name}-C${c.number}`}>
          {c.status} {c.rationale || '(none)'}
        </li>
      ))}
    </ul>
  )
}

/** The library screen's rows (library/use-story-rows.ts): each story's status counts. */
function Rows(): React.JSX.Element {
  const rows = useStoryRows(defaultLibraryFilter, report)
  const row = Array.from({ length: rows.total ?? 0 }, (_, i) => rows.at(i)).find((s) => s?.id === storyId)
  return <p data-testid="row">{row ? `${row.statusCounts.in_progress} in progress` : 'no row'}</p>
}

async function mount(): Promise<void> {
  render(
    <StoreProvider>
      <Pane name="list" />
      <Pane name="panel" />
      <Rows />
    </StoreProvider>
  )
  await screen.findByTestId('list-C2')
  await screen.findByTestId('panel-C2')
  await waitFor(() => expect(screen.getByTestId('row').textContent).toBe('0 in progress'))
}

const shown = (id: string): string | null => screen.getByTestId(id).textContent
const both = (claim: number): [string | null, string | null] => [shown(`list-C${claim}`), shown(`panel-C${claim}`)]

/** The list pane's edit of a claim's fields, as use-claim-actions.ts sends it. */
function update(hook: StoryHook, claimId: string, patch: Partial<ClaimFields>): Promise<Claim | undefined> {
  return hook.edit({
    send: () => call('claims.update', { storyId, claimId, patch }),
    show: (d) => ({ ...d, claims: d.claims.map((c) => (c.id === claimId ? { ...c, ...patch } : c)) }),
    apply: (d, saved) => ({ ...d, claims: d.claims.map((c) => (c.id === saved.id ? saved : c)) })
  })
}

/** Another window's write: its own call id, never this window's. */
let others = 0
async function otherWindow(claimId: string, patch: Partial<ClaimFields>): Promise<void> {
  const result = await w.t.core.dispatch(
    'claims.update',
    { storyId, claimId, patch },
    appSender,
    `other-window-${++others}`
  )
  if (!result.ok) throw new Error(result.error.message)
}

const saved = async (): Promise<StoryDetail> => {
  const { version: _version, rest: _rest, ...detail } = await w.t.call('stories.get', { id: storyId })
  return detail
}

describe('the one store, every view', () => {
  beforeEach(open)
  afterEach(close)

  it('an edit in one view shows in every other open view with one call and no fetch', async () => {
    await mount()
    const c1 = claims[0] as Claim
    calls = []
    await act(async () => void (await update(hooks.list as StoryHook, c1.id, { status: 'in_progress' })))
    expect(both(1)).toEqual(['in_progress (none)', 'in_progress (none)'])
    await waitFor(() => expect(shown('row')).toBe('1 in progress'))
    // Before the store, the panel's own hook fetched the story again on hearing the list's write.
    expect(calls).toEqual(['claims.update'])
    expect(hooks.panel?.detail).toEqual(await saved())
  })

  it('a failed edit rolls back in one place, in every view, and reports its code', async () => {
    await mount()
    const c1 = claims[0] as Claim
    let open!: () => void
    gate = new Promise<void>((resolve) => (open = resolve))
    const tooLong = 'x'.repeat(limits.longText + 1)
    let edit!: Promise<Claim | undefined>
    await act(async () => {
      edit = update(hooks.list as StoryHook, c1.id, { rationale: tooLong })
    })
    // Shown at once in both views, while the call waits at the gate.
    expect(both(1)).toEqual([`open ${tooLong}`, `open ${tooLong}`])
    await act(async () => {
      open()
      expect(await edit).toBeUndefined()
    })
    expect(both(1)).toEqual(['open (none)', 'open (none)'])
    expect(reported.map((r) => r.code)).toEqual(['invalid_input'])
    expect(calls.filter((c) => c === 'stories.get')).toHaveLength(1)
    expect(hooks.list?.detail).toEqual(await saved())
  })

  it('another window’s write reaches every view through the one subscription, fetched once for all', async () => {
    await mount()
    const c2 = claims[1] as Claim
    calls = []
    await act(() => otherWindow(c2.id, { status: 'in_progress', rationale: 'Seen on site' }))
    await waitFor(() => expect(both(2)).toEqual(['in_progress Seen on site', 'in_progress Seen on site']))
    await waitFor(() => expect(shown('row')).toBe('1 in progress'))
    // One fetch for every view (before: one per view holding the story).
    expect(calls.filter((c) => c === 'stories.get')).toEqual(['stories.get'])
    expect(calls.filter((c) => c === 'library.search')).toEqual([])
    expect(hooks.panel?.detail).toEqual(await saved())
  })

  it('a story opened again shows at once with no fetch while main announced no write; a write meanwhile is fetched', async () => {
    // The story view comes and goes (the library, then the story again) inside one store.
    function Window({ showing }: { showing: boolean }): React.JSX.Element {
      return <StoreProvider>{showing ? <Pane name="list" /> : <p>Library</p>}</StoreProvider>
    }
    const view = render(<Window showing />)
    await screen.findByTestId('list-C2')
    view.rerender(<Window showing={false} />)
    await screen.findByText('Library')

    calls = []
    view.rerender(<Window showing />)
    // Shown in the very render that mounts it: no "Loading", no call (the old store dropped it and fetched again).
    expect(shown('list-C2')).toBe('open (none)')
    expect(calls).toEqual([])
    const first = hooks.list?.detail
    expect(first).toEqual(await saved())

    // Another window writes while the story is not on screen: the kept copy is dropped, the next open fetches.
    view.rerender(<Window showing={false} />)
    const c2 = claims[1] as Claim
    await act(() => otherWindow(c2.id, { status: 'in_progress', rationale: 'Seen while away' }))
    calls = []
    view.rerender(<Window showing />)
    await waitFor(() => expect(shown('list-C2')).toBe('in_progress Seen while away'))
    expect(calls.filter((c) => c === 'stories.get')).toEqual(['stories.get'])
    expect(hooks.list?.detail).toEqual(await saved())
  })
})

describe('a story asked for as the window goes to it (store.prefetch)', () => {
  beforeEach(open)
  afterEach(close)

  /** What happened, in order: each stories.get call and each render of the view before it had the story. */
  let log: string[]
  function Going(): React.JSX.Element {
    const hook = useStory(storyId, report)
    useEffect(() => void (hooks.list = hook))
    if (!hook.detail) log.push('view rendered without the story')
    return <p data-testid="going">{hook.detail ? `${hook.detail.claims.length} claims` : 'Loading'}</p>
  }
  /** The window's route: the library, then the story, as App's openStory goes there (prefetch, then the view). */
  function Window(): React.JSX.Element {
    const store = useStore()
    const [showing, setShowing] = useState(false)
    const go = (): void => {
      store.prefetch(storyId)
      setShowing(true)
    }
    return showing ? <Going /> : <button onClick={go}>Open</button>
  }

  it('is asked of main before its view first renders, once, and the view shows what main saved', async () => {
    log = []
    render(
      <StoreProvider>
        <Window />
      </StoreProvider>
    )
    calls = []
    const bridge = window as unknown as { factdesk: { stories: Record<string, (...a: unknown[]) => unknown> } }
    const get = bridge.factdesk.stories.get as (...a: unknown[]) => unknown
    bridge.factdesk.stories.get = (...args: unknown[]) => (log.push('stories.get'), get(...args))
    fireEvent.click(screen.getByText('Open'))
    await waitFor(() => expect(screen.getByTestId('going').textContent).toBe('2 claims'))
    // Before: the view's effect asked, after its first render had committed "Loading".
    expect(log[0]).toBe('stories.get')
    expect(calls.filter((c) => c === 'stories.get')).toEqual(['stories.get'])
    expect(hooks.list?.detail).toEqual(await saved())
  })

  it('a write main announces before the view holds it is fetched afresh, and shown', async () => {
    log = []
    render(
      <StoreProvider>
        <Window />
      </StoreProvider>
    )
    const c2 = claims[1] as Claim
    // Asked for, then written by another window before the route shows it: the answer may predate the write.
    await act(async () => {
      ;(screen.getByText('Open') as HTMLButtonElement).click()
      await otherWindow(c2.id, { rationale: 'Written on the way' })
    })
    await waitFor(() => expect(hooks.list?.detail?.claims[1]?.rationale).toBe('Written on the way'))
    expect(hooks.list?.detail).toEqual(await saved())
  })
})

type Step =
  | { kind: 'edit'; claim: number; pane: 'list' | 'panel'; patch: Partial<ClaimFields> }
  | { kind: 'fail'; claim: number }
  | { kind: 'undo' | 'redo' }
  | { kind: 'remote'; claim: number; patch: Partial<ClaimFields> }

const patch = fc.oneof(
  fc.record({ rationale: fc.string({ maxLength: 12 }) }),
  fc.record({ status: fc.constantFrom<ClaimStatus>('open', 'in_progress', 'waiting', 'done') })
)
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('edit' as const),
    claim: fc.nat(1),
    pane: fc.constantFrom('list' as const, 'panel' as const),
    patch
  }),
  fc.record({ kind: fc.constant('fail' as const), claim: fc.nat(1) }),
  fc.record({ kind: fc.constantFrom('undo' as const, 'redo' as const) }),
  fc.record({ kind: fc.constant('remote' as const), claim: fc.nat(1), patch })
)

/** Sends a step without waiting for it: the steps of one batch race each other. */
function send(s: Step): Promise<unknown> {
  const claimId = (n: number): string => (claims[n] as Claim).id
  switch (s.kind) {
    case 'edit':
      return update(hooks[s.pane] as StoryHook, claimId(s.claim), s.patch)
    case 'fail':
      return update(hooks.list as StoryHook, claimId(s.claim), { rationale: 'x'.repeat(limits.longText + 1) })
    case 'undo':
    case 'redo':
      // As the window's Ctrl+Z sends it (app/undo.tsx); a refusal (changed since) is an answer too.
      return attempt(`history.${s.kind}`, { storyId })
    case 'remote':
      return otherWindow(claimId(s.claim), s.patch)
  }
}

describe('the store against main, over random runs', () => {
  it('after each settled batch of edits, failures, undos, redos and other windows’ writes, every view holds what stories.get returns', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          await open()
          try {
            await mount()
            for (const batch of batches) {
              await act(async () => void (await Promise.all(batch.map(send))))
              const expected = await saved()
              await waitFor(() => {
                expect(hooks.list?.detail).toEqual(expected)
                expect(hooks.panel?.detail).toEqual(expected)
              })
            }
            // A failed edit is reported with its code, once each.
            expect(reported.every((r) => r.code === 'invalid_input')).toBe(true)
            expect(reported).toHaveLength(batches.flat().filter((s) => s.kind === 'fail').length)
          } finally {
            await close()
          }
        }
      ),
      { numRuns: 12 }
    )
  }, 240_000)
})
