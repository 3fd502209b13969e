// The window follows the library by what main announces: an edit is one call to main, a save that
// fails is taken back with the reason, a source edited elsewhere shows in the open story, and the
// library screen stays light with thousands of stories.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { buildManyStories } from '../src/main/testing/library-fixture'
import { callFromPage } from './pages/bridge'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { firstClaimOf, storyAs } from './pages/start'
import { expect, test } from './support/fixtures'
import { LONG_STORY_TITLE, longStory } from './support/long-story'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('a claim edit is one call to main; the open story and the library row follow without fetching again', async ({
  factdesk
}) => {
  test.skip(factdesk.ipcCalls() === null, 'counts calls through the browser driver')
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Dana Whitfield')
  await expect(library.progressOf(SAMPLE_TITLE)).toHaveText('0 of 3 done')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  await story.claimItems.first().click()
  const panel = story.panel
  await expect(panel.status('Open')).toBeChecked()

  const before = factdesk.ipcCalls()!.length
  await panel.setStatus('Done')
  await expect(story.currentClaimItem).toHaveAttribute('data-status', 'done')
  await expect(panel.root.getByRole('region', { name: 'History' })).toContainText('status: Open → Done')
  // Once the window has handled main's announcement, a refetch it caused would be among the calls.
  await factdesk.eventsDelivered()
  expect(factdesk.ipcCalls()!.slice(before)).toEqual(['claims.update'])

  await story.backToLibrary()
  await expect(library.progressOf(SAMPLE_TITLE)).toHaveText('1 of 3 done')
})

test('quick arrows through the statuses: focus stays, each save is one call and lands in order, and the last status is kept', async ({
  factdesk
}) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Dana Whitfield')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  await story.claimItems.first().click()
  const panel = story.panel
  await panel.status('Open').focus()
  await expect(panel.status('Open')).toBeChecked()

  const before = factdesk.ipcCalls()?.length ?? 0
  // Three presses as fast as the keyboard sends them: no waiting for any save in between.
  for (let i = 0; i < 3; i++) await factdesk.page.keyboard.press('ArrowRight')
  await expect(panel.status('Done')).toBeChecked()
  await expect(panel.status('Done')).toBeFocused()
  await expect(story.currentClaimItem).toHaveAttribute('data-status', 'done')
  const history = panel.root.getByRole('region', { name: 'History' }).getByRole('listitem')
  await expect(history.filter({ hasText: 'status:' })).toHaveText([
    /status: Waiting on source → Done/,
    /status: In progress → Waiting on source/,
    /status: Open → In progress/
  ])
  // Once the window has handled main's announcements, a refetch they caused would be among the calls.
  await factdesk.eventsDelivered()
  await expect(panel.status('Done')).toBeFocused()
  const calls = factdesk.ipcCalls()?.slice(before)
  if (calls) expect(calls).toEqual(['claims.update', 'claims.update', 'claims.update'])

  // Back once more, then quickly forward again while someone else writes to the story (another
  // window's call, not this view's): their change shows, and so does the last status.
  for (let i = 0; i < 3; i++) await factdesk.page.keyboard.press('ArrowLeft')
  const other = callFromPage(factdesk.page, 'stories.update', {
    id: await story.page.locator('[data-screen="story"]').getAttribute('data-story-id'),
    patch: { byline: 'By someone else' }
  })
  for (let i = 0; i < 2; i++) await factdesk.page.keyboard.press('ArrowRight')
  expect((await other).ok).toBe(true)
  await expect(factdesk.page.locator('.story-heading')).toContainText('By someone else')
  await expect(panel.status('Waiting on source')).toBeChecked()
  await expect(panel.status('Waiting on source')).toBeFocused()

  await factdesk.restart()
  await new LibraryPage(factdesk.page).open(SAMPLE_TITLE)
  await expect(new StoryPage(factdesk.page).claimItems.first()).toHaveAttribute('data-status', 'waiting')
  await expect(factdesk.page.locator('.story-heading')).toContainText('By someone else')
})

