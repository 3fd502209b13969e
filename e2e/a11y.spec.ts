// Accessibility: axe (WCAG 2.1 A and AA) finds nothing on every main screen, and the whole desk
// journey (open a story, mark a sentence, set status and verdict, attach evidence, export) works
// from the keyboard alone.
import { mkdir, mkdtemp, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expectNoViolations } from './support/axe'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const shots = path.resolve(__dirname, '../test-results/screenshots')

test('axe finds no WCAG 2.1 A/AA violations on the main screens', async ({ factdesk }) => {
  test.setTimeout(180_000)
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.expectShown()
  await expectNoViolations(page, 'first run')
  await library.addEditor('Axe Tester')
  await expectNoViolations(page, 'library')

  await page.getByRole('button', { name: 'New story' }).click()
  await expect(page.getByRole('dialog', { name: 'New story' })).toBeVisible()
  await expectNoViolations(page, 'new story dialog')
  await page.keyboard.press('Escape')

  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('menuitem', { name: 'Story from a web page…' }).click()
  await expect(page.getByRole('dialog', { name: /Import/ })).toBeVisible()
  await expectNoViolations(page, 'import dialog')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  await page.getByRole('button', { name: 'Trash', exact: true }).click()
  await expect(page.getByRole('dialog', { name: /Trash/ })).toBeVisible()
  await expectNoViolations(page, 'trash dialog')
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog')).toHaveCount(0)

  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await expectNoViolations(page, 'story view')
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.root.getByRole('button', { name: 'Attach evidence' }).click()
  await expectNoViolations(page, 'claim panel with the evidence form')

  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
  await expectNoViolations(page, 'shortcuts sheet')
  await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).getByRole('button', { name: 'Close' }).click()

  for (const [button, dialog] of [
    ['Export…', 'Export'],
    ['Revise…', 'Revise'],
    ['Details…', 'Story details'],
    ['Revision 1', 'Revisions of'],
    ['Desk settings', 'Desk settings']
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click()
    const shown = page.getByRole('dialog').filter({ hasText: dialog })
    await expect(shown).toBeVisible()
    await expectNoViolations(page, `${dialog} dialog`)
    await page.keyboard.press('Escape')
    await expect(shown).toBeHidden()
    await expect(page.getByRole('button', { name: button, exact: true })).toBeFocused()
  }
})

test('axe finds no violations in dark mode either, and the dark screens are kept as screenshots', async ({
  factdesk
}) => {
  test.setTimeout(120_000)
  const { page } = factdesk
  await mkdir(shots, { recursive: true })
  await page.emulateMedia({ colorScheme: 'dark' })
  const library = new LibraryPage(page)
  await library.addEditor('Night Axe')
  await expect(page.locator('.radix-themes').first()).toHaveClass(/\bdark\b/)
  await expectNoViolations(page, 'library, dark')
  await page.screenshot({ path: path.join(shots, 'library-dark.png') })

  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  // A claim in the headline, so its highlight is measured on the dark heading too.
  await story.selectText('Rules Out Sending US Troops', 'headline')
  await story.markSelection()
  await expect(story.highlight('Rules Out Sending US Troops', 'headline')).toBeVisible()
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.setStatus('Waiting')
  await story.panel.root.getByRole('button', { name: 'Attach evidence' }).click()
  await expect(story.panel.root.getByRole('form', { name: 'Attach evidence' })).toBeVisible()
  await expectNoViolations(page, 'story view with the evidence form, dark')
  await page.screenshot({ path: path.join(shots, 'story-evidence-dark.png') })

  await page.getByRole('button', { name: 'Export…', exact: true }).click()
  const dialog = page.getByRole('dialog', { name: /Export/ })
  await expect(dialog).toBeVisible()
  await expectNoViolations(page, 'export dialog, dark')
  await page.screenshot({ path: path.join(shots, 'export-dark.png') })
})

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, backwards = false, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab')
  }
  await expect(target).toBeFocused()
}

test('the whole desk journey works from the keyboard alone', async ({ factdesk }) => {
  test.setTimeout(120_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-keyboard-'))
  const library = new LibraryPage(page)
  // First run: Tab to the name field, type and press Enter.
  await tabTo(page, page.getByLabel('New editor name'))
  await page.keyboard.type('Kim Keys')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('button', { name: 'Editing as Kim Keys. Switch editor' })).toBeVisible()

  // Open the story.
  await tabTo(page, library.row(SAMPLE_TITLE).getByRole('button', { name: SAMPLE_TITLE }))
  await page.keyboard.press('Enter')
  const story = new StoryPage(page)
  await expect(page.getByRole('heading', { level: 1, name: SAMPLE_TITLE })).toBeFocused()

  // Into the story text; the sentence cursor walks to the sentence, Enter marks it.
  await tabTo(page, page.getByRole('region', { name: 'Story text' }))
  const sentence = 'Meanwhile, EU leaders stressed that sanctions must continue to pressure Moscow.'
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
