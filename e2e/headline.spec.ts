// The headline is marked like any sentence of the story: by mouse selection and M, by the margin "+",
// and by the keyboard's sentence cursor. Its claims are still there after a restart, and a revised
// headline takes them along: words found again follow, words with a verdict that now read
// otherwise ask for re-check.
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { storyAs } from './pages/start'

const HEADLINE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const REVISED = 'Trump Rules Out Sending US Troops to Ukraine as Talks Advance'

test('mark the headline by mouse, margin and keyboard; find it after a restart; revise it and see its claims follow', async ({
  factdesk
}) => {
  const { page } = factdesk
  const story = await storyAs(page, 'Headline Tester', HEADLINE)
  await expect(story.claimItems).toHaveCount(3)

  // Mouse: select words of the headline, press M.
  await story.selectText('Rules Out Sending US Troops', 'headline')
  await page.keyboard.press('m')
  await expect(story.panel.words).toHaveText('Rules Out Sending US Troops')
  await expect(story.highlight('Rules Out Sending US Troops', 'headline')).toBeVisible()
  await expect(story.claimItems).toHaveCount(4)
  await expect(story.claimItems.first()).toContainText('Rules Out Sending US Troops')

  // The margin "+" beside the headline marks the whole headline.
  await story.markSentenceAt('Trump', 1, 'headline')
  await expect(story.panel.words).toHaveText(HEADLINE)
  await expect(story.claimItems).toHaveCount(5)
  await story.panel.setStatus('Done')
  await story.panel.setVerdict('Accurate')

  // Keyboard: the sentence cursor starts at the headline; let go of four words, Enter marks the rest.
  await story.panel.close()
  await page.getByRole('region', { name: 'Story text' }).focus()
  const announced = page.getByTestId('cursor-announcement')
  await page.keyboard.press('Alt+ArrowDown')
  await expect(announced).toContainText(`Headline: ${HEADLINE}`)
  for (let i = 0; i < 4; i++) await page.keyboard.press('Alt+Shift+ArrowLeft')
  await expect(announced).toContainText('Headline: Trump Rules Out Sending US Troops to Ukraine Part of')
  await page.keyboard.press('Enter')
  await expect(story.panel.words).toHaveText('Trump Rules Out Sending US Troops to Ukraine')
  await expect(story.claimItems).toHaveCount(6)

  await factdesk.restart()
  await new LibraryPage(factdesk.page).open(HEADLINE)
  const reopened = new StoryPage(factdesk.page)
  await expect(reopened.claimItems).toHaveCount(6)
  await expect(reopened.headline.locator('[data-marker]')).toHaveCount(3)
  await expect(reopened.highlight('Rules Out Sending US Troops', 'headline').first()).toBeVisible()

  // Revise the headline in Story details: "Peace" goes.
  await factdesk.page.getByRole('button', { name: /Details/ }).click()
  const details = factdesk.page.getByRole('dialog', { name: 'Story details' })
  await details.getByLabel('Headline').fill(REVISED)
  await details.getByRole('button', { name: 'Save details' }).click()
  await expect(details).toBeHidden()
  await expect(reopened.headline).toHaveText(/Trump.*Talks Advance/)
  await expect(reopened.headline).not.toContainText('Peace')
  // The whole-headline claim followed its edited words and, having a verdict, waits for re-check.
  const whole = reopened.claimItem(REVISED)
  await expect(whole).toContainText('Needs re-check')
  await whole.click()
  await expect(reopened.panel.words).toHaveText(REVISED)
  await expect(reopened.panel.root.getByRole('region', { name: 'Needs re-check' })).toContainText(
    '“Accurate” was given on other words'
  )
  // The words that did not change are still marked where they are.
  await expect(reopened.highlight('Rules Out Sending US Troops', 'headline').first()).toBeVisible()
  await expect(reopened.claimItems).toHaveCount(6)
  await expect(factdesk.page.locator('.claim-item .chip-orphan')).toHaveCount(0)
})
