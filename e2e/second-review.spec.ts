// A second review with dissent (issue 28, item 7): the desk asks for one; editor A gives a verdict,
// editor B dissents, Done is refused; editor C agrees, Done is allowed; the report prints the dissent.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Page } from '@playwright/test'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { TransferPage } from './pages/transfer-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

async function addColleague(page: Page, current: string, name: string): Promise<void> {
  await page.getByRole('button', { name: `Editing as ${current}. Switch editor` }).click()
  await page.getByRole('menuitem', { name: 'Add an editor…' }).click()
  const add = page.getByRole('dialog', { name: 'Add an editor' })
  await add.getByLabel('New editor name').fill(name)
  await add.getByRole('button', { name: 'Add editor' }).click()
  await expect(add).toBeHidden()
}

async function switchTo(page: Page, from: string, to: string): Promise<void> {
  await page.getByRole('button', { name: `Editing as ${from}. Switch editor` }).click()
  await page.getByRole('menuitemradio', { name: to }).click()
  await expect(page.getByRole('button', { name: `Editing as ${to}. Switch editor` })).toBeVisible()
}

test('second review: a dissent refuses Done, another editor agrees, the report prints the dissent', async ({
  factdesk
}) => {
  // A long journey (three editors, settings, a report) on a shared machine: more time, never a timed wait.
  test.setTimeout(180_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-review-'))
  try {
    const library = new LibraryPage(page)
    await library.addEditor('Ana Ruiz')
    await addColleague(page, 'Ana Ruiz', 'Ben Okafor')
    await addColleague(page, 'Ana Ruiz', 'Cleo Park')
    await page.getByRole('button', { name: 'Desk settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Desk settings' })
    await settings.getByRole('checkbox', { name: /second review/ }).click()
    await settings.getByRole('button', { name: 'Save settings' }).click()
    await expect(settings).toBeHidden()

    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await story.claimItems.first().click()
    const panel = story.panel
    const review = panel.root.getByRole('region', { name: 'Second review' })
    await panel.setVerdict('Accurate')
    await expect(review.getByTestId('review-state')).toHaveText(
      'Needs an agreeing review by another editor before it can be Done.'
    )
    await expect(review.getByText('You gave')).toBeVisible()

    // B dissents; A (or anyone) still cannot set Done.
    await switchTo(page, 'Ana Ruiz', 'Ben Okafor')
    const form = review.getByRole('form', { name: 'Review this verdict' })
    await form.getByRole('radio', { name: 'Dissent' }).click()
    await form.getByRole('combobox', { name: 'Confidence' }).click()
    await page.getByRole('option', { name: 'High confidence' }).click()
    await expect(form.getByRole('button', { name: /^Record review/ })).toBeDisabled()
    await form.getByLabel('Review note').fill('The talks were in Geneva, not Riyadh.')
    await form.getByRole('button', { name: /^Record review/ }).click()
    await expect(review.getByTestId('review')).toHaveCount(1)
    await expect(review.getByTestId('review').first()).toContainText('Dissents')

    await switchTo(page, 'Ben Okafor', 'Ana Ruiz')
    await panel.root.getByRole('radio', { name: 'Done' }).click()
    await expect(page.getByRole('region', { name: 'Notifications' })).toContainText(
      'needs an agreeing second review of its verdict by another editor'
    )
    await expect(panel.status('Done')).not.toBeChecked()

    // C agrees; now Done is allowed.
    await switchTo(page, 'Ana Ruiz', 'Cleo Park')
    await form.getByRole('radio', { name: 'Agree' }).click()
    await form.getByLabel('Review note').fill('Checked the transcript.')
    await form.getByRole('button', { name: /^Record review/ }).click()
    await expect(review.getByTestId('review')).toHaveCount(2)
    await expect(review.getByTestId('review-state')).toHaveText('Another editor agreed with this verdict.')
    await panel.setStatus('Done')

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const html = await readFile(
      await new TransferPage(page).exportAs('HTML report (print-ready, self-contained)'),
      'utf8'
    )
    expect(html).toContain('The talks were in Geneva, not Riyadh.')
    expect(html).toMatch(/<bdi>Ben Okafor<\/bdi> dissents \(high confidence\)/)
    expect(html).toMatch(/<bdi>Cleo Park<\/bdi> agrees \(medium confidence\)/)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
