// The scheduled check of published pages (issue 28, item 6), a fake clock driving the real core,
// importer and store against a local HTTP server: nothing waits on the wall clock (a test moves the
// watch's clock, waits for the check under way with `watch.idle()`, and holds the server's answers with a
// gate). Only the watch's timer is fake: vitest's global fake timers would also fire the import's own time
// limit when the clock moves hours on, which is not what these tests are about. Off by default; on, each
// signed-off story with an address is checked every N hours and a changed page becomes a revision with a
// notice naming the story; a failing server is recorded, not thrown; checks never overlap; a timer never
// asks for network consent; a library switch mid-check stops it and writes nothing to either library.
import { mkdtemp, rm } from 'node:fs/promises'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import type { WatchRun } from '../../shared/contract'
import { memoryWatchSchedule } from '../identity'
import { FakeClock } from '../testing/fake-clock'
import { openTestCore, withEditor, type TestCore } from '../testing/test-core'

const HOUR = 60 * 60 * 1000

const first =
  'Council cuts bus routes\n\nThe council cut 12 bus routes on Monday.\n\nThe mayor said no school route was affected.'
const pages = new Map<string, string>()
let status = 200
let requests: string[] = []
/** While set, the server holds every answer until it resolves. */
let gate: Promise<void> | null = null
let server: http.Server
let base = ''
beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(req.url ?? '')
    void (gate ?? Promise.resolve()).then(() => {
      if (req.url === '/moved') {
        // Into this computer by another name: a redirect inward that needs the editor's yes.
        res.writeHead(302, { location: `http://localhost:${(server.address() as AddressInfo).port}/routes` })
        res.end()
        return
      }
      const page = pages.get(req.url ?? '')
      res.writeHead(page === undefined ? 404 : status, { 'content-type': 'text/plain; charset=utf-8' })
      res.end(page ?? 'Not found')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let t: TestCore
let clock: FakeClock
beforeEach(async () => {
  pages.clear()
  pages.set('/routes', first)
  pages.set('/schools', first.replaceAll('bus routes', 'school buses'))
  status = 200
  requests = []
  gate = null
  clock = new FakeClock()
  t = await openTestCore({ watchSchedule: memoryWatchSchedule(), watchTimers: clock, now: () => new Date(clock.now) })
  await withEditor(t, 'Rosa Diaz')
})
afterEach(async () => {
  await t.cleanup()
})

/** Imports the page at `route`, marks a claim Done with a verdict and, unless told not to, signs it off. */
async function story(route: string, words: string, signOff = true) {
  const { story } = await t.call('import.url', { url: `${base}${route}` })
  const text = (await t.call('stories.get', { id: story.id })).story.text
  const claim = await t.call('claims.create', {
    storyId: story.id,
    start: text.indexOf(words),
    end: text.indexOf(words) + words.length
  })
  await t.call('claims.update', {
    storyId: story.id,
    claimId: claim.id,
    patch: { status: 'done', verdict: 'accurate' }
  })
  if (signOff) await t.call('stories.update', { id: story.id, patch: { deskState: 'cleared' } })
  return { id: story.id, title: story.title, claimId: claim.id }
}

const runs = (): WatchRun[] =>
  t.platform.events.filter((e) => e.event === 'published.checked').map((e) => e.payload as WatchRun)

/** Moves the fake clock on and waits for a check the timer started to end. */
async function after(ms: number): Promise<void> {
  await clock.advance(ms)
  await t.core.watch.idle()
}

describe('checking published pages on a schedule', () => {
  it('is off by default: no timer, no fetch', async () => {
    await story('/routes', 'cut 12 bus routes')
    requests = []
    expect(await t.call('published.watch', {})).toMatchObject({ hours: null, nextAt: null, running: false })
    await after(1000 * HOUR)
    expect(requests).toEqual([])
    expect(runs()).toEqual([])
  })

  it('every N hours checks each signed-off story with an address; a changed page is a revision and a notice', async () => {
    const routes = await story('/routes', 'cut 12 bus routes')
    const schools = await story('/schools', 'cut 12 school buses')
    await story('/routes', 'no school route was affected', false) // not signed off: never checked
    await t.call('stories.create', { title: 'Pasted', text: 'A pasted story.' }) // no address
    requests = []
    const state = await t.call('published.setWatch', { hours: 6 })
    expect(state.hours).toBe(6)
    expect(Date.parse(state.nextAt!)).toBe(clock.now + 6 * HOUR)

    pages.set('/routes', first.replace('cut 12 bus routes', 'cut 11 bus routes'))
    await after(6 * HOUR - 1000)
    expect(requests).toEqual([])
    await after(1000)
    expect(requests.sort()).toEqual(['/routes', '/schools'])
    const [run] = runs()
    expect(run!.results.map((r) => [r.title, r.outcome, r.recheck])).toEqual([
      [routes.title, 'changed', 1],
      [schools.title, 'unchanged', 0]
    ])
    expect(run!.results[0]!.message).toMatch(/revision 2, 1 claim needs re-check/)
    const detail = await t.call('stories.get', { id: routes.id })
    expect(detail.story.revision).toBe(2)
    expect(detail.claims.find((c) => c.id === routes.claimId)!.recheck).toMatchObject({ reason: 'revised' })
    expect((await t.call('stories.get', { id: schools.id })).story.revision).toBe(1)
    // Armed again, and the state says what the last check found.
    expect(await t.call('published.watch', {})).toMatchObject({ hours: 6, running: false, lastRun: run })

    // Six hours on: checked again; the page has not changed since the revision.
    requests = []
    await after(6 * HOUR)
    expect(requests.sort()).toEqual(['/routes', '/schools'])
    expect(runs()[1]!.results.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged'])

    // Off again: nothing more.
    requests = []
    expect(await t.call('published.setWatch', { hours: null })).toMatchObject({ hours: null, nextAt: null })
    await after(100 * HOUR)
    expect(requests).toEqual([])
  })

  it('a failing server is recorded, not thrown; the story is untouched and the next check still comes', async () => {
    const routes = await story('/routes', 'cut 12 bus routes')
    const before = await t.call('stories.get', { id: routes.id })
    await t.call('published.setWatch', { hours: 2 })
    status = 500
    await after(2 * HOUR)
    const [failed] = runs()
    expect(failed!.results).toMatchObject([{ storyId: routes.id, outcome: 'failed' }])
    expect(failed!.results[0]!.message).toMatch(/500/)
    expect((await t.call('stories.get', { id: routes.id })).story).toEqual(before.story)

    status = 200
    await after(2 * HOUR)
    expect(runs()[1]!.results).toMatchObject([{ storyId: routes.id, outcome: 'unchanged' }])
  })

  it('never overlaps: a check still waiting for a page holds the next one back', async () => {
    await story('/routes', 'cut 12 bus routes')
    requests = []
    await t.call('published.setWatch', { hours: 1 })
    let release!: () => void
    gate = new Promise((resolve) => (release = resolve))
    await clock.advance(HOUR)
    await vi.waitFor(() => expect(requests).toEqual(['/routes']))
    expect((await t.call('published.watch', {})).running).toBe(true)
    await clock.advance(5 * HOUR)
    expect(requests).toEqual(['/routes'])
    release()
    gate = null
    await t.core.watch.idle()
    expect(runs()).toHaveLength(1)
    // The next hour counts from the end of the check.
    await after(HOUR)
    expect(requests).toEqual(['/routes', '/routes'])
  })

  it('never asks for consent: a redirect to a local host not yet allowed is skipped, and says so', async () => {
    const routes = await story('/routes', 'cut 12 bus routes')
    await t.call('stories.update', { id: routes.id, patch: { url: `${base}/moved` } })
    await t.call('published.setWatch', { hours: 1 })
    await after(HOUR)
    const [run] = runs()
    expect(run!.results).toMatchObject([{ storyId: routes.id, outcome: 'skipped' }])
    expect(run!.results[0]!.message).toMatch(/localhost.*Check published page/s)
    expect(t.platform.networkConsent.asked).toEqual([])
    expect((await t.call('stories.get', { id: routes.id })).story.revision).toBe(1)
  })

  it('a library switch mid-check stops it: nothing written to either library, and the new one is watched', async () => {
    const routes = await story('/routes', 'cut 12 bus routes')
    const other = await mkdtemp(path.join(os.tmpdir(), 'factdesk-watch-other-'))
    try {
      await t.call('published.setWatch', { hours: 3 })
      pages.set('/routes', first.replace('cut 12 bus routes', 'cut 11 bus routes'))
      let release!: () => void
      gate = new Promise((resolve) => (release = resolve))
      await clock.advance(3 * HOUR)
      await vi.waitFor(() => expect(requests).toContain('/routes'))

      t.platform.chooseLibraryFolder = async () => other
      expect(await t.call('library.open', {})).toEqual({ opened: true, path: other })
      release()
      gate = null
      await t.core.watch.idle()
      expect(runs()).toEqual([])
      // The new library has the computer's schedule armed.
      expect(await t.call('published.watch', {})).toMatchObject({ hours: 3, running: false, lastRun: null })

      const own = t.dir
      t.platform.chooseLibraryFolder = async () => own
      await t.call('library.open', {})
      expect((await t.call('stories.get', { id: routes.id })).story.revision).toBe(1)
    } finally {
      await rm(other, { recursive: true, force: true })
    }
  })
})
