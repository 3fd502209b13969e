// The desk's memory, through the real bridge: a claim checked in one story shows as checked before
// when the same claim is marked in another, its evidence can be copied in (and is logged), and
// "Suggest claims" marks sentences worth checking, one click marks, a dismissal survives a restart.
import path from 'node:path'
import { storyAs } from './pages/start'
import { expect, test } from './support/fixtures'
import { LONG_STORY_TITLE, longStory } from './support/long-story'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const CLAIM_WORDS = 'the US has not announced new aid packages'
const SOURCE = {
  title: 'Ukraine Support Tracker, Kiel Institute',
  url: 'https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/',
  excerpt: 'No new US military aid was allocated between January and April.'
}
const shots = path.resolve(__dirname, '../test-results/screenshots')

test('a claim checked in one story shows as checked before in another, and its evidence can be reused', async ({
  factdesk
}) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Ines Moreau')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  await story.selectText(CLAIM_WORDS)
  await story.markSelection()
  await expect(story.panel.words).toHaveText(CLAIM_WORDS)
  await story.panel.attachNewSource({ ...SOURCE, stance: 'Supports' })
  await story.panel.setVerdict('Accurate')
  await story.panel.fill('rationale', 'The tracker shows no new US packages since January.')
  await story.backToLibrary()

  const text =
    'Aid watch. Officials say the U.S. has not announced any new aid packages for Kyiv this year.\n\nThe weather stayed mild.'
  await library.createStory('Aid watch', text)
  const second = new StoryPage(factdesk.page)
  await second.page.getByRole('button', { name: 'Checked before' }).click()
  await expect(second.page.locator('.memory-match-mark')).toHaveCount(1)
  await expect(second.page.locator('.memory-match-mark')).toContainText('Accurate')

  await second.selectText('the U.S. has not announced any new aid packages')
  await second.markSelection()
  const earlier = second.panel.root.getByRole('region', { name: 'Checked before' })
  await expect(earlier).toContainText('Accurate')
  await expect(earlier).toContainText(SAMPLE_TITLE)
  await expect(earlier).toContainText(SOURCE.title)
  await factdesk.page.screenshot({ path: path.join(shots, 'checked-before.png') })
  await earlier.getByRole('button', { name: 'Use as starting point' }).click()
  await expect(second.panel.evidence(SOURCE.title).getByLabel('Excerpt relied on')).toHaveValue(SOURCE.excerpt)
  await expect(second.panel.root.locator('[name="rationale"]')).toHaveValue(
    /The tracker shows no new US packages since January\./
  )
  await expect(second.panel.root.getByRole('region', { name: 'History' })).toContainText(
    'Copied 1 evidence item and the rationale from the earlier check'
  )
  await expect(second.panel.verdict).toContainText('No verdict yet')

  await second.page.getByRole('button', { name: 'Search earlier checks' }).click()
  await second.page
    .getByLabel('Claim to look for')
    .fill('Has the United States announced any new aid packages for Ukraine?')
  await second.page.getByRole('button', { name: 'Search', exact: true }).click()
  const found = second.page.getByRole('list', { name: 'Earlier checks found' })
  await expect(found.getByRole('listitem').first()).toContainText(SAMPLE_TITLE)
  await expect(found.getByRole('listitem').first()).toContainText('Accurate')
  await expect(found.getByRole('listitem').first()).toContainText('It says the opposite of your words.')
})

test('Suggest claims marks sentences worth checking; one click marks, a dismissal is remembered after a restart', async ({
  factdesk
}) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Omar Haddad')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  const claimsBefore = await story.claimItems.count()
  const suggest = story.page.getByRole('button', { name: 'Suggest claims' })
  await suggest.click()
  const marks = story.page.locator('.memory-suggestion-mark')
  await expect(marks.first()).toBeVisible()
  // The button says it is busy until the first ranking is back; the encoder's ranking then replaces the quick one.
  await expect(suggest).toHaveAttribute('aria-busy', 'false')
  // The encoder loads in its worker (seconds, more on a loaded machine): wait for the state, not a default bound.
  await expect(suggest).toHaveAttribute('data-ranked-by', 'encoder', { timeout: 90_000 })
  await expect(story.page.locator('.memory-refining')).toHaveCount(0)
  expect(await marks.count()).toBeGreaterThan(1)
  await factdesk.page.screenshot({ path: path.join(shots, 'suggest-claims.png') })

  // At most twelve are shown at once: the next best takes the place of one marked or dismissed.
  const markedAt = await marks.first().getAttribute('data-suggestion')
  await marks
    .first()
    .getByRole('button', { name: /Mark suggested claim/ })
    .click()
  await expect(story.claimItems).toHaveCount(claimsBefore + 1)
  await expect(story.page.locator(`.memory-suggestion-mark[data-suggestion="${markedAt}"]`)).toHaveCount(0)

  const dismissedAt = await marks.first().getAttribute('data-suggestion')
  await marks.first().getByRole('button', { name: 'Dismiss suggestion' }).click()
  await expect(story.page.locator(`.memory-suggestion-mark[data-suggestion="${dismissedAt}"]`)).toHaveCount(0)
  await expect(suggest).toHaveAttribute('data-ranked-by', 'encoder')
  const shown = await marks.count()

  await factdesk.restart()
  await new LibraryPage(factdesk.page).open(SAMPLE_TITLE)
  const reopened = new StoryPage(factdesk.page)
  await reopened.page.getByRole('button', { name: 'Suggest claims' }).click()
  // After the restart the encoder loads again from cold.
  await expect(reopened.page.getByRole('button', { name: 'Suggest claims' })).toHaveAttribute(
    'data-ranked-by',
    'encoder',
    { timeout: 90_000 }
  )
  await expect(reopened.page.locator('.memory-suggestion-mark').first()).toBeVisible()
  await expect(reopened.page.locator('.memory-suggestion-mark')).toHaveCount(shown)
  await expect(reopened.page.locator(`.memory-suggestion-mark[data-suggestion="${dismissedAt}"]`)).toHaveCount(0)
  await expect(reopened.page.locator(`.memory-suggestion-mark[data-suggestion="${markedAt}"]`)).toHaveCount(0)
})

