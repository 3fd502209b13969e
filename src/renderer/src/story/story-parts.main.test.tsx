// @vitest-environment jsdom
// A story opened in parts against the real main (src/main/testing/window-bridge.ts): the store asks
// stories.get for the first claims only, then stories.page brings the rest of the claims and the
// activity; the view ends holding exactly what a whole stories.get holds, also when the story is
// written between two pages, and edits to claims far past the first part are saved and shown.
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { useEffect } from 'react'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FIRST_CLAIMS, type StoryDetail } from '../../../shared/contract'
import type { Claim } from '../../../shared/model'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { buildLibrary } from '../../../main/testing/library-fixture'
import { call } from '../api'
import { StoreProvider, useStory, type StoryHook } from '../app/use-store'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

/** More claims than the first part and two pages, and more activity (five entries a claim) than one page. */
const CLAIMS = 1200

let root: string
let w: WindowCore
let calls: { channel: string; input: unknown }[]
/** Runs once, just before the first stories.page call reaches main. */
let beforeFirstPage: (() => Promise<void>) | null

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-parts-'))
  const libraryDir = path.join(root, 'library')
  await buildLibrary(libraryDir, 0, 1, { claims: CLAIMS, words: 4000 })
  w = await openWindowCore('Rosa Diaz', { libraryDir })
  calls = []
  beforeFirstPage = null
  seen.hook = undefined
  const bridge = w.bridge as unknown as Record<string, unknown>
  const stories = bridge.stories as Record<string, (input: unknown, id?: string) => Promise<unknown>>
  const watched = (channel: string, fn: (input: unknown, id?: string) => Promise<unknown>) => {
    return async (input: unknown, id?: string) => {
      calls.push({ channel, input })
      if (channel === 'stories.page' && beforeFirstPage) {
        const before = beforeFirstPage
        beforeFirstPage = null
        await before()
      }
      return fn(input, id)
    }
  }
  ;(window as unknown as { factdesk: unknown }).factdesk = {
    ...bridge,
    stories: {
      ...stories,
      get: watched('stories.get', stories.get!),
      page: watched('stories.page', stories.page!)
    }
  }
})
afterEach(async () => {
  cleanup()
  await w.t.cleanup()
  await rm(root, { recursive: true, force: true })
})

const seen: { hook?: StoryHook } = {}
function Story(): React.JSX.Element {
  const hook = useStory('big', () => undefined)
  useEffect(() => void (seen.hook = hook))
  const { detail } = hook
  if (!detail) return <p>Loading</p>
  return (
    <p data-testid="counts">
      {detail.claims.length} claims, {detail.evidence.length} evidence, {detail.activity.length} activity
    </p>
  )
}

/** The story as one whole stories.get reads it, in the terms the view keeps. */
async function whole(): Promise<{ claims: string[]; evidence: string[]; activity: string[] }> {
  const { version: _version, ...detail } = await w.t.call('stories.get', { id: 'big' })
  return terms(detail)
}
const terms = (d: StoryDetail) => ({
  claims: d.claims.map((c) => `${c.id} ${c.rationale} ${c.status}`),
  evidence: d.evidence.map((e) => e.id).sort(),
  activity: d.activity.map((a) => a.id)
})

async function streamed(): Promise<ReturnType<typeof terms>> {
  await waitFor(
    async () => {
      const expected = await whole()
      expect(screen.getByTestId('counts').textContent).toBe(
        `${expected.claims.length} claims, ${expected.evidence.length} evidence, ${expected.activity.length} activity`
      )
      // The hook as the effect keeps it: waitFor can see the committed counts before the passive effect has run,
      // and would then read the previous render's hook (still loading; seen in a CI run).
      expect(seen.hook?.detail?.claims.length).toBe(expected.claims.length)
    },
    { timeout: 20_000 }
  )
  return terms(seen.hook?.detail as StoryDetail)
}

describe('a story opened in parts', () => {
  it('shows the first claims from the first answer, then holds exactly what a whole read holds', async () => {
    render(
      <StoreProvider>
        <Story />
      </StoreProvider>
    )
    expect(await screen.findByTestId('counts')).toBeTruthy()
    // The first answer had the first claims and no activity: the page calls bring the rest.
    expect(calls[0]).toEqual({ channel: 'stories.get', input: { id: 'big', firstClaims: FIRST_CLAIMS } })
    expect(await streamed()).toEqual(await whole())
    expect(calls.filter((c) => c.channel === 'stories.page').length).toBeGreaterThanOrEqual(2)
  }, 60_000)

  it('starts again when the story is written between its parts, and ends holding that write', async () => {
    // A claim of the first part, changed after it was read: only starting again brings the change.
    const near = (await w.t.call('stories.get', { id: 'big' })).claims[5] as Claim
    beforeFirstPage = async () => {
      await w.t.call('claims.update', { storyId: 'big', claimId: near.id, patch: { rationale: 'Written meanwhile' } })
    }
    render(
      <StoreProvider>
        <Story />
      </StoreProvider>
    )
    const view = await streamed()
    expect(view).toEqual(await whole())
    expect(view.claims[5]).toContain('Written meanwhile')
  }, 60_000)

  it('saves and shows an edit to a claim far past the first part', async () => {
    render(
      <StoreProvider>
        <Story />
      </StoreProvider>
    )
    await streamed()
    const far = seen.hook?.detail?.claims[CLAIMS - 10] as Claim
    expect(seen.hook?.detail?.claims.indexOf(far)).toBeGreaterThan(FIRST_CLAIMS)
    await act(async () => {
      await seen.hook?.edit({
        send: () => call('claims.update', { storyId: 'big', claimId: far.id, patch: { rationale: 'Checked late' } }),
        apply: (d, saved) => ({ ...d, claims: d.claims.map((c) => (c.id === saved.id ? saved : c)) })
      })
    })
    await waitFor(() => expect(seen.hook?.detail?.claims[CLAIMS - 10]?.rationale).toBe('Checked late'))
    expect((await whole()).claims[CLAIMS - 10]).toContain('Checked late')
    expect(terms(seen.hook?.detail as StoryDetail)).toEqual(await whole())
  }, 60_000)
})
