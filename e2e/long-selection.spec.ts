// A selection longer than a claim can quote is refused in words before anything is sent, and the
// library opens after a restart exactly as it was (no claim, no damage notice).
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const sentences = Array.from(
  { length: 300 },
  (_, i) => `Council papers show item ${i} of the budget rose by ${i % 17} percent in the year to March.`
)
const TEXT = sentences.join(' ')

test('an over-long selection is refused in words, and the library reopens unchanged', async ({ factdesk }) => {
  expect(TEXT.length).toBeGreaterThan(20_000)
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Lee Park')
  await library.createStory('Budget papers', TEXT)
  const story = new StoryPage(factdesk.page)
  await story.selectText(TEXT)
  await story.markSelection()
  await expect(factdesk.page.getByText(/a claim can quote at most 20,000\. Select fewer words/)).toBeVisible()
  await expect(story.claimItems).toHaveCount(0)

  // A selection within the cap still marks.
  await story.selectText(sentences[3] as string)
  await story.markSelection()
  await expect(story.claimItems).toHaveCount(1)

  await factdesk.restart()
  const after = new LibraryPage(factdesk.page)
  await expect(after.row('Budget papers')).toHaveCount(1)
  await expect(factdesk.page.locator('[data-notice]')).toHaveCount(0)
  await after.open('Budget papers')
  await expect(new StoryPage(factdesk.page).claimItems).toHaveCount(1)
})
