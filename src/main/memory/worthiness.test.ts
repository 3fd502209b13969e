import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { DIMENSIONS, encodeWeights, featurize, reasonFor, WorthinessModel } from './worthiness'

const shipped = JSON.parse(readFileSync(path.resolve(__dirname, '../../../resources/checkworthy-model.json'), 'utf8')) as Record<string, unknown>

describe('check-worthiness model', () => {
  it('loads the shipped weights and ranks a factual claim above small talk', () => {
    const model = WorthinessModel.fromFile(shipped)
    const claim = model.score('Unemployment fell to 3.5 percent in 2019, the lowest rate in fifty years.')
    const talk = model.score('Thank you all for coming tonight.')
    expect(claim).toBeGreaterThan(model.threshold)
    expect(talk).toBeLessThan(model.threshold)
    expect(claim).toBeGreaterThan(talk)
  })

  it('refuses a damaged model file with a clear code', () => {
    expect(() => WorthinessModel.fromFile({ ...shipped, weights: 'AAAA' })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => WorthinessModel.fromFile({ kind: 'something else' })).toThrow(expect.objectContaining({ code: 'invalid_input' }))
  })

  it('round-trips weights through the int8 file format', () => {
    const weights = new Float32Array(DIMENSIONS)
    const f = featurize('Exports rose 12 percent in March.')
    f.index.forEach((i, k) => (weights[i] = k % 2 ? 0.5 : -0.25))
    const model = WorthinessModel.fromFile({ ...shipped, ...encodeWeights(weights), threshold: 0.5 })
    const direct = WorthinessModel.fromWeights(weights, 0.5)
    expect(model.score('Exports rose 12 percent in March.')).toBeCloseTo(direct.score('Exports rose 12 percent in March.'), 2)
  })

  it('gives a short reason from the cues a sentence carries', () => {
    expect(reasonFor('No new aid packages since January.')).toBe('time-bound, an absence claim')
    expect(reasonFor('Exports were higher than in 2019, according to the ministry.')).toBe('a figure, a comparison, a named source')
  })
})
