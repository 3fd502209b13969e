import { describe, expect, it } from 'vitest'
import { defaultClaimFields, type Claim, type Evidence, type Source } from '../../../shared/model'
import { countByStatus, filterClaims, noFilter, progressOf, step } from './claim-filters'

const claim = (id: string, over: Partial<Claim> = {}): Claim => ({
  id,
  storyId: 's',
  number: 1,
  checked: null,
  recheck: null,
  contacts: [],
  reviews: [],
  anchor: {
    part: 'body',
    quote: { type: 'TextQuoteSelector', exact: `words of ${id}`, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 5 },
    revision: 1
  },
  orphaned: false,
  ...defaultClaimFields,
  comments: [],
  createdAt: '2026-01-01T00:00:00.000Z',
  createdBy: 'p',
  updatedAt: '2026-01-01T00:00:00.000Z',
  updatedBy: 'p',
  ...over
})

const claims = [
  claim('a', { status: 'done', verdict: 'false', type: 'statistic', assignee: 'ann' }),
  claim('b', { status: 'in_progress', orphaned: true }),
  claim('c', { status: 'done', verdict: 'accurate', speaker: 'Mark Rutte' }),
  claim('d')
]
const evidence = [{ claimId: 'a' }, { claimId: 'c' }] as Evidence[]
const ids = (list: Claim[]) => list.map((c) => c.id)

describe('filterClaims', () => {
  it('keeps everything with no filter', () => {
    expect(ids(filterClaims(claims, evidence, noFilter))).toEqual(['a', 'b', 'c', 'd'])
  })
  it('filters by status, verdict (including none), type and assignee', () => {
    expect(ids(filterClaims(claims, evidence, { ...noFilter, status: 'done' }))).toEqual(['a', 'c'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, verdict: 'none' }))).toEqual(['b', 'd'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, verdict: 'false' }))).toEqual(['a'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, type: 'statistic' }))).toEqual(['a'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, assignee: 'none' }))).toEqual(['b', 'c', 'd'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, assignee: 'ann' }))).toEqual(['a'])
  })
  it('finds claims with no evidence yet, orphans, and words', () => {
    expect(ids(filterClaims(claims, evidence, { ...noFilter, noEvidence: true }))).toEqual(['b', 'd'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, orphaned: true }))).toEqual(['b'])
    expect(ids(filterClaims(claims, evidence, { ...noFilter, query: 'rutte' }))).toEqual(['c'])
  })
  it('searches rationale, comments, evidence excerpts and source titles too', () => {
    const worked = [
      claim('r', { rationale: 'The CDC figures disagree.' }),
      claim('m', {
        comments: [{ id: 'x', body: 'Call the ministry press office', by: 'p', at: '2026-01-01T00:00:00.000Z' }]
      }),
      claim('e'),
      claim('s')
    ]
    const sources = [
      {
        id: 'src',
        title: 'Centers for Disease Control weekly report',
        publisher: 'CDC',
        url: '',
        archiveUrl: 'https://web.archive.org/web/2026/cdc.gov'
      }
    ] as Source[]
    const found = [
      { claimId: 'e', sourceId: 'none', excerpt: 'Table 4 shows 12 percent', locator: '' },
      { claimId: 's', sourceId: 'src', excerpt: '', locator: '' }
    ] as Evidence[]
    const search = (query: string) => ids(filterClaims(worked, found, { ...noFilter, query }, sources))
    expect(search('cdc')).toEqual(['r', 's'])
    expect(search('press office')).toEqual(['m'])
    expect(search('table 4')).toEqual(['e'])
    expect(search('disease control')).toEqual(['s'])
    expect(search('web.archive.org')).toEqual(['s'])
  })
  it('finds verdicts waiting for re-check, and a claim by its number', () => {
    const waiting = claim('e', {
      number: 7,
      status: 'done',
      verdict: 'misleading',
      recheck: { reason: 'revised', at: '2026-01-02T00:00:00.000Z', revision: 2 }
    })
    expect(ids(filterClaims([...claims, waiting], evidence, { ...noFilter, recheck: true }))).toEqual(['e'])
    expect(ids(filterClaims([...claims, waiting], evidence, { ...noFilter, query: 'c7' }))).toEqual(['e'])
  })
})

describe('counts and progress', () => {
  it('counts by status and reads progress as done over all', () => {
    const counts = countByStatus(claims)
    expect(counts).toEqual({ open: 1, in_progress: 1, waiting: 0, done: 2 })
    expect(progressOf(counts)).toEqual({ done: 2, total: 4, ratio: 0.5 })
    expect(progressOf(countByStatus([])).ratio).toBe(0)
  })
})

describe('step', () => {
  it('moves through the list and stops at the ends', () => {
    expect(step(['a', 'b', 'c'], null, 1)).toBe('a')
    expect(step(['a', 'b', 'c'], null, -1)).toBe('c')
    expect(step(['a', 'b', 'c'], 'b', 1)).toBe('c')
    expect(step(['a', 'b', 'c'], 'c', 1)).toBe('c')
    expect(step(['a', 'b', 'c'], 'a', -1)).toBe('a')
    expect(step([], 'a', 1)).toBeNull()
  })
})
