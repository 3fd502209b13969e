// Page model for import, revision and export: the dialogs reached from the library and story toolbars.
import { expect, type Locator, type Page } from '@playwright/test'

export class TransferPage {
  constructor(readonly page: Page) {}

  private async libraryImport(item: string): Promise<void> {
    // Exactly "Import": while an import dialog is still closing, "Import page" in it would match too.
    await this.page.getByRole('button', { name: 'Import', exact: true }).click()
    await this.page.getByRole('menuitem', { name: item }).click()
  }

  get importDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Import a story' })
  }

  async importFile(file: string): Promise<void> {
    await this.libraryImport('Story from a file…')
    await this.importDialog.locator('input[type="file"]').setInputFiles(file)
  }

  async importUrl(url: string): Promise<void> {
    await this.libraryImport('Story from a web page…')
    await this.importDialog.getByLabel('Address of the article (http or https)').fill(url)
    await this.importDialog.getByRole('button', { name: 'Import page' }).click()
  }

  async importPackage(file: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.libraryImport('Verification package…')
    await (await chooser).setFiles(file)
  }

  async expectStoryOpen(title: string): Promise<void> {
    await expect(this.page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()
    await expect(this.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
  }

  /** Opens Revise…, edits the text with `edit`, saves, and returns the result dialog. */
  async revise(edit: (text: string) => string, note: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Revise…' }).click()
    const dialog = this.page.getByRole('dialog', { name: /^Revise/ })
    const box = dialog.getByLabel('Story text')
    await box.fill(edit(await box.inputValue()))
    await dialog.getByLabel('What changed (optional)').fill(note)
    await dialog.getByRole('button', { name: 'Save revision' }).click()
    await expect(dialog.getByRole('status', { name: 'Revision result' })).toBeVisible()
    return dialog
  }

  get exportDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Export a verification report' })
  }

  /** Exports with the dialog already open; returns the path the app reports it saved to. */
  async exportAs(formatLabel: string): Promise<string> {
    const dialog = this.exportDialog
    await dialog.getByRole('combobox', { name: 'Format' }).click()
    await this.page.getByRole('option', { name: formatLabel }).click()
    await dialog.getByRole('button', { name: 'Export…' }).click()
    const saved = dialog.getByRole('status').filter({ hasText: 'Saved' })
    await expect(saved).toBeVisible()
    return (await saved.locator('strong').innerText()).trim()
  }
}
