// Page model for the library screen: stories with their progress, the editor picker, new story.
import { expect, type Locator, type Page } from '@playwright/test'

export class LibraryPage {
  constructor(readonly page: Page) {}

  get screen(): Locator {
    return this.page.locator('[data-screen="library"]')
  }

  row(title: string): Locator {
    return this.page.locator('tr[data-story-id]', { hasText: title })
  }

  progressOf(title: string): Locator {
    return this.row(title).getByTestId('progress-text')
  }

  async expectShown(): Promise<void> {
    await expect(this.screen).toBeVisible()
  }

  /** First run: says who is checking by adding a new editor. */
  async addEditor(name: string): Promise<void> {
    await this.page.getByLabel('New editor name').fill(name)
    await this.page.getByRole('button', { name: 'Add and continue' }).click()
    await expect(this.page.getByRole('button', { name: `Editing as ${name}. Switch editor` })).toBeVisible()
  }

  async open(title: string): Promise<void> {
    await this.row(title).getByRole('button', { name: title }).click()
    await expect(this.page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
  }

  async openNewStory(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'New story' }).click()
    return this.page.getByRole('dialog', { name: 'New story' })
  }

  async createStory(title: string, text: string): Promise<void> {
    const dialog = await this.openNewStory()
    await dialog.getByLabel('Headline').fill(title)
    await dialog.getByLabel('Story text').fill(text)
    await dialog.getByRole('button', { name: 'Create and open' }).click()
    await expect(this.page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
  }
}
