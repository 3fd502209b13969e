import { describe, expect, it } from 'vitest'
import { ClaimIndex, differ } from './matcher'
import { evaluateMatching, matchingEvalSet } from './testing/matching-eval'

const index = (texts: string[]) => {
  const i = new ClaimIndex()
  texts.forEach((text, n) => i.upsert({ key: `s/${n}`, storyId: 's', claimId: `${n}`, text }))
  return i
}

describe('claim index', () => {
  const claims = [
    'The US sent $60 billion in aid to Ukraine in 2023.',
    'Crime in the city fell by 10 percent last year.',
    'The minister opened a new hospital in Leeds.'
  ]

  it('finds the same claim written differently, and nothing for an unrelated one', () => {
    const i = index(claims)
    expect(i.lookup('In 2023 the United States sent sixty billion dollars of aid to Ukraine')[0]?.key).toBe('s/0')
    expect(i.lookup('Wheat harvests were poor in Argentina')).toEqual([])
  })

  it('ranks a negated or changed-figure variant below the true match, and does not show it', () => {
    const i = index(claims)
    expect(i.lookup('Crime in the city did not fall last year')).toEqual([])
    expect(i.lookup('Crime in the city fell by 20 percent last year')).toEqual([])
    const all = i.lookup('Crime in the city fell by 20 percent last year', { all: true })
    expect(all[0]).toMatchObject({ key: 's/1', figuresDiffer: true })
    expect(all[0]!.score).toBeLessThan(i.lookup('Crime in the city fell 10% last year')[0]!.score)
  })

  it('follows claims being changed and removed', () => {
    const i = index(claims)
    i.upsert({ key: 's/1', storyId: 's', claimId: '1', text: 'Rents in the city rose by 8 percent last year.' })
    expect(i.lookup('Crime in the city fell by 10 percent last year')).toEqual([])
    expect(i.lookup('City rents rose 8% last year')[0]?.key).toBe('s/1')
    i.removeStory('s')
    expect(i.size).toBe(0)
    expect(i.lookup('City rents rose 8% last year')).toEqual([])
  })

  it('tells a swapped figure from one left out', () => {
    expect(differ([4.5, 2019], [3.5, 2019])).toBe(true)
    expect(differ([3.5], [3.5, 2019])).toBe(false)
    expect(differ([2021], [2020])).toBe(true)
    expect(differ([7_600_000], [7_612_000])).toBe(false)
    expect(differ([7_600_000], [6_700_000])).toBe(true)
  })

  it('meets its targets on the committed evaluation set', () => {
    const result = evaluateMatching(matchingEvalSet())
    expect(result.positives).toBeGreaterThanOrEqual(75)
    expect(result.recallAt5).toBeGreaterThanOrEqual(0.9)
    expect(result.negativesKeptOut).toBeGreaterThanOrEqual(0.9)
  })
})
