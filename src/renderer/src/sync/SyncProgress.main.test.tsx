// @vitest-environment jsdom
// The desk dialog's progress bar against the real main and a real PostgreSQL desk: a library of 60
// stories x 40 claims connects, main pushes it a page at a time and sends the progress with the desk
// status after each page, the window's event reaches the bar (SyncProgress, as the dialog and the
// status line render it), and the bar goes once the push is done. Fails on the code before, whose
// status had no progress.
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { cleanup, render, waitFor } from '@testing-library/react'
import { useEffect, useState } from 'react'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { settled, startDeskCluster, type DeskCluster } from '../../../main/desk/testing/desk-cluster'
import { benchIdentity, buildLibrary } from '../../../main/testing/library-fixture'
import { openWindowCore, type WindowCore } from '../../../main/testing/window-bridge'
import type { DeskStatus } from '../../../shared/contract'
import { onEvent } from '../api'
import { SyncProgress } from './SyncProgress'

;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true
const actEnvironment = (on: boolean): void => {
  ;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = on
}

let cluster: DeskCluster
let root: string
let w: WindowCore

beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
  root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-progress-'))
  await buildLibrary(path.join(root, 'library'), 60, 40)
  w = await openWindowCore('Ana', { libraryDir: path.join(root, 'library'), identity: benchIdentity, deskRetryMs: 150 })
  ;(window as unknown as { factdesk: unknown }).factdesk = w.bridge
}, 120_000)

let ben: WindowCore | undefined

afterAll(async () => {
  cleanup()
  await ben?.t.cleanup()
  await w?.t.cleanup()
  await cluster?.close()
  await rm(root, { recursive: true, force: true })
})

/** The bar as the window shows it, fed only by main's desk.status events. */
function Bar(): React.JSX.Element {
  const [status, setStatus] = useState<DeskStatus | null>(null)
  useEffect(() => onEvent('desk.status', setStatus), [])
  return <SyncProgress progress={status?.progress ?? null} />
}

/** Every state the bar held, as React committed it (no polling, no timing). */
function watchBar(container: HTMLElement): { seen: { done: number; total: number; text: string }[]; stop(): void } {
  const seen: { done: number; total: number; text: string }[] = []
  const observer = new MutationObserver(() => {
    const bar = container.querySelector<HTMLElement>('[role="progressbar"]')
    if (!bar) return
    const done = Number(bar.dataset.done)
    if (seen.at(-1)?.done !== done)
      seen.push({ done, total: Number(bar.dataset.total), text: bar.getAttribute('aria-valuetext') ?? '' })
  })
  observer.observe(container, { subtree: true, childList: true, attributes: true })
  return { seen, stop: () => observer.disconnect() }
}

it('shows the first push page by page, then goes', async () => {
  const sent: NonNullable<DeskStatus['progress']>[] = []
  const stop = onEvent('desk.status', (s) => void (s.progress && sent.push(s.progress)))
  const view = render(<Bar />)
  const { seen, stop: unwatch } = watchBar(view.container)
  // Outside act(): React renders each status as it comes, as in the window (act would batch them all).
  actEnvironment(false)
  try {
    await w.t.call('desk.connect', cluster.connectInput('news', 'ana'))
    await settled(w.t)
    // The last status (no progress) rendered: wait for the bar to go, by state.
    await waitFor(() => expect(view.container.querySelector('[role="progressbar"]')).toBeNull())
  } finally {
    actEnvironment(true)
  }
  unwatch()
  stop()
  // Main sent every page's count, the last one the whole; the window drew at least two of them.
  expect(sent.at(-1)).toEqual({ phase: 'push', done: sent[0]!.total, total: sent[0]!.total })
  expect(seen.length).toBeGreaterThanOrEqual(2)
  const total = seen[0]!.total
  // 60 stories of 81 units and their history, sent in pages of at most 2,000 units.
  expect(total).toBeGreaterThan(60 * 81)
  expect(seen.every((s) => s.total === total && s.done > 0 && s.done <= total)).toBe(true)
  expect(seen.map((s) => s.done)).toEqual([...seen.map((s) => s.done)].sort((a, b) => a - b))
  expect(seen[0]!.text).toMatch(/^Sending changes to the desk: [\d,]+ of [\d,]+$/)
  // The last count was drawn before the bar went (it came in one task with the end, and never drew).
  expect(seen.at(-1)).toEqual({
    done: total,
    total,
    text: `Sending changes to the desk: ${total.toLocaleString('en-GB')} of ${total.toLocaleString('en-GB')}`
  })
})

it('shows the first sync of a desk into an empty library batch by batch, then goes', async () => {
  // The desk holds the 60 stories pushed above; 180 more make three fetches of 100 stories.
  for (let i = 0; i < 180; i++) await w.t.call('stories.create', { title: `Brief ${i}`, text: `Brief number ${i}.` })
  await settled(w.t)
  ben = await openWindowCore('Ben', { deskRetryMs: 150 })
  ;(window as unknown as { factdesk: unknown }).factdesk = ben.bridge
  cleanup()
  const sent: NonNullable<DeskStatus['progress']>[] = []
  const stop = onEvent('desk.status', (s) => void (s.progress && sent.push(s.progress)))
  const view = render(<Bar />)
  const bar = watchBar(view.container)
  actEnvironment(false)
  try {
    await ben.t.call('desk.connect', cluster.connectInput('news', 'ben'))
    await settled(ben.t)
    await waitFor(() => expect(view.container.querySelector('[role="progressbar"]')).toBeNull())
  } finally {
    actEnvironment(true)
  }
  bar.stop()
  stop()
  expect(ben.t.core.store.library.stories.filter((s) => s.title.startsWith('Brief '))).toHaveLength(180)
  // 240 stories new to this library, fetched 100 at a time: main sent each batch, and the window drew
  // the bar moving, up to the last count (it stays until the sync's round is over).
  expect(sent.every((p) => p.phase === 'pull' && p.total === 240)).toBe(true)
  expect(sent.at(-1)).toEqual({ phase: 'pull', done: 240, total: 240 })
  expect(bar.seen.length).toBeGreaterThanOrEqual(2)
  expect(bar.seen.every((s) => s.total === 240 && s.done > 0 && s.done <= 240)).toBe(true)
  expect(bar.seen.map((s) => s.done)).toEqual([...bar.seen.map((s) => s.done)].sort((a, b) => a - b))
  expect(bar.seen[0]!.text).toMatch(/^Receiving stories from the desk: [\d,]+ of 240$/)
  expect(bar.seen.at(-1)).toEqual({ done: 240, total: 240, text: 'Receiving stories from the desk: 240 of 240' })
}, 120_000)
