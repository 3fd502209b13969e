// Page model for the shared desk: the Connect dialog, the status line and a claim's sync conflict.
import { expect, type Locator, type Page } from '@playwright/test'

export interface DeskLogin {
  host?: string
  port?: number
  database?: string
  user?: string
  url?: string
  password: string
  deskId: string
  tls: boolean
}

export class DeskSyncPage {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: /Connect to a desk|Shared desk/ })
  }

  get statusLine(): Locator {
    return this.page.getByRole('contentinfo', { name: 'Desk sync' })
  }

  get state(): Locator {
    return this.statusLine.getByTestId('desk-state')
  }

  async openDialog(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Connect to a desk' }).click()
    await expect(this.dialog).toBeVisible()
    return this.dialog
  }

  /** Fills the open dialog and presses Connect (it stays open if the desk refuses). */
  async fill(login: DeskLogin): Promise<void> {
    const d = this.dialog
    if (login.url) {
      await d.getByRole('tab', { name: 'Connection address' }).click()
      await d.getByLabel('Connection address', { exact: true }).fill(login.url)
    } else {
      await d.getByRole('tab', { name: 'Server details' }).click()
      await d.getByLabel('Host', { exact: true }).fill(login.host ?? '')
      await d.getByLabel('Port', { exact: true }).fill(String(login.port ?? 5432))
      await d.getByLabel('Database', { exact: true }).fill(login.database ?? '')
      await d.getByLabel('User name', { exact: true }).fill(login.user ?? '')
    }
    await d.getByLabel('Password', { exact: true }).fill(login.password)
    await d.getByLabel('Desk id', { exact: true }).fill(login.deskId)
    const tls = d.getByRole('checkbox', { name: /Use TLS/ })
    if ((await tls.isChecked()) !== login.tls) await tls.click()
    await d.getByRole('button', { name: 'Connect', exact: true }).click()
  }

  async connect(login: DeskLogin): Promise<void> {
    await this.openDialog()
    await this.fill(login)
    await expect(this.dialog).toBeHidden()
    await expect(this.state).toHaveText(/Online/)
  }
}
