// The Edit menu's Undo and Redo are greyed when main's history for the story on screen has nothing to
// take (history.state), enabled while a text field has focus (its own undo), and greyed off a story.
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { storyAs } from './pages/start'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('Undo and Redo in the Edit menu follow the open story’s history', async ({ factdesk }) => {
  const { page } = factdesk
  const menu = () => factdesk.editMenu()
  const story = await storyAs(page, 'Menu Tester', SAMPLE_TITLE)
  await expect(story.claimItems).toHaveCount(3)
  await expect.poll(menu).toEqual({ undo: false, redo: false })

  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.setStatus('Done')
  await expect(story.claimItem('NATO chief Mark Rutte')).toHaveAttribute('data-status', 'done')
  await expect.poll(menu).toEqual({ undo: true, redo: false })

  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Control+z')
  await expect(story.claimItem('NATO chief Mark Rutte')).not.toHaveAttribute('data-status', 'done')
  await expect.poll(menu).toEqual({ undo: false, redo: true })

  // A focused text field undoes its own typing: both items act.
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.root.locator('[name="restatement"]').click()
  await expect.poll(menu).toEqual({ undo: true, redo: true })
  await story.panel.root.locator('[name="restatement"]').blur()
  await expect.poll(menu).toEqual({ undo: false, redo: true })

  await factdesk.chooseMenuItem('Redo', 'redo')
  await expect(story.claimItem('NATO chief Mark Rutte')).toHaveAttribute('data-status', 'done')
  await expect.poll(menu).toEqual({ undo: true, redo: false })

  // Off the story, nothing to step in.
  await story.backToLibrary()
  await expect(new LibraryPage(page).progressOf(SAMPLE_TITLE)).toBeVisible()
  await expect.poll(menu).toEqual({ undo: false, redo: false })
})
