// @vitest-environment jsdom
// The window's undo against the real main (src/main/testing/window-bridge.ts): the story's edit path
// (the store, app/store.ts, and use-claim-actions.ts) makes the changes, Ctrl+Z / Shift+Ctrl+Z send history.undo /
// history.redo for the story on screen, and the view shows what main wrote. The walk that went wrong
// before (edit C1, edit C2, undo twice, redo: undo reverted C2's neighbour, and reverted a claim in a
// cleared story) fails here on the old renderer-side undo, which kept raw inverse calls per window.
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { useEffect, useMemo } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import type { Claim } from '../../../shared/model'
import { useClaimActions } from '../story/use-claim-actions'
import { ToastProvider } from './toasts'
import { UndoProvider, useUndoScope } from './undo'
import { StoreProvider, useStory } from './use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const text =
  'The mayor said unemployment is less than 100 people in the town.\n\nThe new bridge opened in March, two weeks late.'

let w: WindowCore
let storyId: string
let claims: Claim[]

beforeEach(async () => {
  w = await openWindowCore()
  ;(window as unknown as { factdesk: unknown }).factdesk = w.bridge
  // Set up without call ids, as another path would: these writes are not in the editor's history.
  storyId = (await w.t.call('stories.create', { title: 'Town', text })).id
  claims = []
  for (const words of ['unemployment is less than 100 people', 'The new bridge opened in March']) {
    const start = text.indexOf(words)
    claims.push(await w.t.call('claims.create', { storyId, start, end: start + words.length }))
  }
})
afterEach(async () => {
  cleanup()
  await w.t.cleanup()
})

type Actions = ReturnType<typeof useClaimActions>

/** The story as the story view keeps it, with its claim actions and the undo scope. */
function Story({ onActions }: { onActions(actions: Actions): void }): React.JSX.Element {
  const { detail, edit } = useStory(storyId, () => undefined)
  useUndoScope(storyId)
  const list = useMemo(() => detail?.claims ?? [], [detail?.claims])
  const title = detail?.story.title ?? ''
  const body = detail?.story.text ?? ''
  const texts = useMemo(() => ({ title, text: body }), [title, body])
  const actions = useClaimActions({ storyId, story: texts, claims: list, edit, open: () => undefined })
  useEffect(() => {
    onActions(actions)
  })
  if (!detail) return <p>Loading</p>
  return (
    <ul>
      {detail.claims.map((c) => (
        <li key={c.id} data-testid={`C${c.number}`}>
          {c.rationale || '(none)'}
        </li>
      ))}
    </ul>
  )
}

async function mount(): Promise<Actions> {
  const out: { actions?: Actions } = {}
  render(
    <ToastProvider>
      <UndoProvider>
        <StoreProvider>
          <Story onActions={(actions) => void (out.actions = actions)} />
        </StoreProvider>
      </UndoProvider>
    </ToastProvider>
  )
  await screen.findByTestId('C2')
  return out.actions as Actions
}

const shown = (label: string): string | null => screen.getByTestId(label).textContent
const press = (init: { shiftKey?: boolean } = {}): void =>
  void fireEvent.keyDown(window, { key: 'z', ctrlKey: true, ...init })
const saved = async (): Promise<Map<number, string>> =>
  new Map((await w.t.call('stories.get', { id: storyId })).claims.map((c) => [c.number, c.rationale]))

describe('undo in the window, kept in main', () => {
  it('edit C1, edit C2, undo twice, redo: each step takes back its own claim', async () => {
    const actions = await mount()
    const [c1, c2] = claims as [Claim, Claim]
    await act(() => actions.updateClaim(c1.id, { rationale: 'Council figures' }))
    await act(() => actions.updateClaim(c2.id, { rationale: 'Opened 14 March' }))
    expect([shown('C1'), shown('C2')]).toEqual(['Council figures', 'Opened 14 March'])

    press()
    await waitFor(() => expect(shown('C2')).toBe('(none)'))
    expect(shown('C1')).toBe('Council figures')
    await screen.findByText(/Undone: C2/)

    press()
    await waitFor(() => expect(shown('C1')).toBe('(none)'))
    expect(shown('C2')).toBe('(none)')

    press({ shiftKey: true })
    await waitFor(() => expect(shown('C1')).toBe('Council figures'))
    expect(shown('C2')).toBe('(none)')
    expect(await saved()).toEqual(
      new Map([
        [1, 'Council figures'],
        [2, '']
      ])
    )
  })

  it('refuses to undo in a cleared story, and says why', async () => {
    const actions = await mount()
    await act(() => actions.updateClaim((claims[0] as Claim).id, { rationale: 'Council figures' }))
    // Cleared on another path (not this editor's step): the claim edit is not undone.
    await w.t.call('stories.update', { id: storyId, patch: { deskState: 'cleared' }, overrideReason: 'Lead agreed' })
    press()
    await screen.findByText(/is cleared, so nothing in it is undone/)
    expect(shown('C1')).toBe('Council figures')
    expect((await saved()).get(1)).toBe('Council figures')
  })

  it('refuses with the reason when someone else changed the claim since', async () => {
    const actions = await mount()
    const c1 = claims[0] as Claim
    await act(() => actions.updateClaim(c1.id, { rationale: 'Council figures' }))
    await w.t.call('claims.update', { storyId, claimId: c1.id, patch: { rationale: 'Checked by the desk' } })
    await waitFor(() => expect(shown('C1')).toBe('Checked by the desk'))
    press()
    await screen.findByText(/C1 was changed since/)
    expect(shown('C1')).toBe('Checked by the desk')
  })
})
