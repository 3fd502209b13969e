// @vitest-environment jsdom
// The scheduled check of published pages from the window, against the real main (window-bridge) and a
// local HTTP server, the watch's timer on a fake clock: the editor sets "every N hours" in Desk settings,
// the clock passes it, the changed page becomes a notice naming the story, and the settings say what the
// last check found (a page that could not be fetched listed with why).
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { memoryWatchSchedule } from '../../../main/identity'
import { FakeClock } from '../../../main/testing/fake-clock'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import { Notices } from '../app/Notices'
import { StoreProvider, useLibrary } from '../app/use-store'
import { PublishedWatchSettings } from './PublishedWatchSettings'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const HOUR = 60 * 60 * 1000
const first = 'Council cuts bus routes\n\nThe council cut 12 bus routes on Monday.'
const pages = new Map<string, string>()
let server: http.Server
let base = ''
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const page = pages.get(req.url ?? '')
    res.writeHead(page === undefined ? 503 : 200, { 'content-type': 'text/plain; charset=utf-8' })
    res.end(page ?? 'Service unavailable')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let w: WindowCore
let clock: FakeClock
beforeEach(async () => {
  clock = new FakeClock()
  pages.clear()
  pages.set('/routes', first)
  pages.set('/gone', first.replaceAll('bus', 'tram'))
  w = await openWindowCore('Rosa Diaz', {
    watchSchedule: memoryWatchSchedule(),
    watchTimers: clock,
    now: () => new Date(clock.now)
  })
  ;(window as unknown as { factdesk: unknown }).factdesk = w.bridge
})
afterEach(async () => {
  cleanup()
  await w.t.cleanup()
})

async function signedOff(route: string, words: string): Promise<string> {
  const { story } = await w.t.call('import.url', { url: `${base}${route}` })
  const text = (await w.t.call('stories.get', { id: story.id })).story.text
  const start = text.indexOf(words)
  const claim = await w.t.call('claims.create', { storyId: story.id, start, end: start + words.length })
  await w.t.call('claims.update', {
    storyId: story.id,
    claimId: claim.id,
    patch: { status: 'done', verdict: 'accurate' }
  })
  await w.t.call('stories.update', { id: story.id, patch: { deskState: 'cleared' } })
  return story.title
}

function Window(): React.JSX.Element {
  const { notices, dismissNotice } = useLibrary(() => undefined)
  return (
    <>
      <Notices notices={notices} readOnly={false} onDismiss={dismissNotice} />
      <PublishedWatchSettings />
    </>
  )
}

describe('checking published pages on a schedule, from the window', () => {
  it('set in Desk settings; a changed page is a notice naming the story; a failed fetch is listed', async () => {
    const title = await signedOff('/routes', 'cut 12 bus routes')
    const trams = await signedOff('/gone', 'cut 12 tram routes')
    render(
      <StoreProvider>
        <Window />
      </StoreProvider>
    )
    const state = screen.getByTestId('published-watch-state')
    await waitFor(() => expect(state.textContent).toMatch(/^Off/))

    fireEvent.change(screen.getByLabelText(/^Check published stories every/), { target: { value: '4' } })
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }))
    await waitFor(() => expect(state.textContent).toMatch(/next check/))
    expect((await w.t.call('published.watch', {})).hours).toBe(4)

    pages.set('/routes', first.replace('12', '11'))
    pages.delete('/gone')
    await act(async () => {
      await clock.advance(4 * HOUR)
      await w.t.core.watch.idle()
    })
    const notice = await screen.findByRole('alert')
    expect(notice.textContent).toContain('A published page changed.')
    expect(notice.textContent).toContain(`“${title}”`)
    expect(notice.textContent).toContain('1 claim needs re-check')
    expect(notice.textContent).not.toContain(trams)
    await waitFor(() => expect(state.textContent).toMatch(/Last check .*: 1 changed, 1 failed\./))
    expect(screen.getByRole('list', { name: 'Published pages not checked' }).textContent).toMatch(
      new RegExp(`“${trams}”: .*503`)
    )
  })
})
