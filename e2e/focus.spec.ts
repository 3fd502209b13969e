// The mouse and the keyboard meet: words selected with the mouse are marked with M, and focus
// lands where the desk's keys work after every dialog and action (src/renderer/src/app/focus-return.ts),
// at the default size and on a 1024x700 laptop screen.
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import type { Locator, Page } from '@playwright/test'
import { expect, test, type FactdeskApp } from './support/fixtures'
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
        return el.closest('[data-single-keys]') ? 'home' : el.tagName.toLowerCase()
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

/**
 * Every field meant to take focus as its dialog, popover or form opens has it, however it was opened (a
 * menu by keyboard or mouse, the application menu, a button), and closing hands focus back to the
 * opener (focus-return.ts). One row per way a field is given focus.
 */
interface Opening {
  name: string
  /** Where it is opened: the library, or a story with its first claim open in the panel. */
  on: 'library' | 'story'
  open(page: Page, factdesk: FactdeskApp): Promise<void>
  field(page: Page): Locator
  /** What has focus again after Escape, if the row closes by Escape. */
  back?(page: Page): Locator
}

const importButton = (page: Page): Locator => page.getByRole('button', { name: 'Import', exact: true })
const addressField = (page: Page): Locator =>
  page.getByRole('dialog', { name: 'Import a story' }).getByLabel('Address of the article (http or https)')
const editorButton = (page: Page): Locator => page.getByRole('button', { name: /^Editing as .*Switch editor$/ })

const openings: Opening[] = [
  {
    name: 'Story from a web page…, chosen with the keyboard',
    on: 'library',
    open: async (page) => {
      await importButton(page).focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('menuitem', { name: 'Story from a file…' })).toBeFocused()
      await page.keyboard.press('ArrowDown')
      // Radix moves focus to the next item in a timer; Chromium runs input before timers, so a
      // quick Enter would choose the first item. A person sees the item move before pressing Enter.
      await expect(page.getByRole('menuitem', { name: 'Story from a web page…' })).toBeFocused()
      await page.keyboard.press('Enter')
    },
    field: addressField,
    back: importButton
  },
  {
    name: 'Story from a web page…, clicked',
    on: 'library',
    open: async (page) => {
      await importButton(page).click()
      await page.getByRole('menuitem', { name: 'Story from a web page…' }).click()
    },
    field: addressField,
    back: importButton
  },
  {
    name: 'Import from URL… in the application menu',
    on: 'library',
    open: (_page, factdesk) => factdesk.chooseMenuItem('Import from URL…', 'import-url'),
    field: addressField
  },
  {
    name: 'Add an editor… in the editor menu',
    on: 'library',
    open: async (page) => {
      await editorButton(page).click()
      await page.getByRole('menuitem', { name: 'Add an editor…' }).click()
    },
    field: (page) => page.getByRole('dialog', { name: 'Add an editor' }).getByLabel('New editor name'),
    back: editorButton
  },
  {
    name: 'Search earlier checks',
    on: 'story',
    open: (page) => page.getByRole('button', { name: 'Search earlier checks' }).click(),
    field: (page) => page.getByRole('dialog', { name: 'Search earlier checks' }).getByLabel('Claim to look for'),
    back: (page) => page.getByRole('button', { name: 'Search earlier checks' })
  },
  {
    name: 'Attach evidence, a new source',
    on: 'story',
    open: (page) => new StoryPage(page).panel.root.getByRole('button', { name: 'Attach evidence' }).click(),
    field: (page) => page.getByRole('form', { name: 'Attach evidence' }).locator('[name="source-title"]')
  }
]

for (const row of openings) {
  test(`the field takes focus as it opens: ${row.name}`, async ({ factdesk }) => {
    test.setTimeout(120_000)
    const { page } = factdesk
    const library = new LibraryPage(page)
    await library.addEditor('Focus Opener')
    if (row.on === 'story') {
      await library.open(SAMPLE_TITLE)
      const story = new StoryPage(page)
      await story.claimItems.first().click()
      await expect(story.panel.root).toBeVisible()
    }
    await row.open(page, factdesk)
    await expect(row.field(page)).toBeFocused()
    // It stays there: nothing that was closing meanwhile (a menu's exit) takes it back.
    await expect(page.locator('[data-state="closed"][role="menu"]')).toHaveCount(0)
    await expect(row.field(page)).toBeFocused()
    await page.keyboard.type('typed')
    await expect(row.field(page)).toHaveValue('typed')
    if (!row.back) return
    await page.keyboard.press('Escape')
    await expect(row.field(page)).toBeHidden()
    await expect(row.back(page)).toBeFocused()
  })
}

