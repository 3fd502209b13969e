// Undo and redo walk back through the editor's own changes (a delete, a field, a comment, evidence)
// with Ctrl+Z / Shift+Ctrl+Z and the Edit menu, while a focused text field keeps its native undo.
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { storyAs } from './pages/start'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('undo and redo across a delete and a field change; text fields keep their own undo; Backspace deletes nothing', async ({
  factdesk
}) => {
  const { page } = factdesk
  const story = await storyAs(page, 'Undo Tester', SAMPLE_TITLE)
  await expect(story.claimItems).toHaveCount(3)

  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.fill('rationale', 'Thirty countries signed the statement.')
  await story.panel.setStatus('Done')
  await story.panel.root.getByLabel('New comment').fill('Ask NATO for the list.')
  await story.panel.root.getByRole('button', { name: 'Comment', exact: true }).click()
  await expect(story.panel.root.locator('.comments li')).toHaveCount(1)

  // Typing in a field, Ctrl+Z undoes the typing, not the desk's last change.
  const restatement = story.panel.root.locator('[name="restatement"]')
  await restatement.click()
  await page.keyboard.type('Thirty')
  await page.keyboard.press('Control+z')
  await expect(restatement).toHaveValue('')
  await expect(story.panel.root.locator('.comments li')).toHaveCount(1)
  await restatement.blur()

  // Backspace on a selected claim deletes nothing; Delete does, and goes into the history.
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Backspace')
  await expect(story.claimItems).toHaveCount(3)
  await page.keyboard.press('Delete')
  await expect(story.claimItems).toHaveCount(2)

  await page.keyboard.press('Control+z')
  await expect(story.claimItems).toHaveCount(3)
  await expect(story.panel.root.locator('[name="rationale"]')).toHaveValue('Thirty countries signed the statement.')
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Control+z') // the comment
  await expect(story.panel.root.locator('.comments li')).toHaveCount(0)
  await factdesk.chooseMenuItem('Undo', 'undo') // the status, from the Edit menu
  await expect(story.claimItem('NATO chief Mark Rutte')).not.toHaveAttribute('data-status', 'done')
  await page.keyboard.press('Control+z') // the rationale
  await expect(story.panel.root.locator('[name="rationale"]')).toHaveValue('')

  await page.keyboard.press('Control+Shift+z')
  await expect(story.panel.root.locator('[name="rationale"]')).toHaveValue('Thirty countries signed the statement.')
  await page.keyboard.press('Control+Shift+z')
  await expect(story.claimItem('NATO chief Mark Rutte')).toHaveAttribute('data-status', 'done')
  await page.keyboard.press('Control+Shift+z')
  await expect(story.panel.root.locator('.comments li')).toHaveCount(1)
  await factdesk.chooseMenuItem('Redo', 'redo') // the delete again
  await expect(story.claimItems).toHaveCount(2)

  await factdesk.restart()
  const after = new LibraryPage(factdesk.page)
  await expect(after.progressOf(SAMPLE_TITLE)).toHaveText('0 of 2 done')
})