test('a save that fails is taken back on screen and the editor is told why', async ({ factdesk }) => {
  const story = await firstClaimOf(factdesk.page, 'Dana Whitfield', SAMPLE_TITLE)
  const panel = story.panel

  // The stories folder is replaced by a plain file, so writing the story file fails for real.
  const stories = path.join(factdesk.libraryDir, 'stories')
  await rename(stories, `${stories}-away`)
  await writeFile(stories, 'not a folder')
  try {
    await panel.root.getByRole('radio', { name: 'Done' }).click()
    await expect(factdesk.page.getByRole('alert').filter({ hasText: 'Your change was not saved' })).toBeVisible()
    await expect(panel.status('Open')).toBeChecked()
    await expect(story.currentClaimItem).toHaveAttribute('data-status', 'open')
  } finally {
    await rm(stories)
    await rename(`${stories}-away`, stories)
  }
  await panel.setStatus('Done')
  await factdesk.restart()
  await new LibraryPage(factdesk.page).open(SAMPLE_TITLE)
  await expect(new StoryPage(factdesk.page).claimItems.first()).toHaveAttribute('data-status', 'done')
})

test('a source edited elsewhere shows at once in an open story that cites it', async ({ factdesk }) => {
  const story = await firstClaimOf(factdesk.page, 'Dana Whitfield', SAMPLE_TITLE)
  const panel = story.panel
  await panel.attachNewSource({
    title: 'Kiel support tracker',
    url: 'https://www.ifw-kiel.de/tracker',
    excerpt: 'No new packages.'
  })

  const found = await callFromPage(factdesk.page, 'sources.list', { query: 'Kiel support' })
  const source = (found.value as { id: string }[])[0]!
  const before = factdesk.ipcCalls()?.length ?? 0
  // Another screen (or another window) renames the source: sources.update names no story.
  const result = await callFromPage(factdesk.page, 'sources.update', {
    id: source.id,
    patch: { title: 'Ukraine Support Tracker (Kiel Institute)' }
  })
  expect(result.ok).toBe(true)
  await expect(panel.evidence('Ukraine Support Tracker (Kiel Institute)')).toBeVisible()
  await expect(panel.evidence('Kiel support tracker')).toHaveCount(0)
  // Folded in from the announcement: the story is not fetched again.
  expect(
    factdesk
      .ipcCalls()
      ?.slice(before)
      .filter((c) => c === 'stories.get') ?? []
  ).toEqual([])
})

const big = test.extend<{ libraryDir: string }>({
  libraryDir: async ({ libraryDir }, use) => {
    await mkdir(libraryDir, { recursive: true })
    await buildManyStories(libraryDir, 3000)
    await use(libraryDir)
  }
})

interface Frame {
  pending: boolean
  listed: number
  panel: boolean
}

