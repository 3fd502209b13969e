import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { budgetStory, hostileStory, sampleInput, settings } from './testing/sample-report'

describe('buildReport', () => {
  it('puts claims in story order with counts, labels and people names', () => {
    const model = buildReport(sampleInput())
    const [story] = model.stories
    expect(story?.claims.map((c) => c.id)).toEqual([
      'story-budget-budget',
      'story-budget-largest',
      'story-budget-growth',
      'story-budget-schools',
      'story-budget-bus',
      'story-budget-orphan'
    ])
    // Numbers are the claims' own (the bus claim was marked first), not their places in the report.
    expect(story?.claims.map((c) => c.label)).toEqual(['C2', 'C3', 'C4', 'C5', 'C1', 'C6'])
    expect(model.totals).toMatchObject({
      claims: 6,
      byStatus: { open: 1, in_progress: 1, waiting: 1, done: 3 },
      byVerdict: { accurate: 1, false: 1, unverifiable: 1, needs_context: 1, none: 2 }
    })
    const first = story?.claims[0]
    expect(first).toMatchObject({
      verdictLabel: 'Accurate',
      statusLabel: 'Done',
      assignee: 'Jonas Berg',
      lastChangedBy: 'Jonas Berg',
      quote: 'a budget of $4.2 million'
    })
    expect(first?.before.endsWith('city council approved ')).toBe(true)
    expect(first?.after.startsWith(' on Tuesday')).toBe(true)
    expect(first?.evidence[0]?.source).toMatchObject({
      title: 'Riverton adopted budget 2026',
      archiveUrl: 'https://archive.example/web/2026/riverton-budget'
    })
  })

  it('uses the desk’s own verdict and status names', () => {
    const renamed = {
      ...settings,
      verdicts: settings.verdicts.map((e) => (e.id === 'false' ? { ...e, name: 'Pants on fire' } : e)),
      statuses: settings.statuses.map((e) => (e.id === 'done' ? { ...e, name: 'Signed off' } : e))
    }
    const claim = buildReport(sampleInput({ settings: renamed })).stories[0]?.claims[1]
    expect(claim).toMatchObject({ verdictLabel: 'Pants on fire', statusLabel: 'Signed off' })
  })

  it('follows the options: orphaned claims, excerpts and activity', () => {
    const lean = buildReport(
      sampleInput({
        options: { includeExcerpts: false, includeActivity: false, includeOrphaned: false, internal: false }
      })
    )
    const story = lean.stories[0]
    expect(story?.claims.some((c) => c.orphaned)).toBe(false)
    expect(story?.claims.flatMap((c) => c.evidence).every((e) => e.excerpt === null)).toBe(true)
    expect(story?.activity).toBeNull()
    expect(lean.totals.claims).toBe(5)
    const full = buildReport(sampleInput())
    expect(full.stories[0]?.claims.at(-1)).toMatchObject({ orphaned: true, quote: 'on Monday evening' })
    expect(full.stories[0]?.activity?.[1]).toMatchObject({ by: 'Jonas Berg', summary: 'Verdict set to Accurate' })
  })

  it('leaves out trashed and repeated stories, and carries only referenced sources and people', () => {
    const model = buildReport(
      sampleInput({
        stories: [budgetStory(), hostileStory(), budgetStory()],
        deletedStoryIds: new Set(['story-hostile'])
      })
    )
    expect(model.stories.map((s) => s.id)).toEqual(['story-budget'])
    expect(model.title).toBe('Verification report: Riverton council approves record budget')
    expect(model.sources.map((s) => s.id)).toEqual(['s-budget', 's-census', 's-interview'])
    expect(model.people.map((p) => p.id)).toEqual(['p-amira', 'p-jonas'])
  })
})
