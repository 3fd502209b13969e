// Undo and redo walk back through the editor's own changes (a delete, a field, a comment, evidence)
// with Ctrl+Z / Shift+Ctrl+Z and the Edit menu, while a focused text field keeps its native undo.
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { storyAs } from './pages/start'
import { VerdictPage } from './pages/verdict-page'

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

test('undo kept in main: two claims edited, undone in turn and redone, kept over a reload; refused after another editor changed the claim and in a story someone cleared', async ({
  factdesk
}) => {
  const { page } = factdesk
  const story = await storyAs(page, 'Journey Editor', SAMPLE_TITLE)
  const verdict = new VerdictPage(page)
  const rationale = story.panel.root.locator('[name="rationale"]')
  const notices = page.getByRole('region', { name: 'Notifications' })
  const deskState = page.getByRole('combobox', { name: 'Desk state' })
  const press = async (keys: string): Promise<void> => {
    await page.locator('body').click({ position: { x: 5, y: 5 } })
    await page.keyboard.press(keys)
  }
  const editAs = async (from: string, to: string): Promise<void> => {
    await page.getByRole('button', { name: `Editing as ${from}. Switch editor` }).click()
    await page.getByRole('menuitemradio', { name: to }).click()
    await expect(page.getByRole('button', { name: `Editing as ${to}. Switch editor` })).toBeVisible()
  }
  const clearWithOverride = async (reason: string): Promise<void> => {
    await verdict.chooseDeskState('Cleared')
    await verdict.signOffDialog.getByLabel('Override: why clear it anyway?').fill(reason)
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(deskState).toContainText('Cleared')
  }

  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.fill('rationale', 'Thirty countries signed the statement.')
  await story.claimItem('You have my assurance').click()
  await story.panel.fill('rationale', 'Quoted from the press conference.')

  // Each undo takes back its own claim, and opens it.
  await press('Control+z')
  await expect(story.panel.words).toContainText('You have my assurance')
  await expect(rationale).toHaveValue('')
  await press('Control+z')
  await expect(story.panel.words).toContainText('NATO chief Mark Rutte')
  await expect(rationale).toHaveValue('')
  await press('Control+Shift+z')
  await expect(rationale).toHaveValue('Thirty countries signed the statement.')
  await story.claimItem('You have my assurance').click()
  await expect(rationale).toHaveValue('')

  // The history is main's: a reload of the window keeps it.
  await page.reload()
  await new LibraryPage(page).open(SAMPLE_TITLE)
  await press('Control+z')
  await expect(story.panel.words).toContainText('NATO chief Mark Rutte')
  await expect(rationale).toHaveValue('')
  await press('Control+Shift+z')
  await expect(rationale).toHaveValue('Thirty countries signed the statement.')

  // Another editor changes the claim: this editor's undo is refused, saying who, and changes nothing.
  await page.getByRole('button', { name: 'Editing as Journey Editor. Switch editor' }).click()
  await page.getByRole('menuitem', { name: 'Add an editor…' }).click()
  const add = page.getByRole('dialog', { name: 'Add an editor' })
  await add.getByLabel('New editor name').fill('Sam Ortiz')
  await add.getByRole('button', { name: 'Add editor' }).click()
  await expect(add).toBeHidden()
  await editAs('Journey Editor', 'Sam Ortiz')
  await story.claimItem('NATO chief Mark Rutte').click()
  await story.panel.fill('rationale', 'Sam checked the list again.')
  await editAs('Sam Ortiz', 'Journey Editor')
  await press('Control+z')
  await expect(notices).toContainText('was changed since (by Sam Ortiz)')
  await story.claimItem('NATO chief Mark Rutte').click()
  await expect(rationale).toHaveValue('Sam checked the list again.')

  // Clearing is undone by the sign-off rule: the story goes back to the state before and its sign-off ends.
  const before = (await deskState.textContent()) ?? ''
  expect(before).not.toContain('Cleared')
  await clearWithOverride('The lead read it')
  await press('Control+z')
  await expect(deskState).toHaveText(before)

  // Cleared by someone else: nothing in it is undone until it is set back to In check.
  await editAs('Journey Editor', 'Sam Ortiz')
  await clearWithOverride('Sam cleared it')
  await editAs('Sam Ortiz', 'Journey Editor')
  await press('Control+z')
  await expect(notices).toContainText('is cleared, so nothing in it is undone')
  await expect(deskState).toContainText('Cleared')
  await story.claimItem('NATO chief Mark Rutte').click()
  await expect(rationale).toHaveValue('Sam checked the list again.')
})
