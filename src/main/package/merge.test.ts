import { describe, expect, it } from 'vitest'
import type { Source, StoryFile } from '../../shared/model'
import { parsePackage, toPackage } from './json-package'
import { mergePackage } from './merge'
import { normaliseUrl } from './merge-sources'
import { buildReport } from '../reports/build'
import { at, budgetStory, people, sampleInput, sources } from '../reports/testing/sample-report'

const packageOf = (...stories: StoryFile[]) =>
  parsePackage(JSON.stringify(toPackage(buildReport(sampleInput({ stories })))))

describe('mergePackage', () => {
  it('changes nothing when the same package is imported twice', () => {
    const pkg = packageOf(budgetStory())
    const first = mergePackage(pkg, { stories: new Map(), sources: [], people: [] })
    const library = {
      stories: new Map(first.storiesToWrite.map((f) => [f.story.id, f])),
      sources: first.sourcesToAdd,
      people: first.peopleToAdd
    }
    const second = mergePackage(pkg, library)
    expect(second.storiesToWrite).toEqual([])
    expect(second.sourcesToAdd).toEqual([])
    expect(second.peopleToAdd).toEqual([])
    expect(second.counts).toEqual({
      stories: { added: 0, merged: 1 },
      claims: { added: 0, updated: 0, unchanged: 6 },
      sources: { added: 0, reused: 3 }
    })
  })

  it('takes newer claims, adds new ones, keeps older local ones and unions evidence, activity and comments', () => {
    const mine = budgetStory()
    const theirs = budgetStory()
    const largest = theirs.claims.find((c) => c.id === 'story-budget-largest')
    const growth = theirs.claims.find((c) => c.id === 'story-budget-growth')
    if (!largest || !growth) throw new Error('sample changed')
    Object.assign(largest, {
      verdict: 'misleading',
      updatedAt: at(90),
      comments: [{ id: 'cm-theirs', body: 'Agree.', by: 'p-amira', at: at(85) }]
    })
    Object.assign(growth, { verdict: 'false', updatedAt: at(1) }) // older than the library's: ignored
    mine.claims
      .find((c) => c.id === 'story-budget-largest')
      ?.comments.push({ id: 'cm-mine', body: 'Local note.', by: 'p-jonas', at: at(80) })
    theirs.claims.push({ ...largest, id: 'brand-new', updatedAt: at(95) })
    theirs.evidence.push({
      ...(theirs.evidence[0] as StoryFile['evidence'][number]),
      id: 'e-new',
      claimId: 'brand-new'
    })
    theirs.activity.push({ ...(theirs.activity[1] as StoryFile['activity'][number]), id: 'a-theirs', at: at(90) })
    const result = mergePackage(packageOf(theirs), { stories: new Map([[mine.story.id, mine]]), sources, people })
    expect(result.counts.claims).toEqual({ added: 1, updated: 1, unchanged: 5 })
    const merged = result.storiesToWrite[0]
    expect(merged?.claims.find((c) => c.id === 'story-budget-largest')).toMatchObject({ verdict: 'misleading' })
    expect(merged?.claims.find((c) => c.id === 'story-budget-largest')?.comments.map((c) => c.id)).toEqual([
      'cm-mine',
      'cm-theirs'
    ])
    expect(merged?.claims.find((c) => c.id === 'story-budget-growth')?.verdict).toBe('unverifiable')
    expect(merged?.evidence.map((e) => e.id)).toEqual(['e1', 'e2', 'e3', 'e4', 'e-new'])
    expect(merged?.activity.map((a) => a.id)).toEqual(['a1', 'a2', 'a-theirs'])
    expect(result.sourcesToAdd).toEqual([])
  })

  it('reuses a library source with the same document URL and points the evidence at it', () => {
    const local: Source = {
      ...(sources[0] as Source),
      id: 'local-budget',
      url: 'http://riverton.example/budget/2026/#top'
    }
    const result = mergePackage(packageOf(budgetStory()), { stories: new Map(), sources: [local], people: [] })
    expect(result.counts.sources).toEqual({ added: 2, reused: 1 })
    expect(result.sourcesToAdd.map((s) => s.id)).toEqual(['s-census', 's-interview'])
    const evidence = result.storiesToWrite[0]?.evidence ?? []
    expect(evidence.filter((e) => e.sourceId === 'local-budget').map((e) => e.id)).toEqual(['e1', 'e2'])
    expect(evidence.some((e) => e.sourceId === 's-budget')).toBe(false)
    expect(normaliseUrl('https://www.Riverton.example/budget/2026?utm_source=mail')).toBe(
      normaliseUrl('http://riverton.example/budget/2026/')
    )
    expect(normaliseUrl('https://x.example/a?id=1')).not.toBe(normaliseUrl('https://x.example/a?id=2'))
  })

  it('follows a newer revision of the story and orphans claims whose words moved', () => {
    const mine = budgetStory()
    const theirs = budgetStory()
    const text = `Update: ${theirs.story.text}`
    theirs.story = { ...theirs.story, text, revision: 2, updatedAt: at(100) }
    theirs.revisions.push({ revision: 2, text, createdAt: at(100), createdBy: 'p-jonas', note: 'Update added' })
    const merged = mergePackage(packageOf(theirs), { stories: new Map([[mine.story.id, mine]]), sources, people })
      .storiesToWrite[0]
    expect(merged?.story.revision).toBe(2)
    expect(merged?.revisions.map((r) => r.revision)).toEqual([1, 2])
    expect(merged?.claims.every((c) => c.orphaned)).toBe(true)
  })
})
