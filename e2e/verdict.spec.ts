// Verdicts stay true to the words they were given on: a revised figure is flagged for re-check
// everywhere, sign-off cannot skip a claim without a written override, sources' contact attempts
// are logged and stay out of public reports, and claim numbers never move.
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { TransferPage } from './pages/transfer-page'
import { VerdictPage } from './pages/verdict-page'

const shots = path.resolve(__dirname, '../test-results/screenshots')
const TITLE = 'Town jobs and the new bridge'
const TEXT =
  'The mayor said unemployment in the town is less than 100 people.\n\nThe new bridge opened in March, two weeks late.\n\nCouncil spending rose by 4 percent last year.\n\nThe library will reopen in June.'
const FIGURE = 'unemployment in the town is less than 100 people'
const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

const localToday = (): string => {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

test('a revised figure puts its verdict on hold everywhere until confirmed; clearing with open claims takes a written override that the PDF prints', async ({
  factdesk
}) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-verdict-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    const verdict = new VerdictPage(page)
    await library.addEditor('Noor Haddad')
    await library.createStory(TITLE, TEXT)
    const story = new StoryPage(page)
    await story.selectText(FIGURE)
    await story.markSelection()
    await expect(story.panel.root.getByRole('heading', { level: 2 })).toContainText('C1')
    await story.panel.setStatus('Done')
    await story.panel.setVerdict('Accurate')
    await story.panel.fill('rationale', 'The labour office counts 87 people out of work.')

    const result = await transfer.revise(
      (text) => text.replace('less than 100', 'less than 1,000'),
      'Figure corrected by the reporter'
    )
    await expect(result).toContainText('now needs re-check: C1')
    await result.getByRole('button', { name: 'Done' }).click()

    // Flagged in the list (chip, filter and count), on the highlight and in the panel with a word diff.
    await expect(story.claimItem('less than 1,000')).toContainText('Needs re-check')
    await expect(verdict.recheckCount).toHaveText('1')
    await expect(story.highlight('less than 1,000')).toHaveAttribute('data-recheck', 'true')
    await story.claimItem('less than 1,000').click()
    await expect(verdict.recheck).toContainText('“Accurate” was given on other words')
    await expect(verdict.recheck.locator('del')).toHaveText('100')
    await expect(verdict.recheck.locator('ins')).toHaveText('1,000')
    await page.screenshot({ path: path.join(shots, 'needs-recheck.png') })

    await story.backToLibrary()
    await expect(library.row(TITLE).getByTestId('recheck-badge')).toHaveText('1 need re-check')
    await library.open(TITLE)

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const html = await readFile(await transfer.exportAs('HTML report (print-ready, self-contained)'), 'utf8')
    await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()
    expect(html).toMatch(/C1 <span class="badge recheck">Needs re-check<\/span>/)
    expect(html).toContain('less than 100 people')

    // Confirmed with a new verdict: the flag goes everywhere, and the change is in the history with who.
    await story.claimItem('less than 1,000').click()
    await story.panel.setVerdict('False')
    await expect(verdict.recheck).toHaveCount(0)
    await expect(verdict.recheckCount).toHaveText('0')
    await expect(story.panel.root.getByRole('region', { name: 'History' })).toContainText(
      'Noor Haddad C1 · Verdict changed for the new words'
    )

    // A second claim still open: clearing is refused with what blocks it, one click from the claim.
    await story.selectText('The new bridge opened in March')
    await story.markSelection()
    await verdict.chooseDeskState('Cleared')
    // Each blocker shows its words and status, so the editor knows which claim it is without opening it.
    await expect(verdict.signOffDialog.getByRole('list', { name: 'What blocks sign-off' })).toHaveText(
      'C2 “The new bridge opened in March” (Open): not Done, no verdict'
    )
    await verdict.signOffDialog.getByRole('link', { name: 'C2 “The new bridge opened in March”' }).click()
    await expect(verdict.signOffDialog).toBeHidden()
    await expect(story.panel.root).toHaveAttribute('data-claim-number', '2')
    await expect(page.getByRole('combobox', { name: 'Desk state' })).toContainText('Draft')

    await verdict.chooseDeskState('Cleared')
    await verdict.signOffDialog
      .getByLabel('Override: why clear it anyway?')
      .fill('Editor-in-chief cleared the bridge line after a site visit')
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(verdict.signOffDialog).toBeHidden()
    await expect(page.getByRole('combobox', { name: 'Desk state' })).toContainText('Cleared')

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const pdf = await transfer.exportAs('PDF report')
    const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(pdfText).toContain('Signed off with an override')
    expect(pdfText).toContain('Editor-in-chief cleared the bridge line after a site visit')
    expect(pdfText).toContain('C2: not Done, no verdict')
    // Who gave the verdict and who cleared the story, with when, read back from the report.
    expect(pdfText).toMatch(/Verdict given by Noor Haddad, \d+ \w+ \d{4}, \d\d:\d\d UTC/)
    expect(pdfText).toMatch(/Signed off with an override by Noor Haddad, \d+ \w+ \d{4}, \d\d:\d\d UTC/)
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})

