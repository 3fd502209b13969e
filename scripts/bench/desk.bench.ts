// The annotation desk in Chromium through the browser driver: opening a 10,000-word story with 300
// claims until it is interactive, and marking a claim until its highlight shows (and until saved).
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { launchBrowserApp, newDialogScript } from '../../e2e/support/browser-app'
import { chromiumArgs, chromiumPath } from '../../e2e/support/driver'
import { serveDirectory } from '../../e2e/support/static-server'
import { LibraryStore } from '../../src/main/store/library-store'
import { benchIdentity, syntheticStory } from './library-fixture'
import { percentile, row, type Bench, type BenchRow } from './types'

const BIG = { id: 'big', words: 10_000, claims: 300 }
const OTHER_STORIES = 49
const OTHER_CLAIMS = 40
const OPENS = 12
const MARKS = 20
const at = '2026-11-25T10:00:00.000Z'

async function buildDeskLibrary(dir: string): Promise<void> {
  const store = await LibraryStore.open(dir)
  await store.createStory(syntheticStory(BIG.id, BIG.claims, BIG.words))
  for (let s = 0; s < OTHER_STORIES; s++) await store.createStory(syntheticStory(`story${s}`, OTHER_CLAIMS))
  await store.updateLibrary((l) => {
    l.people.push({ id: 'bench', name: 'Bench Editor', initials: 'BE', createdAt: at, active: true, formerNames: [] })
  })
  await store.close()
}

/** Clicks the story in the library and waits for its highlights to be on screen and a frame painted. */
const openStory = (page: Page, id: string): Promise<number> =>
  page.evaluate(async (storyId) => {
    const started = performance.now()
    ;(document.querySelector(`tr[data-story-id="${storyId}"] .story-link`) as HTMLElement).click()
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const view = document.querySelector(`[data-screen="story"][data-story-id="${storyId}"][data-ready="true"]`)
        if (view && view.querySelector('mark.hl') && view.querySelector('.claim-item')) requestAnimationFrame(() => setTimeout(resolve, 0))
        else requestAnimationFrame(check)
      }
      check()
    })
    return performance.now() - started
  }, id)

/** Selects words in an unmarked run, presses M, and times the highlight appearing and the claim being saved. */
const markOnce = (page: Page, nth: number): Promise<{ shown: number; saved: number }> =>
  page.evaluate(async (n) => {
    const runs = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="article"] span[data-start]')).filter((r) => (r.textContent ?? '').length > 60)
    const run = runs[(n * 7) % runs.length] as HTMLElement
    const text = run.firstChild as Text
    const range = document.createRange()
    range.setStart(text, 10)
    range.setEnd(text, 50)
    while (/\s/.test(text.data[range.startOffset] ?? '')) range.setStart(text, range.startOffset + 1)
    const selection = document.getSelection() as Selection
    selection.removeAllRanges()
    selection.addRange(range)
    const start = Number(run.dataset.start) + range.startOffset
    await new Promise((resolve) => setTimeout(resolve, 30)) // let selectionchange settle
    const before = document.querySelectorAll('.claim-item').length
    const started = performance.now()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', code: 'KeyM', bubbles: true }))
    const until = (test: () => boolean): Promise<number> =>
      new Promise((resolve) => {
        const check = (): void => {
          if (test()) requestAnimationFrame(() => resolve(performance.now() - started))
          else requestAnimationFrame(check)
        }
        check()
      })
    const shown = await until(() => document.querySelector(`mark.hl[data-start="${start}"]`) !== null)
    const saved = await until(() => document.querySelector('mark.hl[data-status="pending"]') === null && document.querySelectorAll('.claim-item').length > before)
    return { shown, saved }
  }, nth)

async function measure(): Promise<{ opens: number[]; ipc: number[]; shown: number[]; saved: number[] }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-desk-bench-'))
  const dir = path.join(root, 'library')
  const server = await serveDirectory(path.resolve('out/renderer'))
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true })
  try {
    await buildDeskLibrary(dir)
    const app = await launchBrowserApp(browser, server.origin, dir, newDialogScript(), path.resolve('resources/sample-story.txt'), { checkOutput: false, identity: benchIdentity })
    const { page } = app
    await page.locator(`tr[data-story-id="${BIG.id}"]`).waitFor()
    const opens: number[] = []
    for (let i = 0; i < OPENS; i++) {
      opens.push(await openStory(page, BIG.id))
      await page.getByRole('button', { name: 'Back to the library', exact: true }).click()
      await page.locator(`tr[data-story-id="${BIG.id}"]`).waitFor()
    }
    const ipc: number[] = []
    for (let i = 0; i < 8; i++) {
      ipc.push(
        await page.evaluate(async (id) => {
          const started = performance.now()
          await (window as unknown as { factdesk: { stories: { get(i: { id: string }): Promise<unknown> } } }).factdesk.stories.get({ id })
          return performance.now() - started
        }, BIG.id)
      )
    }
    await openStory(page, BIG.id)
    const shown: number[] = []
    const saved: number[] = []
    for (let i = 0; i < MARKS; i++) {
      const t = await markOnce(page, i)
      shown.push(t.shown)
      saved.push(t.saved)
      await page.keyboard.press('Escape')
      // Let the reload that follows a save (library.changed) finish, as it would between two marks.
      await page.waitForTimeout(500)
    }
    await app.close()
    return { opens: opens.slice(2), ipc: ipc.slice(2), shown, saved } // the first opens warm the JIT and the file cache
  } finally {
    await browser.close()
    await server.close()
    await rm(root, { recursive: true, force: true })
  }
}

const bench: Bench = {
  name: 'desk',
  async run(): Promise<BenchRow[]> {
    const { opens, ipc, shown, saved } = await measure()
    const size = `${BIG.words.toLocaleString('en')} words x ${BIG.claims} claims, library ${OTHER_STORIES + 1} stories / ${(BIG.claims + OTHER_STORIES * OTHER_CLAIMS).toLocaleString('en')} claims`
    return [
      row(`open story until interactive p50 (${size})`, percentile(opens, 50), 'ms', { max: 300 }),
      row(`open story until interactive p95 (${size})`, percentile(opens, 95), 'ms'),
      row('  of which stories.get through the browser driver p50 (main + binding, output unchecked as in the packaged app)', percentile(ipc, 50), 'ms'),
      row(`mark claim until highlight shows p50 (${size})`, percentile(shown, 50), 'ms', { max: 50 }),
      row(`mark claim until highlight shows p95 (${size})`, percentile(shown, 95), 'ms'),
      row(`mark claim until saved and re-rendered p50 (${size})`, percentile(saved, 50), 'ms')
    ]
  }
}
export default bench
