// The annotation desk, through the real bridge: mark a claim in the sample story, check it against
// a source, set its verdict, see the library's progress move, and find it all again after a restart.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'
const CLAIM_WORDS = 'the US has not announced new aid packages'
const SOURCE = {
  title: 'Ukraine Support Tracker, Kiel Institute',
  url: 'https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/',
  archiveUrl:
    'https://web.archive.org/web/2025/https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/',
  excerpt: 'No new US military aid was allocated between January and April.',
  locator: 'Table 2'
}
const shots = path.resolve(__dirname, '../test-results/screenshots')

test('mark a claim, check it against a source, set a verdict, and find it all after a restart', async ({
  factdesk
}) => {
  await mkdir(shots, { recursive: true })
  const library = new LibraryPage(factdesk.page)
  await library.expectShown()
  await library.addEditor('Dana Whitfield')
  await expect(library.progressOf(SAMPLE_TITLE)).toHaveText('0 of 3 done')

  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(factdesk.page)
  await expect(story.claimItems).toHaveCount(3)
  await story.selectText(CLAIM_WORDS)
  await story.markSelection()
  await expect(story.highlight(CLAIM_WORDS)).toBeVisible()
  await expect(story.panel.words).toHaveText(CLAIM_WORDS)
  await expect(story.claimItems).toHaveCount(4)

  const panel = story.panel
  await panel.attachNewSource({ ...SOURCE, stance: 'Supports' })
  await expect(panel.evidence(SOURCE.title).getByLabel('Excerpt relied on')).toHaveValue(SOURCE.excerpt)
  await panel.setStatus('Done')
  await panel.setVerdict('Accurate')
  await panel.fill('rationale', 'The tracker shows no new US packages since January.')
  await expect(panel.root.getByRole('region', { name: 'History' })).toContainText('status: Open → Done')
  await expect(story.currentClaimItem).toContainText('Accurate')
  await expect(story.highlight(CLAIM_WORDS)).toHaveAttribute('data-status', 'done')

  await panel
    .evidence(SOURCE.title)
    .getByRole('button', { name: `Open source ${SOURCE.title} in the browser` })
    .click()
  await expect.poll(() => factdesk.openedExternally()).toContain(SOURCE.url)

  await factdesk.page.screenshot({ path: path.join(shots, 'story-view.png') })
  await panel.root.screenshot({ path: path.join(shots, 'claim-panel.png') })

  await story.backToLibrary()
  await expect(library.progressOf(SAMPLE_TITLE)).toHaveText('1 of 4 done')
  await factdesk.page.screenshot({ path: path.join(shots, 'library.png') })

  await factdesk.restart()
  const after = new LibraryPage(factdesk.page)
  await expect(after.progressOf(SAMPLE_TITLE)).toHaveText('1 of 4 done')
  await after.open(SAMPLE_TITLE)
  const reopened = new StoryPage(factdesk.page)
  await expect(reopened.highlight(CLAIM_WORDS)).toHaveAttribute('data-status', 'done')
  await reopened.claimItem(CLAIM_WORDS).click()
  await expect(reopened.panel.words).toHaveText(CLAIM_WORDS)
  await expect(reopened.panel.status('Done')).toBeChecked()
  await expect(reopened.panel.verdict).toContainText('Accurate')
  await expect(reopened.panel.root.locator('[name="rationale"]')).toHaveValue(
    'The tracker shows no new US packages since January.'
  )
  await expect(reopened.panel.evidence(SOURCE.title).getByLabel('Excerpt relied on')).toHaveValue(SOURCE.excerpt)
  await expect(reopened.panel.evidence(SOURCE.title).getByLabel('Where in the source (page, timestamp)')).toHaveValue(
    SOURCE.locator
  )
})