test('three attempts to reach a source, a follow-up due in the library, and the log only in the internal report', async ({
  factdesk
}) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-contacts-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    const verdict = new VerdictPage(page)
    await library.addEditor('Ines Moreau')
    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    const rutte = story.claimItem('NATO chief Mark Rutte')
    await rutte.click()
    await verdict.logContact({ whom: 'NATO press office', how: 'Email', outcome: 'No answer' })
    await verdict.logContact({
      whom: 'NATO press office',
      how: 'Phone',
      outcome: 'Left message',
      notes: 'Duty officer: +32 2 707 0000'
    })
    await verdict.logContact({
      whom: 'NATO spokesperson',
      how: 'Phone',
      outcome: 'Declined to comment',
      followUp: localToday()
    })
    await expect(rutte).toContainText(
      `Last: phone to NATO spokesperson, declined to comment · follow up ${localToday()} (today)`
    )

    await story.backToLibrary()
    const due = page.getByRole('region', { name: 'Follow-ups due' })
    await expect(due.getByTestId('follow-up')).toHaveCount(1)
    await expect(due).toContainText('NATO spokesperson about C3 in')
    await page.screenshot({ path: path.join(shots, 'follow-ups-due.png') })
    await due.getByRole('link', { name: /C3 in/ }).click()
    await expect(page.locator('[data-screen="story"][data-ready="true"]')).toBeVisible()

    const exportHtml = async (internal: boolean): Promise<string> => {
      await factdesk.answerSaveDialog(out)
      await page.getByRole('button', { name: 'Export…' }).click()
      if (internal) await transfer.exportDialog.getByRole('checkbox', { name: /^Internal report/ }).click()
      const file = await transfer.exportAs('HTML report (print-ready, self-contained)')
      await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()
      return readFile(file, 'utf8')
    }
    const internal = await exportHtml(true)
    expect(internal).toContain('NATO spokesperson')
    expect(internal).toContain('+32 2 707 0000')
    expect(internal).toContain('Internal report:')
    const publicReport = await exportHtml(false)
    expect(publicReport).not.toContain('NATO spokesperson')
    expect(publicReport).not.toContain('+32 2 707 0000')

    await factdesk.answerSaveDialog(out)
    await page.getByRole('button', { name: 'Export…' }).click()
    const jsonld = await readFile(await transfer.exportAs('ClaimReview JSON-LD (schema.org, for publishing)'), 'utf8')
    await expect(transfer.exportDialog.getByRole('status')).toContainText(
      '3 claims were left out: 3 story not signed off.'
    )
    expect(jsonld).not.toContain('NATO spokesperson')
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})

test('claim numbers survive marking an earlier claim, a delete, a restart and a package round trip', async ({
  factdesk
}) => {
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-numbers-'))
  const other = await mkdtemp(path.join(os.tmpdir(), 'factdesk-numbers-library-'))
  try {
    const library = new LibraryPage(page)
    await library.addEditor('Tomas Berg')
    await library.createStory(TITLE, TEXT)
    const story = new StoryPage(page)
    const mark = async (words: string, label: string) => {
      await story.selectText(words)
      await story.markSelection()
      await expect(story.panel.root).toHaveAttribute('aria-label', `Claim ${label}`)
    }
    await mark('Council spending rose by 4 percent', 'C1')
    await mark(FIGURE, 'C2')
    await expect(story.claimItem('Council spending')).toContainText('C1')
    await mark('The library will reopen in June', 'C3')
    await story.claimItem(FIGURE).click()
    await story.panel.root.getByRole('button', { name: 'Delete claim' }).click()
    await expect(page.getByText('C2 deleted.')).toBeVisible()
    await mark('The new bridge opened in March', 'C4')

    const expectNumbers = async (s: StoryPage) => {
      await expect(s.claimItems).toHaveCount(3)
      await expect(s.claimItem('The new bridge')).toContainText('C4')
      await expect(s.claimItem('Council spending')).toContainText('C1')
      await expect(s.claimItem('The library will reopen')).toContainText('C3')
    }
    await expectNumbers(story)

    await factdesk.restart()
    await new LibraryPage(factdesk.page).open(TITLE)
    const reopened = new StoryPage(factdesk.page)
    await expectNumbers(reopened)

    // The restart opened a new page: the transfer page model is made for it.
    await factdesk.answerSaveDialog(out)
    await factdesk.page.getByRole('button', { name: 'Export…' }).click()
    const after = new TransferPage(factdesk.page)
    const pkg = await after.exportAs('Verification package (JSON, re-importable)')
    await after.exportDialog.getByRole('button', { name: 'Done' }).click()
    await reopened.backToLibrary()

    await factdesk.answerFolderDialog(other)
    await factdesk.chooseMenuItem('Open Library…', 'open-library')
    const fresh = new LibraryPage(factdesk.page)
    await fresh.addEditor('Tomas Berg')
    await expect(fresh.row(TITLE)).toHaveCount(0)
    await after.importPackage(pkg)
    await fresh.open(TITLE)
    await expectNumbers(new StoryPage(factdesk.page))
  } finally {
    await rm(out, { recursive: true, force: true })
    await rm(other, { recursive: true, force: true })
  }
})
