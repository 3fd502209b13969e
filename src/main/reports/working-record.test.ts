// Every report tells the truth about a verdict's words and carries the working record only when asked.
import Papa from 'papaparse'
import { describe, expect, it } from 'vitest'
import type { StoryFile } from '../../shared/model'
import { buildReport } from './build'
import { BOM, renderCsv } from './csv'
import { renderHtml } from './html'
import { toPackage } from '../package/json-package'
import { renderMarkdown } from './markdown'
import { allOptions, at, budgetStory, sampleInput } from './testing/sample-report'

/** The budget story after a revision changed the words of its Accurate claim, with a sign-off override. */
function workedStory(): StoryFile {
  const file = budgetStory()
  const budget = file.claims.find((c) => c.id === 'story-budget-budget')!
  budget.checked = { ...budget.checked!, exact: 'a budget of $3.9 million' }
  budget.recheck = { reason: 'revised', at: at(50), revision: 2 }
  budget.comments.push({ id: 'cm-private', body: 'Clerk’s mobile is 555-0199', by: 'p-jonas', at: at(30) })
  budget.contacts.push({
    id: 'k1',
    contact: 'Council clerk',
    sourceId: 's-interview',
    method: 'phone',
    outcome: 'left_message',
    at: at(31),
    notes: 'Call back after 3pm',
    followUp: '2026-11-27',
    by: 'p-jonas',
    loggedAt: at(31)
  })
  file.story.deskState = 'cleared'
  file.story.signOff = {
    at: at(55),
    by: 'p-amira',
    override: {
      reason: 'Editor-in-chief approved running with C6 open',
      blockers: ['C6: not Done, no verdict, orphaned']
    }
  }
  return file
}

const internal = (on: boolean) => sampleInput({ stories: [workedStory()], options: { ...allOptions, internal: on } })

describe('reports and the working record', () => {
  it('never shows a verdict waiting for re-check as current, and shows the words it was given on', () => {
    const model = buildReport(internal(false))
    const claim = model.stories[0]!.claims.find((c) => c.id === 'story-budget-budget')!
    expect(claim).toMatchObject({ label: 'C2', needsRecheck: true, checkedWords: 'a budget of $3.9 million' })
    expect(model.totals.byVerdict.accurate ?? 0).toBe(0)
    expect(model.totals.byVerdict.recheck).toBe(1)

    const html = renderHtml(model)
    expect(html).toMatch(
      /C2 <span class="badge recheck">Needs re-check<\/span> <span class="badge stale"[^>]*>Accurate</
    )
    expect(html).toContain('a budget of $3.9 million')
    const md = renderMarkdown(model)
    expect(md).toContain('### C2: Needs re-check (was Accurate, given on other words)')
    expect(md).toContain('**Words the verdict was given on:** a budget of $3.9 million')
    const rows = Papa.parse<Record<string, string>>(renderCsv(model).slice(BOM.length), {
      header: true,
      delimiter: ',',
      skipEmptyLines: true
    }).data
    expect(rows.find((r) => r.claimId === 'story-budget-budget')).toMatchObject({
      claimLabel: 'C2',
      'reviewRating.alternateName': 'Accurate (needs re-check)',
      checkedWords: 'a budget of $3.9 million'
    })
  })

  it('prints a sign-off override with its reason and what it overrode', () => {
    const model = buildReport(internal(false))
    for (const text of [renderHtml(model), renderMarkdown(model)]) {
      expect(text).toContain('Signed off with an override')
      expect(text).toContain('Editor-in-chief approved running with C6 open')
      expect(text).toContain('C6: not Done, no verdict, orphaned')
    }
  })

  it('carries comments and the contact log only in an internal report or package', () => {
    for (const on of [true, false]) {
      const model = buildReport(internal(on))
      const texts = [renderHtml(model), renderMarkdown(model), JSON.stringify(toPackage(model))]
      for (const text of texts) {
        expect(text.includes('Council clerk'), `contact in ${on ? 'internal' : 'public'} report`).toBe(on)
        expect(text.includes('555-0199'), `comment in ${on ? 'internal' : 'public'} report`).toBe(on)
      }
    }
    expect(renderHtml(buildReport(internal(true)))).toContain('Internal report:')
  })
})
