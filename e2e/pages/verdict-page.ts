// Page model for the verdict's working record: re-check, sign-off and the contact log.
import { expect, type Locator, type Page } from '@playwright/test'

export class VerdictPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.locator('aside.claim-panel')
  }

  get recheck(): Locator {
    return this.panel.getByRole('region', { name: 'Needs re-check' })
  }

  get recheckCount(): Locator {
    return this.page.getByTestId('recheck-count')
  }

  get signOffDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Not ready to clear' })
  }

  async chooseDeskState(label: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Desk state' }).click()
    await this.page.getByRole('option', { name: label }).click()
  }

  async logContact(attempt: {
    whom: string
    how: string
    outcome: string
    notes?: string
    followUp?: string
  }): Promise<void> {
    const form = this.panel.getByRole('form', { name: 'Log a contact attempt' })
    await form.getByLabel('Whom').fill(attempt.whom)
    await form.getByRole('combobox', { name: 'How' }).click()
    await this.page.getByRole('option', { name: attempt.how, exact: true }).click()
    await form.getByRole('combobox', { name: 'Outcome' }).click()
    await this.page.getByRole('option', { name: attempt.outcome, exact: true }).click()
    if (attempt.notes) await form.getByLabel('Contact notes').fill(attempt.notes)
    if (attempt.followUp) await form.getByLabel('Follow up on').fill(attempt.followUp)
    const before = await this.panel.getByTestId('contact-attempt').count()
    await form.getByRole('button', { name: 'Log attempt' }).click()
    await expect(this.panel.getByTestId('contact-attempt')).toHaveCount(before + 1)
  }
}
