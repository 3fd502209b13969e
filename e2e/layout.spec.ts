// The desk at the smallest supported window (1024×700) and a common laptop size (1440×900): the
// toolbar wraps, the claim panel lies over the text, and nothing scrolls the desk sideways, even
// with the evidence form focused.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { VerdictPage } from './pages/verdict-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const shots = path.resolve(__dirname, '../test-results/screenshots')

/** No element of the page is scrolled or scrollable sideways. */
const sidewaysScroll = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>('*'))
      .filter((el) => el.scrollLeft > 0 || (el === document.scrollingElement && el.scrollWidth > el.clientWidth))
      .map((el) => el.className || el.tagName)
  )

async function expectOnScreen(page: Page, control: Locator): Promise<void> {
  const box = await control.boundingBox()
  const size = page.viewportSize()!
  expect(box, 'control is laid out').not.toBeNull()
  expect(box!.x).toBeGreaterThanOrEqual(0)
  expect(box!.x + box!.width).toBeLessThanOrEqual(size.width)
  expect(box!.y + box!.height).toBeLessThanOrEqual(size.height)
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1440, height: 900 }
]) {
  test(`the story desk works at ${size.width}×${size.height} with the panel open and the evidence form focused`, async ({
    factdesk
  }) => {
    const { page } = factdesk
    await mkdir(shots, { recursive: true })
    await page.setViewportSize(size)
    const library = new LibraryPage(page)
    await library.addEditor('Layout Tester')
    await page.screenshot({ path: path.join(shots, `library-${size.width}x${size.height}.png`) })
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await story.claimItem('NATO chief Mark Rutte').click()
    await story.panel.root.getByRole('button', { name: 'Attach evidence' }).click()
    const form = story.panel.root.getByRole('form', { name: 'Attach evidence' })
    await expect(form.locator('[name="source-title"]')).toBeFocused()
    await form.locator('[name="locator"]').focus()
    await form.locator('[name="locator"]').fill('p. 4')

    expect(await sidewaysScroll(page)).toEqual([])
    for (const control of [
      page.getByRole('combobox', { name: 'Desk state' }),
      page.getByRole('button', { name: 'Export…' }),
      story.panel.root.getByRole('button', { name: 'Close claim panel' }),
      story.panel.root.getByRole('button', { name: 'Delete claim' }),
      page.getByLabel('Search claims')
    ]) {
      await expectOnScreen(page, control)
    }
    // Inside the panel, the form's own button is reachable by scrolling the panel, not the desk.
    const attach = form.getByRole('button', { name: 'Attach', exact: true })
    await attach.scrollIntoViewIfNeeded()
    await expectOnScreen(page, attach)
    expect(await sidewaysScroll(page)).toEqual([])
    // The stance control and the locator box sit side by side or stacked, never on top of each other.
    const stance = (await form
      .getByRole('radiogroup', { name: 'Stance' })
      .or(form.getByLabel('Stance'))
      .first()
      .boundingBox())!
    const locator = (await form.locator('[name="locator"]').boundingBox())!
    const overlap =
      stance.x < locator.x + locator.width &&
      locator.x < stance.x + stance.width &&
      stance.y < locator.y + locator.height &&
      locator.y < stance.y + stance.height
    expect(overlap).toBe(false)
    await page.screenshot({ path: path.join(shots, `story-panel-${size.width}x${size.height}.png`) })

    await story.panel.close()
    await expect(story.panel.root).toBeHidden()
    await expectOnScreen(page, page.getByRole('combobox', { name: 'Desk state' }))
    expect(await sidewaysScroll(page)).toEqual([])
  })
}

test('dark mode follows the system and can be switched by hand', async ({ factdesk }) => {
  const { page } = factdesk
  await mkdir(shots, { recursive: true })
  const library = new LibraryPage(page)
  await library.addEditor('Night Editor')
  const theme = page.locator('.radix-themes').first()
  await page.emulateMedia({ colorScheme: 'dark' })
  await expect(theme).toHaveClass(/\bdark\b/)
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await story.claimItem('NATO chief Mark Rutte').click()
  await page.screenshot({ path: path.join(shots, 'story-dark.png') })

  await page.getByRole('button', { name: /^Appearance/ }).click()
  await page.getByRole('menuitemradio', { name: 'Light' }).click()
  await expect(theme).toHaveClass(/\blight\b/)
  await page.screenshot({ path: path.join(shots, 'story-light-by-hand.png') })
  await page.emulateMedia({ colorScheme: 'light' })
  await page.getByRole('button', { name: /^Appearance/ }).click()
  await page.getByRole('menuitemradio', { name: 'Dark' }).click()
  await expect(theme).toHaveClass(/\bdark\b/)
})

