// Accessibility: axe (WCAG 2.1 A and AA) finds nothing on every main screen, and the whole desk
// journey (open a story, mark a sentence, set status and verdict, attach evidence, export) works
// from the keyboard alone.
import { mkdir, mkdtemp, readdir, readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expectNoViolations } from './support/axe'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { VerdictPage } from './pages/verdict-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const shots = path.resolve(__dirname, '../test-results/screenshots')

/** A news page served from this computer, for the keyboard journey's import by address. */
let news: { origin: string; close(): Promise<void> }
test.beforeAll(async () => {
  const html = await readFile(path.resolve(__dirname, '../test/fixtures/news-pages/nyt-style.html'))
  const server = createServer((req, res) => {
    res.writeHead(req.url === '/harbor-tunnel' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(req.url === '/harbor-tunnel' ? html : 'Not found')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  news = {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
})
test.afterAll(() => news.close())

/** The focused element's accessible name as a person reads it (its label or its text), or its tag. */
const focusedName = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const el = document.activeElement
    if (!el || el === document.body) return '<body>'
    return (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() || `<${el.tagName.toLowerCase()}>`
  })

const localToday = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no WCAG 2.1 A/AA violations on the library, first run and every library dialog, ${theme}`, async ({
    factdesk
  }) => {
    test.setTimeout(600_000)
    const { page } = factdesk
    await mkdir(shots, { recursive: true })
    await page.emulateMedia({ colorScheme: theme })
    const at = (screen: string): Promise<void> => expectNoViolations(page, `${screen}, ${theme}`)
    /** Opens a dialog (or popover) by its button, runs axe on it, closes it with Escape. */
    const dialog = async (open: () => Promise<void>, name: RegExp | string, screen: string): Promise<void> => {
      await open()
      const shown = page.getByRole('dialog', { name })
      await expect(shown).toBeVisible()
      await at(screen)
      await page.keyboard.press('Escape')
      await expect(shown).toBeHidden()
    }
    const click = (name: string) => () => page.getByRole('button', { name, exact: true }).click()
    const library = new LibraryPage(page)
    await library.expectShown()
    await expect(page.locator('.radix-themes').first()).toHaveClass(new RegExp(`\\b${theme}\\b`))
    await at('first run')
    await library.addEditor('Axe Tester')
    await at('library')
    await page.screenshot({ path: path.join(shots, `library-${theme}.png`) })

    await dialog(click('New story'), 'New story', 'new story dialog')
    await dialog(
      async () => {
        await page.getByRole('button', { name: 'Import', exact: true }).click()
        await page.getByRole('menuitem', { name: 'Story from a web page…' }).click()
      },
      /Import/,
      'import dialog'
    )
    await dialog(click('Trash'), /Trash/, 'trash dialog')
    await dialog(
      async () => {
        await page.getByRole('button', { name: 'Editing as Axe Tester. Switch editor' }).click()
        await page.getByRole('menuitem', { name: 'Add an editor…' }).click()
      },
      'Add an editor',
      'add an editor dialog'
    )
    await dialog(click('Desk settings'), 'Desk settings', 'desk settings dialog')
    await dialog(click('Connect to a desk'), 'Connect to a desk', 'connect to a desk dialog')
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await dialog(() => page.keyboard.press('?'), 'Keyboard shortcuts', 'shortcuts sheet')
  })

  test(`axe finds no WCAG 2.1 A/AA violations on the story, the claim panel and every story dialog, ${theme}`, async ({
    factdesk
  }) => {
    test.setTimeout(600_000)
    const { page } = factdesk
    await mkdir(shots, { recursive: true })
    await page.emulateMedia({ colorScheme: theme })
    const at = (screen: string): Promise<void> => expectNoViolations(page, `${screen}, ${theme}`)
    /** Opens a dialog (or popover) by its button, runs axe on it, closes it with Escape. */
    const dialog = async (open: () => Promise<void>, name: RegExp | string, screen: string): Promise<void> => {
      await open()
      const shown = page.getByRole('dialog', { name })
      await expect(shown).toBeVisible()
      await at(screen)
      await page.keyboard.press('Escape')
      await expect(shown).toBeHidden()
    }
    const click = (name: string) => () => page.getByRole('button', { name, exact: true }).click()
    const library = new LibraryPage(page)
    await library.addEditor('Axe Tester')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await at('story view')
    // Suggest claims switched on: the toggle's "on" look and the marks in the margin.
    const suggest = page.getByRole('button', { name: 'Suggest claims' })
    await suggest.click()
    await expect(suggest).toHaveAttribute('aria-busy', 'false')
    await expect(page.locator('.memory-suggestion-mark').first()).toBeVisible()
    // Measured as the editor who just clicked it sees it: with the pointer still on it (the hover colour).
    await suggest.hover()
    await at('story view with suggestions on')
    // A claim in the headline, so its highlight is measured on the heading too.
    await story.selectText('Rules Out Sending US Troops', 'headline')
    await story.markSelection()
    await expect(story.highlight('Rules Out Sending US Troops', 'headline')).toBeVisible()
    await story.claimItem('NATO chief Mark Rutte').click()
    await story.panel.setVerdict('Accurate')
    await story.panel.setStatus('Waiting')
    await new VerdictPage(page).logContact({
      whom: 'NATO press office',
      how: 'Email',
      outcome: 'No answer',
      followUp: localToday()
    })
    await story.panel.root.getByRole('button', { name: 'Attach evidence' }).click()
    await expect(story.panel.root.getByRole('form', { name: 'Attach evidence' })).toBeVisible()
    await at('claim panel with a verdict, a contact and the evidence form')
    await page.screenshot({ path: path.join(shots, `story-evidence-${theme}.png`) })
    await page.getByRole('button', { name: 'Search earlier checks' }).click()
    await expect(page.getByRole('dialog', { name: 'Search earlier checks' })).toBeVisible()
    await at('search earlier checks')
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog', { name: 'Search earlier checks' })).toBeHidden()

    for (const [button, name] of [
      ['Export…', /^Export/],
      ['Revise…', /^Revise/],
      ['Details…', 'Story details'],
      ['Revision 1', /^Revisions of/]
    ] as const) {
      await dialog(click(button), name, `${button} dialog`)
      // Focus is back on the button that opened the dialog; on failure, the poll names what has it.
      await expect.poll(() => focusedName(page)).toBe(button)
    }
    // Clearing with open claims: the sign-off dialog with its links to the blocking claims.
    const verdict = new VerdictPage(page)
    await verdict.chooseDeskState('Cleared')
    await expect(verdict.signOffDialog.getByRole('list', { name: 'What blocks sign-off' })).toBeVisible()
    await at('sign-off dialog')
    await verdict.signOffDialog
      .getByLabel('Override: why clear it anyway?')
      .fill('Cleared by the editor for the axe check')
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(verdict.signOffDialog).toBeHidden()
    await at('cleared story')
    await dialog(click('Log a correction…'), 'Log a correction', 'correction dialog')

    await story.backToLibrary()
    await expect(page.getByRole('region', { name: 'Follow-ups due' }).getByTestId('follow-up')).toHaveCount(1)
    await at('library with follow-ups due and a cleared story')
  })
}

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, backwards = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  await expect(target).toBeFocused()
}

test('the whole desk journey works from the keyboard alone, from importing a page to exporting the report', async ({
  factdesk
}) => {
  // Every Tab is a round trip to the browser: on a loaded two-core machine the journey takes minutes.
  test.setTimeout(300_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-keyboard-'))
  // First run: Tab to the name field, type and press Enter.
  await tabTo(page, page.getByLabel('New editor name'))
  await page.keyboard.type('Kim Keys')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Editing as Kim Keys. Switch editor' })).toBeVisible()

  // Import a news page by its address: Tab to Import, Enter opens the menu, the arrow picks the web page.
  await tabTo(page, page.getByRole('button', { name: 'Import', exact: true }))
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menuitem', { name: 'Story from a file…' })).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitem', { name: 'Story from a web page…' })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('dialog', { name: 'Import a story' })).toBeVisible()
  // The address field has focus as the dialog opens (focus-return.ts, menu-opens.ts).
  await expect(page.getByLabel('Address of the article (http or https)')).toBeFocused()
  await page.keyboard.type(`${news.origin}/harbor-tunnel`)
  await page.keyboard.press('Enter')
  // The first import starts the import worker (jsdom, Readability): on a busy machine that takes a while.
  await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible({ timeout: 60_000 })
  const story = new StoryPage(page)
  // Focus lands on the new story's headline, where the desk's keys work.
  await expect(
    page.getByRole('heading', { level: 1, name: 'Harbor Tunnel Leaks Worsen After Salt Season' })
  ).toBeFocused()

  // Into the story text; the sentence cursor walks to the sentence, Enter marks it.
  await tabTo(page, page.getByRole('region', { name: 'Story text' }))
  const sentence =
    'The city used 260,000 tons of salt in the winter of 2023, up from 190,000 tons five years earlier, sanitation figures show.'
  const announced = page.getByTestId('cursor-announcement')
  for (let i = 0; i < 60 && !(await announced.textContent())?.startsWith(sentence); i++)
    await page.keyboard.press('Alt+ArrowDown')
  await expect(announced).toContainText(sentence)
  // Take in one word of the next sentence, then let it go again.
  await page.keyboard.press('Alt+Shift+ArrowRight')
  await expect(announced).not.toContainText(`${sentence} Enter`)
  await page.keyboard.press('Alt+Shift+ArrowLeft')
  await expect(announced).toContainText(`${sentence} Enter marks`)
  await page.keyboard.press('Enter')
  await expect(story.panel.words).toHaveText(sentence)
  await expect(story.panel.root.getByRole('heading', { name: /^C\d+/ })).toBeFocused()

  // Status and verdict: Tab into the status cards, arrows choose (three in a row, without waiting for
  // the saves); the verdict list opens with Enter.
  await tabTo(page, story.panel.status('Open'))
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(story.panel.status('Done')).toBeChecked()
  await expect(story.panel.status('Done')).toBeFocused()
  await tabTo(page, story.panel.verdict)
  await page.keyboard.press('Enter')
  await expect(page.getByRole('option', { name: 'Accurate', exact: true })).toBeVisible()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await expect(story.panel.verdict).toContainText(/Accurate|No verdict/)
  if (!(await story.panel.verdict.textContent())?.includes('Accurate')) {
    await page.keyboard.press('Enter')
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
  }
  await expect(story.panel.verdict).toContainText('Accurate')
  await expect(story.panel.verdict).toBeFocused()

  // Attach evidence: the button, then the form's fields in Tab order, Enter submits.
  await tabTo(page, story.panel.root.getByRole('button', { name: 'Attach evidence' }))
  await page.keyboard.press('Enter')
  const form = story.panel.root.getByRole('form', { name: 'Attach evidence' })
  await expect(form.locator('[name="source-title"]')).toBeFocused()
  await page.keyboard.type('European Council conclusions')
  await tabTo(page, form.locator('[name="excerpt"]'))
  await page.keyboard.type('Sanctions will be maintained until Russia ends its war.')
  await tabTo(page, form.getByRole('button', { name: 'Attach', exact: true }))
  await page.keyboard.press('Enter')
  await expect(story.panel.evidence('European Council conclusions')).toBeVisible()
  await expect(story.panel.root.getByRole('button', { name: 'Attach evidence' })).toBeFocused()

  // Export: Shift+Tab back to the toolbar's Export button, Enter, then the dialog's own button.
  await factdesk.answerSaveDialog(out)
  await tabTo(page, page.getByRole('button', { name: 'Export…', exact: true }), true)
  await page.keyboard.press('Enter')
  const dialog = page.getByRole('dialog', { name: /Export/ })
  await expect(dialog).toBeVisible()
  await tabTo(page, dialog.getByRole('button', { name: 'Export…' }))
  await page.keyboard.press('Enter')
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(page.getByRole('button', { name: 'Export…', exact: true })).toBeFocused()
  expect((await readdir(out)).length).toBe(1)
})
