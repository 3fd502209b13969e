// The mouse and the keyboard meet: words selected with the mouse are marked with M, and focus
// lands where the desk's keys work after every dialog and action (src/renderer/src/app/focus-return.ts),
// at the default size and on a 1024x700 laptop screen.
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

/** Focus is on an element where the desk's single keys work (not <body>, not a removed node). */
async function expectFocusHome(page: import('@playwright/test').Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const el = document.activeElement
        if (!el || el === document.body || !el.isConnected) return 'lost'
        return el.closest('[data-desk-keys]') ? 'home' : el.tagName.toLowerCase()
      })
    )
    .toBe('home')
}

for (const size of [null, { width: 1024, height: 700 }]) {
  const label = size ? `${size.width}x${size.height}` : 'default size'

  test(`words selected with the mouse are marked with M (${label})`, async ({ factdesk }) => {
    const { page } = factdesk
    if (size) await page.setViewportSize(size)
    const library = new LibraryPage(page)
    await library.addEditor('Mouse Tester')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    const before = await story.claimItems.count()
    await story.dragSelect('30 countries, including Japan')
    // The mouse focused the story text, which used to swallow the shortcut.
    await expect(page.getByRole('region', { name: 'Story text' })).toBeFocused()
    await page.keyboard.press('m')
    await expect(story.panel.words).toHaveText('30 countries, including Japan')
    await expect(story.claimItems).toHaveCount(before + 1)
    // Arrows still belong to the story text: they do not move between claims from there.
    await page.getByRole('region', { name: 'Story text' }).focus()
    const current = await story.currentClaimItem.textContent()
    await page.keyboard.press('ArrowDown')
    await expect(story.currentClaimItem).toHaveText(current ?? '')
  })

  test(`focus lands where the keys work after an override and after the panel closes (${label})`, async ({
    factdesk
  }) => {
    const { page } = factdesk
    if (size) await page.setViewportSize(size)
    const library = new LibraryPage(page)
    await library.addEditor('Focus Tester')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await expect(story.claimItems.first()).toBeVisible()

    // Clearing a story that is not ready opens the sign-off dialog; an override closes it.
    await page.getByRole('combobox', { name: 'Desk state' }).click()
    await page.getByRole('option').last().click()
    const dialog = page.getByRole('dialog', { name: 'Not ready to clear' })
    await expect(dialog).toBeVisible()
    await dialog.getByRole('textbox').fill('Editor in chief approved the story for print.')
    await dialog.getByRole('button', { name: /override|clear anyway/i }).click()
    await expect(dialog).toBeHidden()
    await expectFocusHome(page)
    // The next key works: j moves to a claim.
    await page.keyboard.press('j')
    await expect(story.currentClaimItem).toHaveCount(1)

    // A claim opened and closed hands focus back to where the keys work.
    await page.keyboard.press('Enter')
    await expect(story.panel.root).toBeVisible()
    await page.keyboard.press('Escape')
    await expect(story.panel.root).toBeHidden()
    await expectFocusHome(page)
  })
}