test('adding a colleague keeps the current editor; with no editor yet, marking asks who you are without an error on top', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await story.markSentenceAt('Meanwhile, EU leaders stressed')
  const who = page.getByRole('dialog', { name: 'Who are you?' })
  await expect(who).toBeVisible()
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('alert')).toHaveCount(0)
  await who.getByLabel('New editor name').fill('Dana Whitfield')
  await who.getByRole('button', { name: 'Add and continue' }).click()
  await expect(who).toBeHidden()

  await page.getByRole('button', { name: 'Editing as Dana Whitfield. Switch editor' }).click()
  await page.getByRole('menuitem', { name: 'Add an editor…' }).click()
  const add = page.getByRole('dialog', { name: 'Add an editor' })
  await add.getByLabel('New editor name').fill('Sam Ortiz')
  await add.getByRole('button', { name: 'Add editor' }).click()
  await expect(add).toBeHidden()
  await expect(page.getByRole('button', { name: 'Editing as Dana Whitfield. Switch editor' })).toBeVisible()
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.root.getByRole('combobox', { name: 'Assignee' }).click()
  await expect(page.getByRole('option', { name: 'Sam Ortiz' })).toBeVisible()
})

interface Box {
  x: number
  y: number
  width: number
  height: number
}
/** Two boxes share more than a hairline. */
const overlaps = (a: Box, b: Box): boolean =>
  a.x + 0.5 < b.x + b.width && b.x + 0.5 < a.x + a.width && a.y + 0.5 < b.y + b.height && b.y + 0.5 < a.y + a.height

async function boxes(locator: Locator): Promise<Box[]> {
  const all: Box[] = []
  for (const one of await locator.all()) {
    const box = await one.boundingBox()
    if (box && box.width > 0 && box.height > 0) all.push(box)
  }
  return all
}

/** Pairs of boxes (by index) that overlap one another. */
const overlapping = (list: Box[]): [number, number][] =>
  list.flatMap((a, i) =>
    list.slice(i + 1).flatMap((b, j) => (overlaps(a, b) ? [[i, i + 1 + j] as [number, number]] : []))
  )

const docShots = path.resolve(__dirname, '../docs/screenshots')

for (const size of [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 }
]) {
  test(`at ${size.width}×${size.height} the story keeps 70 % of the width with a claim open, and nothing overlaps`, async ({
    factdesk
  }) => {
    const { page } = factdesk
    await mkdir(docShots, { recursive: true })
    await page.setViewportSize(size)
    const library = new LibraryPage(page)
    await library.addEditor('Layout Tester')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    const text = page.getByRole('region', { name: 'Story text' })
    const suggest = page.getByRole('button', { name: 'Suggest claims' })
    await suggest.click()
    await expect(suggest).toHaveAttribute('aria-busy', 'false')
    const marks = page.locator('.memory-suggestion-mark')
    await expect(marks.first()).toBeVisible()

    const share = async (): Promise<number> => (await text.boundingBox())!.width / size.width
    const check = async (open: boolean): Promise<void> => {
      expect(await share(), 'the story keeps at least 70 % of the width').toBeGreaterThanOrEqual(0.7)
      const list = (await page.getByRole('complementary', { name: 'Claims in this story' }).boundingBox())!
      const textBox = (await text.boundingBox())!
      const parts = [list, textBox]
      if (open) parts.push((await story.panel.root.boundingBox())!)
      expect(overlapping(parts), 'list, text and panel side by side').toEqual([])
      // The suggestion margin buttons: none on top of another, each inside the story's box. The marks are
      // placed again in the frame after a change (a claim chosen reflows the text), so this waits for the
      // placement to settle rather than reading the frame in between (a CI run caught one mid-move).
      expect((await boxes(marks.locator('button'))).length).toBeGreaterThan(1)
      await expect
        .poll(async () => overlapping(await boxes(marks.locator('button'))), { message: 'suggestion buttons apart' })
        .toEqual([])
      await expect.poll(async () => overlapping(await boxes(marks)), { message: 'suggestion marks apart' }).toEqual([])
      for (const box of await boxes(marks)) {
        expect(box.x).toBeGreaterThanOrEqual(textBox.x)
        expect(box.x + box.width).toBeLessThanOrEqual(textBox.x + textBox.width)
      }
      expect(await sidewaysScroll(page)).toEqual([])
    }
    await check(false)

    await story.claimItem('NATO chief Mark Rutte').click()
    await expect(story.panel.root).toBeVisible()
    await check(true)
    await page.screenshot({ path: path.join(docShots, `story-${size.width}x${size.height}.png`) })
    // The list above the docked panel still picks claims.
    await story.claimItems.first().click()
    await expect(story.currentClaimItem).toHaveCount(1)
    await check(true)

    // A follow-up due today puts a box over the library; it folds away and stays folded.
    const day = new Date()
    const today = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`
    await new VerdictPage(page).logContact({
      whom: 'NATO press office',
      how: 'Email',
      outcome: 'No answer',
      followUp: today
    })
    await story.backToLibrary()
    const due = page.getByRole('region', { name: 'Follow-ups due' })
    await expect(due.getByTestId('follow-up')).toHaveCount(1)
    await due.getByRole('button', { name: 'Hide' }).click()
    await expect(due.getByTestId('follow-up')).toBeHidden()
    await expect(due.getByRole('button', { name: 'Show' })).toHaveAttribute('aria-expanded', 'false')
    await page.screenshot({ path: path.join(docShots, `library-${size.width}x${size.height}.png`) })
    await library.open(SAMPLE_TITLE)
    await story.backToLibrary()
    await expect(due.getByRole('button', { name: 'Show' })).toBeVisible()
    await expect(due.getByTestId('follow-up')).toBeHidden()
    await due.getByRole('button', { name: 'Show' }).click()
    await expect(due.getByTestId('follow-up')).toBeVisible()
  })
}
