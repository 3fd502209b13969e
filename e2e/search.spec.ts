// Library search over everything the desk wrote (issue 26, item 5): a word found only in a claim's
// rationale, or only in an evidence excerpt, finds its story; the hit shows the words around it with
// the word marked and says where it is; Enter (or a click) opens the story with that claim selected.
// Keyboard only, at the default size and at 1024×700, with axe on the results.
import { expect, test } from './support/fixtures'
import { expectNoViolations } from './support/axe'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const TITLE = 'Harbour dredging plan'
const TEXT =
  'The port authority said dredging will cost 40 million pounds.\n\nShipping traffic doubled since 2019, the harbour master said.\n\nWork starts in spring.'
const FIRST = 'dredging will cost 40 million pounds'
const SECOND = 'Shipping traffic doubled since 2019'

for (const size of [null, { width: 1024, height: 700 }]) {
  test(`search finds words only in a rationale or an evidence excerpt and opens the claim (${size ? `${size.width}×${size.height}` : 'default size'})`, async ({
    factdesk
  }) => {
    test.setTimeout(300_000)
    const { page } = factdesk
    if (size) await page.setViewportSize(size)
    const library = new LibraryPage(page)
    await library.addEditor('Sam Search')
    await library.createStory(TITLE, TEXT)
    const story = new StoryPage(page)
    await story.selectText(FIRST)
    await story.markSelection()
    await expect(story.claimItems).toHaveCount(1)
    await story.selectText(SECOND)
    await story.markSelection()
    await expect(story.claimItems).toHaveCount(2)
    // C2 is open: its rationale and its evidence carry words found nowhere else.
    await expect(story.panel.words).toContainText(SECOND)
    await story.panel.fill('rationale', 'Port statistics show tonnage, not vessel counts; see the bathymetry survey.')
    await story.panel.attachNewSource({
      title: 'Harbour Board annual report',
      url: 'https://example.org/harbour-report',
      excerpt: 'Vessel movements rose from 1,200 to 2,350; sedimentation slowed.'
    })
    await story.backToLibrary()

    // A word only in C2's rationale: the hit says where and marks the word.
    const search = page.getByLabel('Search stories')
    await page.keyboard.press('/')
    await expect(search).toBeFocused()
    await page.keyboard.type('bathymetry')
    const row = library.row(TITLE)
    const hit = row.locator('.search-hit').first()
    await expect(hit).toContainText('rationale of C2')
    await expect(hit.locator('mark')).toHaveText('bathymetry')
    await expect(page.locator('tr[data-story-id]')).toHaveCount(1)
    await expectNoViolations(page, `library search results${size ? ' at 1024×700' : ''}`)

    // Enter opens the best match with that claim selected.
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
    await expect(story.currentClaimItem).toContainText(SECOND)
    await expect(story.panel.words).toContainText(SECOND)
    await story.backToLibrary()

    // A word only in the evidence excerpt: reached from the search box with ↓, opened with Enter.
    await page.keyboard.press('/')
    await expect(search).toBeFocused()
    await search.fill('')
    await page.keyboard.type('sedimentation')
    const evidence = library.row(TITLE).locator('.search-hit').first()
    await expect(evidence).toContainText('evidence from Harbour Board annual report (C2)')
    await expect(evidence.locator('mark')).toHaveText('sedimentation')
    await page.keyboard.press('ArrowDown')
    await expect(evidence).toBeFocused()
    await page.keyboard.press('Enter')
    await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
    await expect(story.currentClaimItem).toContainText(SECOND)
    await story.backToLibrary()

    // A quoted phrase matches only as a phrase; the story text is searched too.
    await search.fill('"traffic doubled"')
    await expect(library.row(TITLE).locator('.search-hit').first()).toContainText('claim C2')
    await search.fill('"doubled traffic"')
    await expect(page.locator('tr[data-story-id]')).toHaveCount(0)
    await search.fill('spring')
    await expect(library.row(TITLE).locator('.search-hit').first()).toContainText('story text')
  })
}
