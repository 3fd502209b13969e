// The desk's own verdict scale, through the built app: add "Missing context" with a colour and a
// ClaimReview rating in settings (a colour that does not read is flagged), give it to a claim, see its
// name and colour in the claim panel, sign off, export the report and ClaimReview with it; then rename
// it and see the claim keep the name it was given under, in the panel and in the report.
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from './support/fixtures'
import { expectNoViolations } from './support/axe'
import { LibraryPage } from './pages/library-page'
import { StoryPage } from './pages/story-page'
import { TransferPage } from './pages/transfer-page'
import { VerdictPage } from './pages/verdict-page'

type Review = { reviewRating: Record<string, unknown> }

const SAMPLE_TITLE = 'Trump Rules Out Sending US Troops to Ukraine as Peace Talks Advance'

test('add a verdict with a colour and a rating, use it, publish it, rename it: the claim keeps its name', async ({
  factdesk
}) => {
  test.setTimeout(300_000)
  const { page } = factdesk
  const out = await mkdtemp(path.join(os.tmpdir(), 'factdesk-scales-'))
  try {
    const library = new LibraryPage(page)
    const transfer = new TransferPage(page)
    await library.addEditor('Sam Ortiz')
    await page.getByRole('button', { name: 'Desk settings' }).click()
    const settings = page.getByRole('dialog', { name: 'Desk settings' })
    await settings.getByLabel('Organisation name').fill('The Evening Ledger')
    await settings.getByLabel(/^Fact-check page address/).fill('https://ledger.example/fact-checks/')
    await settings.getByRole('button', { name: 'Add a verdict' }).click()
    const added = settings.getByRole('group', { name: 'Verdict 7' })
    await added.getByLabel('Name', { exact: true }).fill('Missing context')
    // A colour that would vanish on the light theme is flagged as it is picked, with the measure.
    await added.getByLabel('Colour').fill('#fdfdfd')
    await expect(added.getByRole('status')).toContainText('too light to read on the light theme')
    await added.getByLabel('Colour').fill('#8e4ec6')
    await expect(added.getByRole('status')).toHaveCount(0)
    await added.getByLabel('Rating value').fill('2')
    await added.getByLabel('Alternate name').fill('')
    await expectNoViolations(page, 'desk settings with the verdict scale')
    await settings.getByRole('button', { name: 'Save settings' }).click()
    await expect(settings).toBeHidden()

    await library.open(SAMPLE_TITLE)
    const story = new StoryPage(page)
    await story.claimItems.first().click()
    await story.panel.setStatus('Done')
    await story.panel.setVerdict('Missing context')
    const swatch = story.panel.verdict.locator('.scale-swatch')
    await expect(swatch).toHaveAttribute('data-colour', '#8e4ec6')
    await expect(swatch).toHaveCSS('background-color', 'rgb(142, 78, 198)')

    const verdict = new VerdictPage(page)
    await verdict.chooseDeskState('Cleared')
    await verdict.signOffDialog.getByLabel('Override: why clear it anyway?').fill('Only the first claim is published')
    await verdict.signOffDialog.getByRole('button', { name: 'Clear with override' }).click()
    await expect(verdict.signOffDialog).toBeHidden()

    const exportAll = async (): Promise<{ html: string; reviews: Review[] }> => {
      const saved = new Map<string, string>()
      await factdesk.chooseMenuItem('Export Report…', 'export')
      for (const [label, extension] of [
        ['HTML report (print-ready, self-contained)', '.html'],
        ['ClaimReview JSON-LD (schema.org, for publishing)', '.jsonld']
      ] as const) {
        await factdesk.answerSaveDialog(out)
        saved.set(extension, await transfer.exportAs(label))
      }
      await transfer.exportDialog.getByRole('button', { name: 'Done' }).click()
      return {
        html: await readFile(saved.get('.html')!, 'utf8'),
        reviews: JSON.parse(await readFile(saved.get('.jsonld')!, 'utf8')) as Review[]
      }
    }

    const first = await exportAll()
    expect(first.html).toContain('Missing context')
    expect(first.html).toContain('background:#8e4ec6')
    expect(first.reviews).toHaveLength(1)
    expect(first.reviews[0]?.reviewRating).toMatchObject({
      ratingValue: 2,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Missing context'
    })

    // Renamed on the desk: the claim given as "Missing context" keeps that name.
    await page.getByRole('button', { name: 'Desk settings' }).click()
    await settings.getByRole('group', { name: 'Verdict 7' }).getByLabel('Name', { exact: true }).fill('Lacks context')
    await settings.getByRole('button', { name: 'Save settings' }).click()
    await expect(settings).toBeHidden()
    await expect(story.panel.verdict).toContainText('Missing context')

    const second = await exportAll()
    expect(second.html).toMatch(/<span class="badge" data-verdict="missing_context"[^>]*>Missing context<\/span>/)
    expect(second.reviews[0]?.reviewRating.alternateName).toBe('Missing context')
  } finally {
    await rm(out, { recursive: true, force: true })
  }
})