test('choosing a tab leaves focus on the tab; its field is the next Tab stop (Attach evidence, from the library)', async ({
  factdesk
}) => {
  test.setTimeout(120_000)
  const { page } = factdesk
  const library = new LibraryPage(page)
  await library.addEditor('Tab Chooser')
  await library.open(SAMPLE_TITLE)
  const story = new StoryPage(page)
  await story.claimItems.first().click()
  await story.panel.root.getByRole('button', { name: 'Attach evidence' }).click()
  const form = page.getByRole('form', { name: 'Attach evidence' })
  await expect(form.locator('[name="source-title"]')).toBeFocused()
  await form.getByRole('tab', { name: 'New source' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(form.getByLabel('Search sources')).toBeVisible()
  // The tab keeps focus, so the arrows still move between tabs.
  await expect(form.getByRole('tab', { name: 'From the library' })).toBeFocused()
  // Tab goes into the panel (Radix makes it a stop), then to its field.
  await page.keyboard.press('Tab')
  await expect(form.getByRole('tabpanel')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(form.getByLabel('Search sources')).toBeFocused()
})

const importFixtures = path.resolve(__dirname, '../src/main/import/fixtures')

/** After an import of any kind, focus is on the new story's headline, where the desk's keys work. */
const imports: { name: string; run(page: Page, base: string): Promise<string> }[] = [
  {
    name: 'a web page, chosen from the Import menu with the keyboard',
    run: async (page, base) => {
      await importButton(page).focus()
      await page.keyboard.press('Enter')
      await expect(page.getByRole('menuitem', { name: 'Story from a file…' })).toBeFocused()
      await page.keyboard.press('ArrowDown')
      // Radix moves focus to the next item in a timer; Chromium runs input before timers, so a
      // quick Enter would choose the first item. A person sees the item move before pressing Enter.
      await expect(page.getByRole('menuitem', { name: 'Story from a web page…' })).toBeFocused()
      await page.keyboard.press('Enter')
      await expect(addressField(page)).toBeFocused()
      await page.keyboard.type(`${base}/article`)
      await page.keyboard.press('Enter')
      return 'Did the factory closure cost 2,000 jobs?'
    }
  },
  {
    name: 'a file, chosen in the import dialog',
    run: async (page) => {
      await importButton(page).click()
      await page.getByRole('menuitem', { name: 'Story from a file…' }).click()
      const dialog = page.getByRole('dialog', { name: 'Import a story' })
      await dialog.locator('input[type="file"]').setInputFiles(path.join(importFixtures, 'story.txt'))
      return 'Council says bus fares will not rise before 2026'
    }
  },
  {
    name: 'a file dropped on the window',
    run: async (page) => {
      const text = '# Dropped headline for focus\n\nThe council said on Monday that 12 buses would be added.'
      const drop = await page.evaluateHandle((body) => {
        const transfer = new DataTransfer()
        transfer.items.add(new File([body], 'dropped.md', { type: 'text/markdown' }))
        return transfer
      }, text)
      await page.dispatchEvent('body', 'dragover', { dataTransfer: drop })
      await page.dispatchEvent('body', 'drop', { dataTransfer: drop })
      return 'Dropped headline for focus'
    }
  }
]

for (const row of imports) {
  test(`after an import the new story's headline has focus: ${row.name}`, async ({ factdesk }) => {
    test.setTimeout(120_000)
    const { page } = factdesk
    const article = await readFile(path.join(importFixtures, 'article.html'))
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/article' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(req.url === '/article' ? article : 'Not found')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      await new LibraryPage(page).addEditor('Import Focus')
      const title = await row.run(page, `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
      // The first import starts the import worker: on a busy machine that takes a while.
      await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible({ timeout: 60_000 })
      const headline = page.getByRole('heading', { level: 1, name: title })
      await expect(headline).toBeFocused()
      // It stays there once the import dialog has finished closing, and the desk's keys work from it.
      await expect(page.getByRole('dialog')).toHaveCount(0)
      await expect(headline).toBeFocused()
      await page.keyboard.press('?')
      await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible()
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
}
