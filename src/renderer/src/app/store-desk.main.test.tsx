// @vitest-environment jsdom
// Another editor's change through a real PostgreSQL desk reaches every open view through the store's
// one subscription: Ana's window (the real main through window-bridge.ts) shows a story in two panes;
// Ben edits a claim on his own Factdesk; Ana's main pulls it from the desk (a write that is nobody's
// call) and both panes show it, with one fetch for both (before the store, one per view).
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { settled, startDeskCluster, type DeskCluster } from '../../../main/desk/testing/desk-cluster'
import type { TestCore } from '../../../main/testing/test-core'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { onEvent } from '../api'
import { StoreProvider, useStory } from './use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const TEXT = 'The council spent 4 million on roads. The mayor said crime fell by half.'

let cluster: DeskCluster
let w: WindowCore
let ben: TestCore
let calls: string[]

beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
  w = await openWindowCore('Ana', { deskRetryMs: 150 })
  await w.t.call('desk.connect', cluster.connectInput('news', 'ana'))
  ben = await cluster.client('news', 'ben', 'Ben')
  calls = []
  const bridge = w.bridge as Record<string, Record<string, (input: unknown, id?: string) => Promise<unknown>>>
  const stories = bridge.stories as Record<string, (input: unknown, id?: string) => Promise<unknown>>
  ;(window as unknown as { factdesk: unknown }).factdesk = {
    ...bridge,
    stories: Object.fromEntries(
      Object.entries(stories).map(([verb, fn]) => [
        verb,
        (input: unknown, id?: string) => {
          calls.push(`stories.${verb}`)
          return fn(input, id)
        }
      ])
    )
  }
}, 120_000)

afterAll(async () => {
  cleanup()
  await w?.t.cleanup()
  await cluster?.close()
})

function Pane({ name, storyId }: { name: string; storyId: string }): React.JSX.Element {
  const { detail } = useStory(storyId, () => undefined)
  const claim = detail?.claims[0]
  return <p data-testid={name}>{claim ? `${claim.status} ${claim.rationale || '(none)'}` : 'Loading'}</p>
}

it('a desk pull of another editor’s edit reaches both panes, fetched once for both', async () => {
  const storyId = (await w.t.call('stories.create', { title: 'Council budget', text: TEXT })).id
  const start = TEXT.indexOf('4 million')
  const claim = await w.t.call('claims.create', { storyId, start, end: start + '4 million'.length })
  await settled(w.t)
  await waitFor(async () => expect((await ben.call('stories.get', { id: storyId })).claims).toHaveLength(1), {
    timeout: 30_000
  })

  render(
    <StoreProvider>
      <Pane name="list" storyId={storyId} />
      <Pane name="panel" storyId={storyId} />
    </StoreProvider>
  )
  await waitFor(() => expect(screen.getByTestId('panel').textContent).toBe('open (none)'))
  calls = []
  let writes = 0
  const stop = onEvent('library.changed', (c) => void (c.entity === 'story' && c.storyId === storyId && writes++))

  await ben.call('claims.update', { storyId, claimId: claim.id, patch: { status: 'waiting', rationale: 'Asked' } })
  await settled(ben)
  await waitFor(
    () => {
      expect(screen.getByTestId('list').textContent).toBe('waiting Asked')
      expect(screen.getByTestId('panel').textContent).toBe('waiting Asked')
    },
    { timeout: 30_000 }
  )
  // The pull may write the story more than once (the claim, then its activity); each write heard is
  // fetched once for every view, never once per view.
  stop()
  const gets = calls.filter((c) => c === 'stories.get').length
  expect(gets).toBeGreaterThanOrEqual(1)
  expect(gets).toBeLessThanOrEqual(writes)
  const { version: _v, rest: _r, ...saved } = await w.t.call('stories.get', { id: storyId })
  expect(saved.claims[0]?.rationale).toBe('Asked')
}, 120_000)
