// axe (WCAG 2.1 A and AA) on what the page shows now; a finding is a soft failure naming the screen.
import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  // Let transitions (dialogs fading in) finish so colours are measured as shown.
  await page.waitForTimeout(300)
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const found = results.violations.map(
    (v) =>
      `${v.id}: ${v.help} — ${v.nodes
        .map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.slice(0, 300))
        .slice(0, 4)
        .join(' | ')}`
  )
  expect.soft(found, `axe on ${screen}`).toEqual([])
}
