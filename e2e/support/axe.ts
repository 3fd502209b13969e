// axe (WCAG 2.1 A and AA) on what the page shows now; a finding is a soft failure naming the screen.
import { AxeBuilder } from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

export async function expectNoViolations(page: Page, screen: string): Promise<void> {
  // Colours are measured as shown: wait until no transition or finite animation (a dialog fading in) is running.
  // Endless ones (a spinner) never finish and are left alone.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)
  )
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
