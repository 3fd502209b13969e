// The first steps most journeys share: the library with an editor named (as the first-run picker
// leaves it), and a story opened at its first claim.
import { expect, type Page } from '@playwright/test'
import { LibraryPage } from './library-page'
import { StoryPage } from './story-page'

export async function libraryAs(page: Page, editor: string): Promise<LibraryPage> {
  const library = new LibraryPage(page)
  await library.addEditor(editor)
  return library
}

/** Names the editor and opens the story titled `title`. */
export async function storyAs(page: Page, editor: string, title: string): Promise<StoryPage> {
  const library = await libraryAs(page, editor)
  await library.open(title)
  return new StoryPage(page)
}

/** Names the editor, opens the story titled `title` and its first claim, which is still Open. */
export async function firstClaimOf(page: Page, editor: string, title: string): Promise<StoryPage> {
  const story = await storyAs(page, editor, title)
  await story.claimItems.first().click()
  await expect(story.panel.status('Open')).toBeChecked()
  return story
}

/** The stories the library screen lists. */
export const storyRows = (page: Page) => page.locator('tr[data-story-id]')