test('the "+" beside a sentence marks it once, even on a double-click; a stray gutter click marks nothing', async ({
  factdesk
}) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Margin Tester')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await expect(story.claimItems).toHaveCount(3)

  // Clicking the empty gutter (to clear focus, say) creates nothing.
  const stray = await story.pointAt('Meanwhile, EU leaders stressed')
  await page.mouse.click(stray.marginX, stray.y + 60)
  await page.mouse.click(stray.marginX, stray.y + 60)
  await expect(story.claimItems).toHaveCount(3)

  await story.markSentenceAt('Meanwhile, EU leaders stressed', 2)
  await expect(story.panel.words).toHaveText(
    'Meanwhile, EU leaders stressed that sanctions must continue to pressure Moscow.'
  )
  await expect(story.claimItems).toHaveCount(4)
  // Marking exactly the same words again opens the claim they already are.
  await story.markSentenceAt('that sanctions must continue')
  await expect(story.claimItems).toHaveCount(4)

  // A double-click on Comment posts one comment.
  await story.panel.root.getByLabel('New comment').fill('Check the summit communiqué.')
  await story.panel.root.getByRole('button', { name: 'Comment', exact: true }).dblclick()
  await expect(story.panel.root.locator('.comments li')).toHaveCount(1)
  await expect(story.panel.root.getByLabel('New comment')).toHaveValue('')
  await expect(story.highlight('sanctions must continue')).toBeVisible()

  // A claim nested inside that sentence: the text is cut at its edges and the overlap shows both.
  await story.selectText('sanctions must continue')
  await story.markSelection()
  await expect(story.panel.words).toHaveText('sanctions must continue')
  const inner = story.article.locator('mark.hl[data-depth="2"]')
  await expect(inner).toHaveText('sanctions must continue')
  await expect(story.article.locator('mark.hl', { hasText: 'Meanwhile, EU leaders stressed that' })).toHaveAttribute(
    'data-depth',
    '1'
  )
  await expect(story.claimItems).toHaveCount(5)
})

test('a "+" clicked before anyone said who they are lands once a name is given', async ({ factdesk }) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await expect(story.claimItems).toHaveCount(3)
  await story.markSentenceAt('Meanwhile, EU leaders stressed')
  const who = page.getByRole('dialog', { name: 'Who are you?' })
  await expect(who).toBeVisible()
  await expect(story.claimItems).toHaveCount(3)
  await who.getByLabel('New editor name').fill('Late Namer')
  await who.getByRole('button', { name: 'Add and continue' }).click()
  await expect(who).toBeHidden()
  // The click is not lost: the sentence is marked, by the editor just named.
  await expect(story.claimItems).toHaveCount(4)
  await expect(story.panel.words).toHaveText(
    'Meanwhile, EU leaders stressed that sanctions must continue to pressure Moscow.'
  )
})

test('a story pasted into the library opens ready to mark', async ({ factdesk }) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Paste Tester')
  // An empty paste says why Create is disabled, on screen and with the button.
  const dialog = await library.openNewStory()
  const create = dialog.getByRole('button', { name: 'Create and open' })
  await dialog.getByLabel('Headline').fill('Council approves budget')
  await dialog.getByLabel('Story text').fill('  \n\n ')
  await expect(create).toBeDisabled()
  await expect(create).toHaveAccessibleDescription(
    'The pasted text is empty (only spaces or blank lines); paste the story text to create it.'
  )
  await expect(dialog.getByTestId('create-why-not')).toBeVisible()
  await dialog.getByRole('button', { name: 'Cancel' }).click()
  await library.createStory(
    'Council approves budget',
    'The council approved a budget of 4.2 million euros on Tuesday.\n\nThe mayor said it was the largest in a decade.'
  )
  const story = new StoryPage(factdesk.page)
  await expect(story.article.locator('.para')).toHaveCount(2)
  await story.selectText('4.2 million euros')
  await factdesk.page.keyboard.press('m')
  await expect(story.panel.words).toHaveText('4.2 million euros')
  await expect(story.panel.root.getByRole('combobox', { name: 'Claim type' })).toContainText('Statistic')
  await story.backToLibrary()
  await expect(library.progressOf('Council approves budget')).toHaveText('0 of 1 done')
})

