// @vitest-environment jsdom
// The first screen's calls sent as the page starts (first-calls.ts), against the real main
// (src/main/testing/window-bridge.ts): the library and its first rows are asked for before any view mounts,
// and the views take those answers instead of asking again; a write main announces in between makes them
// stale, and the views ask afresh and show it.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { appSender } from '../../../main/testing/test-core'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { defaultLibraryFilter, useStoryRows } from '../library/use-story-rows'
import { firstCallsAnswered, firstRowsQuery, sendFirstCalls, takeAnswered } from './first-calls'
import { StoreProvider, useLibrary, useStore } from './use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

let w: WindowCore
/** Every call sent through the bridge, by channel, in order. */
let calls: string[]

beforeEach(async () => {
  w = await openWindowCore()
  calls = []
  const bridge = w.bridge as Record<string, Record<string, (input: unknown, id?: string) => Promise<unknown>>>
  ;(window as unknown as { factdesk: unknown }).factdesk = Object.fromEntries(
    Object.entries(bridge).map(([noun, group]) => [
      noun,
      typeof group === 'object' && group !== null
        ? Object.fromEntries(
            Object.entries(group).map(([verb, fn]) => [
              verb,
              (input: unknown, id?: string) => (calls.push(`${noun}.${verb}`), fn(input, id))
            ])
          )
        : group
    ])
  )
  await w.t.call('stories.create', { title: 'Town hall budget', text: 'The mayor said the budget grew.' })
})
afterEach(async () => {
  cleanup()
  await w.t.cleanup()
})

const report = (error: unknown): void => {
  throw error
}

/** The library screen's first needs: the library (who is editing) and its rows' headlines. */
function FirstScreen(): React.JSX.Element {
  const lib = useLibrary(report)
  const rows = useStoryRows(defaultLibraryFilter, report)
  const titles = Array.from({ length: rows.total ?? 0 }, (_, i) => rows.at(i)?.title ?? '…')
  return (
    <>
      <p data-testid="library">{lib.library ? `editor ${lib.library.currentEditorId ?? 'none'}` : 'opening'}</p>
      <p data-testid="rows">{rows.total === null ? 'loading' : titles.join(' | ')}</p>
    </>
  )
}

const mount = (): void =>
  void render(
    <StoreProvider>
      <FirstScreen />
    </StoreProvider>
  )

/** Another window adds a story; main announces it to this one. */
const addStoryElsewhere = (): Promise<void> =>
  act(async () => {
    const result = await w.t.core.dispatch(
      'stories.create',
      { title: 'Budget follow-up', text: 'The council said the budget shrank.' },
      appSender,
      'other-window-1'
    )
    if (!result.ok) throw new Error(result.error.message)
  })
const count = (channel: string): number => calls.filter((c) => c === channel).length

describe('the first screen asks main once, as the page starts', () => {
  it('sends library.get and the first rows before any view mounts, and the views take those answers', async () => {
    sendFirstCalls()
    expect(calls).toEqual(['library.get', 'library.search', 'library.followUps', 'desk.status'])
    mount()
    // Newest first: the story made here, then the sample story every new library holds.
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toMatch(/^Town hall budget \| Trump/))
    await waitFor(() => expect(screen.getByTestId('library').textContent).toBe(`editor ${w.editorId}`))
    expect([count('library.get'), count('library.search')]).toEqual([1, 1])
  })

  it('once they are answered, the first render holds the library and its rows: nothing waits for a later commit', async () => {
    sendFirstCalls()
    await firstCallsAnswered(true)
    let firstRender: string[] | null = null
    function Probe(): React.JSX.Element {
      const lib = useLibrary(report)
      const rows = useStoryRows(defaultLibraryFilter, report)
      const followUps = useStore().followUps()
      firstRender ??= [
        lib.library ? 'library' : 'opening',
        rows.total === null ? 'loading' : `${rows.total} rows`,
        followUps === null ? 'follow-ups asked' : `${followUps.length} follow-ups`
      ]
      return <p data-testid="rows">{rows.total === null ? 'loading' : rows.at(0)?.title}</p>
    }
    render(
      <StoreProvider>
        <Probe />
      </StoreProvider>
    )
    // The follow-ups (none due) are not waited for, but here they have come with the rest: the list is there, not asked.
    expect(firstRender).toEqual(['library', '2 rows', '0 follow-ups'])
    expect(screen.getByTestId('rows').textContent).toBe('Town hall budget')
    expect([count('library.get'), count('library.search'), count('library.followUps')]).toEqual([1, 1, 1])
  })

  it('an answer taken in a render goes stale when main announces a change before the view looks again', async () => {
    sendFirstCalls()
    await firstCallsAnswered()
    const taken = takeAnswered('library.search', firstRowsQuery())
    expect(taken?.value.total).toBe(2)
    expect(taken?.stale()).toBe(false)
    // Taken once only.
    expect(takeAnswered('library.search', firstRowsQuery())).toBeNull()
    await addStoryElsewhere()
    await waitFor(() => expect(taken?.stale()).toBe(true))
    // Nor is what was not taken yet handed out after the change.
    expect(takeAnswered('library.get', {})).toBeNull()
  })

  it('a write main announces before the views take the answers makes them ask again, and they show it', async () => {
    sendFirstCalls()
    // Another window adds a story while the first answers are on their way.
    await addStoryElsewhere()
    mount()
    await waitFor(() => expect(screen.getByTestId('rows').textContent).toContain('Budget follow-up'))
    expect([count('library.get'), count('library.search')]).toEqual([2, 2])
  })

  it('a view asking for something else (another filter) is not handed the early answer', async () => {
    // The newest story, so the early page (newest first) starts with it and a page by headline ends with it.
    await w.t.call('stories.create', { title: 'Zebra crossing', text: 'The council said the crossing was safe.' })
    sendFirstCalls()
    function Sorted(): React.JSX.Element {
      const rows = useStoryRows({ ...defaultLibraryFilter, sort: 'title' }, report)
      const titles = Array.from({ length: rows.total ?? 0 }, (_, i) => rows.at(i)?.title ?? '…')
      return <p data-testid="sorted">{rows.total === null ? 'loading' : titles.join(' | ')}</p>
    }
    render(
      <StoreProvider>
        <Sorted />
      </StoreProvider>
    )
    // By headline, not newest first as the early page is.
    await waitFor(() => expect(screen.getByTestId('sorted').textContent).toMatch(/\| Zebra crossing$/))
    await waitFor(() => expect(count('library.search')).toBeGreaterThanOrEqual(2))
  })
})
