// The desk's memory, through the real bridge: a claim checked in one story shows as checked before
// when the same claim is marked in another, its evidence can be copied in (and is logged), and
// "Suggest claims" marks sentences worth checking, one click marks, a dismissal survives a restart.
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const CLAIM_WORDS = 'the US has not announced new aid packages'
const SOURCE = { title: 'Ukraine Support Tracker, Kiel Institute', url: 'https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/', excerpt: 'No new US military aid was allocated between January and April.' }
const shots = path.resolve(__dirname, '../test-results/screenshots')

test('a claim checked in one story shows as checked before in another, and its evidence can be reused', async ({ factdesk }) => {
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

  const text = 'Aid watch. Officials say the U.S. has not announced any new aid packages for Kyiv this year.\n\nThe weather stayed mild.'
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
  await expect(second.panel.root.locator('[name="rationale"]')).toHaveValue(/The tracker shows no new US packages since January\./)
  await expect(second.panel.root.getByRole('region', { name: 'History' })).toContainText('Copied 1 evidence item and the rationale from the earlier check')
  await expect(second.panel.verdict).toContainText('No verdict yet')

  await second.page.getByRole('button', { name: 'Search earlier checks' }).click()
  await second.page.getByLabel('Claim to look for').fill('Has the United States announced any new aid packages for Ukraine?')
  await second.page.getByRole('button', { name: 'Search', exact: true }).click()
  const found = second.page.getByRole('list', { name: 'Earlier checks found' })
  await expect(found.getByRole('listitem').first()).toContainText(SAMPLE_TITLE)
  await expect(found.getByRole('listitem').first()).toContainText('Accurate')
  await expect(found.getByRole('listitem').first()).toContainText('It says the opposite of your words.')
})

test('Suggest claims marks sentences worth checking; one click marks, a dismissal is remembered after a restart', async ({ factdesk }) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Omar Haddad')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  const claimsBefore = await story.claimItems.count()
  const suggest = story.page.getByRole('button', { name: 'Suggest claims' })
  await suggest.click()
  const marks = story.page.locator('.memory-suggestion-mark')
  await expect(marks.first()).toBeVisible()
  // The button says it is busy until the first ranking is back.
  await expect(suggest).toHaveAttribute('aria-busy', 'false')
  const shown = await marks.count()
  expect(shown).toBeGreaterThan(1)
  await factdesk.page.screenshot({ path: path.join(shots, 'suggest-claims.png') })

  await marks.first().getByRole('button', { name: /Mark suggested claim/ }).click()
  await expect(story.claimItems).toHaveCount(claimsBefore + 1)
  await expect(marks).toHaveCount(shown - 1)

  const dismissedAt = await marks.first().getAttribute('data-suggestion')
  await marks.first().getByRole('button', { name: 'Dismiss suggestion' }).click()
  await expect(marks).toHaveCount(shown - 2)
  await expect(story.page.locator(`.memory-suggestion-mark[data-suggestion="${dismissedAt}"]`)).toHaveCount(0)

  await factdesk.restart()
  await new LibraryPage(factdesk.page).open(SAMPLE_TITLE)
  const reopened = new StoryPage(factdesk.page)
  await reopened.page.getByRole('button', { name: 'Suggest claims' }).click()
  await expect(reopened.page.locator('.memory-suggestion-mark').first()).toBeVisible()
  await expect(reopened.page.locator('.memory-suggestion-mark')).toHaveCount(shown - 2)
  await expect(reopened.page.locator(`.memory-suggestion-mark[data-suggestion="${dismissedAt}"]`)).toHaveCount(0)
})
