// @vitest-environment jsdom
// Clearing a story from the story view against the real main (window-bridge): the view takes in no fetch
// for its own edit, so the sign-off that clearing starts (and leaving the final state ends) must come with
// main's answer. On the old fold (desk state and date only) the view kept `signOff: null` after clearing,
// so "Log a correction…" and "Check published page" never showed until the story was opened again.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import type { DeskState } from '../../../shared/model'
import { publishedUrl } from '../../../shared/rules/published'
import { changeDeskState } from './desk-state'
import type { StoryEdit } from '../app/store'
import { StoreProvider, useStory } from '../app/use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const text = 'The council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'

let w: WindowCore
let storyId: string
let failures = 0

beforeEach(async () => {
  w = await openWindowCore()
  failures = 0
  ;(window as unknown as { factdesk: unknown }).factdesk = w.bridge
  storyId = (await w.t.call('stories.create', { title: 'Bus routes', text, url: 'https://ledger.example/bus' })).id
  const words = 'cut 12 bus routes'
  const claim = await w.t.call('claims.create', { storyId, start: text.indexOf(words), end: text.indexOf(words) + 17 })
  await w.t.call('claims.update', { storyId, claimId: claim.id, patch: { status: 'done', verdict: 'accurate' } })
})
afterEach(async () => {
  cleanup()
  await w.t.cleanup()
})

/** What the toolbar decides from: the desk state, and whether the page can be checked after publication. */
function Toolbar({ onEdit }: { onEdit(edit: StoryEdit): void }): React.JSX.Element {
  const { detail, edit } = useStory(storyId, (error) => void ((failures += 1), console.error(error)))
  useEffect(() => onEdit(edit))
  if (!detail) return <p>Loading</p>
  return (
    <p>
      <span data-testid="state">{detail.story.deskState}</span>
      <span data-testid="check">
        {detail.story.signOff && publishedUrl(detail.story) ? `check ${detail.story.signOff.by}` : 'none'}
      </span>
    </p>
  )
}

describe('changing the desk state in the story view', () => {
  it('clearing shows the sign-off at once, leaving cleared ends it, as main wrote', async () => {
    const out: { edit?: StoryEdit } = {}
    render(
      <StoreProvider>
        <Toolbar onEdit={(edit) => void (out.edit = edit)} />
      </StoreProvider>
    )
    await screen.findByTestId('state')
    const move = (to: DeskState) => act(() => changeDeskState(out.edit!, storyId, to).then(() => undefined))

    await move('cleared')
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('cleared'))
    const saved = (await w.t.call('stories.get', { id: storyId })).story.signOff
    expect(saved).not.toBeNull()
    expect(screen.getByTestId('check').textContent).toBe(`check ${saved!.by}`)

    await move('in_check')
    await waitFor(() => expect(screen.getByTestId('state').textContent).toBe('in_check'))
    expect((await w.t.call('stories.get', { id: storyId })).story.signOff).toBeNull()
    expect(screen.getByTestId('check').textContent).toBe('none')
    expect(failures).toBe(0)
  })
})