test('a claim can be worked from the keyboard', async ({ factdesk }) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Keyboard Tester')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await expect(story.claimItems).toHaveCount(3)

  await page.keyboard.press('j')
  await expect(story.currentClaimItem).toContainText('You have my assurance')
  await page.keyboard.press('j')
  await expect(story.currentClaimItem).toContainText('paused discussions')
  await page.keyboard.press('k')
  await expect(story.currentClaimItem).toContainText('You have my assurance')

  await page.keyboard.press('4')
  await expect(story.currentClaimItem).toHaveAttribute('data-status', 'done')
  await page.keyboard.press('Shift+Digit5')
  await expect(story.currentClaimItem).toContainText('False')

  await page.keyboard.press('Enter')
  await expect(story.panel.root).toBeVisible()
  await expect(story.panel.status('Done')).toBeChecked()
  await page.keyboard.press('Escape')
  await expect(story.panel.root).toBeHidden()

  // Escape and / in one breath: the search keeps the focus; closing the panel does not take it back.
  await page.keyboard.press('Enter')
  await expect(story.panel.root).toBeVisible()
  await page.evaluate(() => {
    for (const key of ['Escape', '/']) window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
  })
  await expect(story.panel.root).toBeHidden()
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))))
  await expect(page.getByLabel('Search claims')).toBeFocused()
  await page.getByLabel('Search claims').blur()

  await story.selectText('Kremlin hasn’t committed to such a meeting')
  await page.keyboard.press('m')
  await expect(story.panel.words).toHaveText('Kremlin hasn’t committed to such a meeting')
  await page.keyboard.press('Escape')

  await page.keyboard.press('/')
  await expect(page.getByLabel('Search claims')).toBeFocused()
  await page.keyboard.type('Rutte')
  await expect(story.claimItems).toHaveCount(1)
  await page.getByLabel('Search claims').blur()

  await page.keyboard.press('?')
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible()
})

test('deleting a claim or its evidence can be undone', async ({ factdesk }) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Undo Tester')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)

  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.attachNewSource({
    title: 'NATO press conference transcript',
    url: 'https://www.nato.int/cps/en/natohq/opinions.htm',
    excerpt: 'Some 30 countries are involved.'
  })
  await story.panel
    .evidence('NATO press conference transcript')
    .getByRole('button', { name: 'Remove evidence' })
    .click()
  await expect(story.panel.evidence('NATO press conference transcript')).toHaveCount(0)
  await page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Undo' }).click()
  await expect(story.panel.evidence('NATO press conference transcript')).toBeVisible()

  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Delete')
  await expect(story.claimItems).toHaveCount(2)
  await expect(story.highlight('NATO chief Mark Rutte')).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Notifications' })).toContainText('deleted')
  await page.keyboard.press('Control+z')
  await expect(story.claimItems).toHaveCount(3)
  await expect(story.highlight('NATO chief Mark Rutte')).toBeVisible()
  await expect(story.panel.evidence('NATO press conference transcript')).toBeVisible()

  await factdesk.restart()
  const again = new LibraryPage(factdesk.page)
  await expect(again.progressOf(SAMPLE_TITLE)).toHaveText('0 of 3 done')
})

test('a damaged library file is repaired on start and the editor is told', async ({ factdesk }) => {
  const library = new LibraryPage(factdesk.page)
  await library.addEditor('Recovery Tester')
  await library.open(SAMPLE_TITLE)
  await new StoryPage(factdesk.page).backToLibrary()
  await writeFile(path.join(factdesk.libraryDir, 'library.json'), '{"schemaVersion": 1, "stories": [tru')
  await factdesk.restart()
  const notice = factdesk.page.locator('[data-notice]').first()
  await expect(notice).toBeVisible()
  await expect(notice).toHaveAttribute('role', 'alert')
  await expect(new LibraryPage(factdesk.page).row(SAMPLE_TITLE)).toBeVisible()
  const notices = factdesk.page.locator('[data-notice]')
  for (let left = await notices.count(); left > 0; left--) {
    await notices.first().getByRole('button', { name: 'Dismiss notice' }).click()
    await expect(notices).toHaveCount(left - 1)
  }
})

test('search finds a claim by its source title, and the panel follows the filter', async ({ factdesk }) => {
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Search Tester')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.attachNewSource({
    title: 'Coalition of the willing communiqué',
    url: 'https://www.gov.uk/coalition',
    excerpt: 'Leaders met in Paris.'
  })
  await story.claimItem('You have my assurance').click()
  await expect(story.panel.words).toContainText('You have my assurance')

  const search = page.getByLabel('Search claims')
  await search.fill('coalition of the willing')
  await expect(story.claimItems).toHaveCount(1)
  await expect(story.claimItems.first()).toContainText('NATO chief Mark Rutte')
  // The open claim is filtered out, so the panel no longer shows it.
  await expect(story.panel.root).toBeHidden()
  await search.fill('')
  await expect(story.claimItems).toHaveCount(3)
})
