import fc from 'fast-check'
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

  it('finds the same claim written differently, and nothing for one sharing no words', () => {
    const i = index(claims)
    expect(i.lookup('In 2023 the United States sent sixty billion dollars of aid to Ukraine')[0]?.key).toBe('s/0')
    expect(i.lookup('Wheat harvests were poor in Argentina')).toEqual([])
  })

  it('shows a negated or changed-figure variant flagged, never strong, below the true match', () => {
    const i = index(claims)
    const negated = i.lookup('Crime in the city did not fall last year')[0]
    expect(negated).toMatchObject({ key: 's/1', negationDiffers: true })
    expect(negated!.band).not.toBe('strong')
    const changed = i.lookup('Crime in the city fell by 20 percent last year')[0]
    expect(changed).toMatchObject({ key: 's/1', figuresDiffer: true })
    expect(changed!.band).not.toBe('strong')
    const same = i.lookup('Crime in the city fell 10% last year')[0]
    expect(same).toMatchObject({ key: 's/1', figuresDiffer: false, negationDiffers: false })
    expect(changed!.score).toBeLessThan(same!.score)
  })

  it('never hides the top candidates: up to five, strongest first, each with a band', () => {
    const i = index([...claims, 'Crime in the county fell sharply.', 'Crime rose in the city centre in 2021.'])
    const found = i.lookup('Did crime fall in the city?')
    expect(found.length).toBeGreaterThanOrEqual(3)
    expect(found.map((m) => m.score)).toEqual([...found.map((m) => m.score)].sort((a, b) => b - a))
    for (const m of found) expect(['strong', 'possible', 'weak']).toContain(m.band)
  })

  it('uses the encoder once the query and every claim are embedded, and not before', () => {
    const i = index(claims)
    const unit = (n: number) => Float32Array.from({ length: 4 }, (_, k) => (k === n ? 1 : 0))
    expect(i.lookup('Crime in the city fell', { queryVector: unit(1) })[0]?.cosine).toBeNull()
    claims.forEach((_, n) => i.setVector(`s/${n}`, unit(n)))
    const ranked = i.lookup('Crime in the city fell', { queryVector: unit(1) })
    expect(ranked[0]).toMatchObject({ key: 's/1', cosine: 1 })
    // The cosine re-ranks the candidates only: a claim sharing no words with the query is not scanned for.
    expect(i.lookup('Crime in the city fell', { queryVector: unit(2) }).map((m) => m.key)).not.toContain('s/2')
  })

  it('takes cosines at unit length whatever the length of the vectors it is given', () => {
    const i = index(claims)
    claims.forEach((_, n) =>
      i.setVector(
        `s/${n}`,
        Float32Array.from({ length: 4 }, (_, k) => (k === n ? 3 : 0))
      )
    )
    const [top] = i.lookup('Crime in the city fell', { queryVector: Float32Array.from([0, 0.5, 0, 0]) })
    expect(top).toMatchObject({ key: 's/1' })
    expect(top!.cosine).toBeCloseTo(1, 6)
  })

  it('scores candidates after any order of adds, changes and removals exactly as a fresh index of what is left', () => {
    const pool = [
      'Crime in the city fell by 10 percent last year',
      'The city council spent 4 million on the stadium roof',
      'Crime rose in the city after the police budget was cut',
      'The stadium roof leaked in the first city storm',
      'Unemployment in the city fell to 3 percent',
      'The council cut the police budget by 10 percent'
    ]
    const queries = ['crime in the city fell', 'stadium roof council', 'police budget cut 10 percent', 'city']
    const op = fc.record({ remove: fc.boolean(), key: fc.nat(7), text: fc.nat(pool.length - 1) })
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const i = new ClaimIndex()
        const left = new Map<string, string>()
        for (const { remove, key, text } of ops) {
          const k = `s/${key}`
          if (remove) {
            i.remove(k)
            left.delete(k)
          } else {
            i.upsert({ key: k, storyId: 's', claimId: `${key}`, text: pool[text] as string })
            left.set(k, pool[text] as string)
          }
        }
        const fresh = new ClaimIndex()
        for (const [k, text] of left) fresh.upsert({ key: k, storyId: 's', claimId: k.slice(2), text })
        for (const q of queries) {
          const scores = (index: ClaimIndex) =>
            Object.fromEntries(index.candidates(q).map((c) => [c.key, Math.round(c.bm25 * 1e6) / 1e6]))
          // Removed or replaced claims leave nothing behind that moves another claim's score.
          expect(scores(i), q).toEqual(scores(fresh))
        }
      }),
      { numRuns: 300 }
    )
  })

  it('knows whether every claim is embedded through any order of adds, vectors, changes and removals', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('upsert' as const), n: fc.nat(5) }),
      fc.record({ kind: fc.constant('vector' as const), n: fc.nat(5) }),
      fc.record({ kind: fc.constant('remove' as const), n: fc.nat(5) }),
      fc.record({ kind: fc.constant('story' as const), n: fc.nat(1) })
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const i = new ClaimIndex()
        // The model: which keys are there, and which of them have a vector.
        const vectors = new Map<string, boolean>()
        for (const { kind, n } of ops) {
          const story = `s${n % 2}`
          const key = `${story}/${n}`
          if (kind === 'upsert') {
            i.upsert({ key, storyId: story, claimId: `${n}`, text: `claim number ${n} about crime` })
            vectors.set(key, false)
          } else if (kind === 'vector') {
            i.setVector(key, Float32Array.from([1, n]))
            if (vectors.has(key)) vectors.set(key, true)
          } else if (kind === 'remove') {
            i.remove(key)
            vectors.delete(key)
          } else {
            i.removeStory(`s${n}`)
            for (const k of [...vectors.keys()]) if (k.startsWith(`s${n}/`)) vectors.delete(k)
          }
          expect(i.allEmbedded).toBe([...vectors.values()].every(Boolean))
          expect(
            i
              .unembedded()
              .map((c) => c.key)
              .sort()
          ).toEqual(
            [...vectors]
              .filter(([, v]) => !v)
              .map(([k]) => k)
              .sort()
          )
        }
      })
    )
  })

  it('follows claims being changed and removed', () => {
    const i = index(claims)
    i.upsert({ key: 's/1', storyId: 's', claimId: '1', text: 'Rents in the city rose by 8 percent last year.' })
    const old = i.lookup('Crime in the city fell by 10 percent last year').find((m) => m.key === 's/1')
    expect(old === undefined || old.figuresDiffer).toBe(true)
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
    expect(result.negativesFlagged).toBeGreaterThanOrEqual(0.9)
  })
})