longStory(
  'in a long story, each mark is drawn saved, in the text and the list, a frame before its panel opens',
  async ({ factdesk }) => {
    // Six marks in a 10,000-word story: three times the default bound on a loaded machine.
    longStory.slow()
    const { page } = factdesk
    const story = await storyAs(page, 'Dana Whitfield', LONG_STORY_TITLE)
    await expect(page.getByTestId('claim-count')).toHaveText('300 claims')
    for (let n = 0; n < 6; n++) {
      // Words an editor can see: a paragraph brought to the middle of the view first, and its highlights drawn
      // (paragraphs away from the view draw theirs as they come near, which moves the text and the Mark button).
      const at = await page.evaluate((nth) => {
        const paragraphs = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="article"] > .para'))
        const paragraph = paragraphs[(nth * 37 + 5) % paragraphs.length] as HTMLElement
        paragraph.scrollIntoView({ block: 'center' })
        return paragraph.dataset.from as string
      }, n)
      const paragraph = page.locator(`[data-testid="article"] > .para[data-from="${at}"]`)
      await expect(paragraph.locator('mark.hl').first()).toBeAttached()
      await expect(paragraph).toBeInViewport()
      // Every frame from here on: is a claim pending, how many are listed, is a panel open.
      await paragraph.evaluate((p) => {
        const frames: Frame[] = []
        ;(window as unknown as { __frames: Frame[] }).__frames = frames
        const record = (): void => {
          const count = Number.parseInt(document.querySelector('[data-testid="claim-count"]')?.textContent ?? '0', 10)
          frames.push({
            pending: document.querySelector('mark.hl[data-status="pending"]') !== null,
            listed: count,
            panel: document.querySelector('.claim-panel') !== null
          })
          if (frames.length < 600) requestAnimationFrame(record)
        }
        requestAnimationFrame(record)
        // Words in a stretch of the paragraph no claim covers yet (a run of plain text, not a highlight).
        const run = Array.from(p.querySelectorAll<HTMLElement>('span[data-start]')).find(
          (r) => (r.textContent ?? '').length > 60
        ) as HTMLElement
        const text = run.firstChild as Text
        const range = document.createRange()
        range.setStart(text, 10)
        range.setEnd(text, 50)
        while (/\s/.test(text.data[range.startOffset] ?? '')) range.setStart(text, range.startOffset + 1)
        document.getSelection()?.removeAllRanges()
        document.getSelection()?.addRange(range)
      })
      await story.markSelection()
      await expect(page.getByTestId('claim-count')).toHaveText(`${301 + n} claims`)
      await expect(story.panel.root).toBeVisible()
      const frames = await page.evaluate(() => (window as unknown as { __frames: Frame[] }).__frames)
      const savedAt = frames.findIndex((f) => !f.pending && f.listed === 301 + n)
      // Opening the panel is the heaviest render of a mark: begun with the saved claim's, it holds that back.
      expect(
        frames.findIndex((f) => f.panel),
        `mark ${n + 1}: the panel opens a frame after the saved claim is drawn`
      ).toBeGreaterThan(savedAt)
      await page.keyboard.press('Escape')
      await expect(story.panel.root).toBeHidden()
    }
  }
)

big(
  'the library screen renders only the rows in view of 3,000 stories, and searches them all in main',
  async ({ factdesk }) => {
    const { page } = factdesk
    const list = page.locator('.library-table')
    await expect(list).toHaveAttribute('data-total', '3000')
    await expect(page.getByRole('table', { name: 'Stories' })).toHaveAttribute('aria-rowcount', '3001')
    const rendered = await page.locator('tr[data-story-id]').count()
    expect(rendered).toBeGreaterThan(5)
    expect(rendered).toBeLessThan(80)
    // The first frame draws the rows in view and two beyond them; the rows kept ready for scrolling come with the
    // list's first scroll, not before the first paint.
    const belowView = (): Promise<number> =>
      list.evaluate((el) => {
        const bottom = el.getBoundingClientRect().bottom
        return [...el.querySelectorAll('tr[data-story-id]')].filter((row) => row.getBoundingClientRect().top >= bottom)
          .length
      })
    // Polled: a row measured taller than the estimate lets go of a row below the view in a render of its own.
    await expect.poll(belowView).toBeLessThanOrEqual(2)
    await list.evaluate((el) => el.scrollBy({ top: 30 }))
    await expect.poll(belowView).toBeGreaterThanOrEqual(8)

    // The newest first; the oldest is reached by scrolling, and is then in the page.
    await expect(page.locator('tr[data-story-id="s2999"]')).toBeVisible()
    await expect(page.locator('tr[data-story-id="s0"]')).toHaveCount(0)
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }))
    await expect(page.locator('tr[data-story-id="s0"]')).toBeVisible()
    expect(await page.locator('tr[data-story-id]').count()).toBeLessThan(80)

    await page.getByLabel('Search stories').fill('budget 1234')
    await expect(list).toHaveAttribute('data-total', '1')
    await expect(page.locator('tr[data-story-id]')).toHaveCount(1)
    await expect(page.locator('tr[data-story-id="s1234"]')).toBeVisible()
    await page.getByLabel('Search stories').fill('evening')
    await expect(list).toHaveAttribute('data-total', '1500')
  }
)