longStory(
  'in a 10,000-word story, suggestions show and are refined by the encoder, and the story stays editable',
  async ({ factdesk }) => {
    const { page } = factdesk
    const story = await storyAs(page, 'Dana Whitfield', LONG_STORY_TITLE)
    await expect(page.getByTestId('claim-count')).toHaveText('300 claims')
    const suggest = page.getByRole('button', { name: 'Suggest claims' })
    await suggest.click()
    // Suggestions are on screen, from the quick ranking or, on a quiet machine, already the encoder's (its
    // two workers read the story's 500-odd sentences in a few seconds). That the quick ranking comes first and
    // each step of the encoder's is shown is proven without timing by suggest-refine.main.test, which holds
    // the encoder back job by job.
    await expect(page.locator('.memory-suggestion-mark').first()).toBeVisible()
    // The story is as editable as ever: the encoder runs in its own threads.
    await story.selectText(await firstLongRun(page))
    await story.markSelection()
    await expect(page.getByTestId('claim-count')).toHaveText('301 claims')
    await page.keyboard.press('Escape')
    await expect(suggest).toHaveAttribute('data-ranked-by', 'encoder', { timeout: 90_000 })
    await expect(page.locator('.memory-refining')).toHaveCount(0)
    await expect(page.locator('.memory-suggestion-mark').first()).toBeVisible()
  }
)

/** Forty characters of the first long run of text, to select and mark. */
async function firstLongRun(page: import('@playwright/test').Page): Promise<string> {
  const run = await page.evaluate(() => {
    const runs = Array.from(document.querySelectorAll<HTMLElement>('[data-testid="article"] span[data-start]')).map(
      (r) => r.textContent ?? ''
    )
    return runs.find((t) => t.length > 80) ?? ''
  })
  return run.slice(10, 50).trim()
}

test('an archive CSV imported with its columns chosen shows in Checked before with its origin and link', async ({
  factdesk
}) => {
  const csv = [
    'id,What was said,Ruling,Day,Address',
    '1,"The council spent 4 million euros on the new stadium roof",False,2024-03-02,https://checks.example.org/roof',
    '2,"Bus fares in the city doubled since 2019",Misleading,2024-05-11,https://checks.example.org/fares',
    '3,"The river flooded 40 homes last spring",True,2023-04-30,https://checks.example.org/river'
  ].join('\n')
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Lena Park')
  const page = factdesk.page
  await page.getByRole('button', { name: 'Import', exact: true }).click()
  await page.getByRole('menuitem', { name: 'Earlier checks (archive)…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Import earlier checks' })
  await dialog
    .getByLabel('Archive file')
    .setInputFiles({ name: 'desk-archive.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
  // The mapping step: the guess took the first column for the claim and found no date or URL column.
  await expect(dialog.getByLabel('Claim column')).toHaveValue('id')
  await expect(dialog.getByLabel('Verdict column')).toHaveValue('Ruling')
  await dialog.getByLabel('Claim column').selectOption('What was said')
  await dialog.getByLabel('Date column').selectOption('Day')
  await dialog.getByLabel('URL column').selectOption('Address')
  await dialog.getByRole('button', { name: 'Import', exact: true }).click()
  await expect(dialog.getByRole('status')).toContainText('Added 3 earlier checks')
  await dialog.getByRole('button', { name: 'Close' }).click()

  const text = 'Council news. The council spent 4 million euros on the new stadium roof, a member said.\n\nRain is due.'
  await library.createStory('Roof', text)
  const story = new StoryPage(page)
  await story.selectText('The council spent 4 million euros on the new stadium roof')
  await story.markSelection()
  const earlier = story.panel.root.getByRole('region', { name: 'Checked before' })
  await expect(earlier).toContainText('Imported')
  await expect(earlier).toContainText('False from desk-archive.csv')
  await expect(earlier.getByRole('link', { name: 'published check' }).first()).toHaveAttribute(
    'href',
    'https://checks.example.org/roof'
  )
  await expect(earlier.getByRole('button', { name: 'Use as starting point' })).toHaveCount(0)
})
