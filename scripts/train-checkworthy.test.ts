// The trainer's combination step: the folds and the small logistic regression it fits on out-of-fold
// probabilities (the data itself is never read by tests).
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sigmoid } from '../src/main/memory/worthiness'
import { scoresAt } from './checkworthy-data'
import { blockedFolds, FOLDS, fitHead, thresholdOnNewest } from './train-checkworthy'

describe('blocked folds', () => {
  it('cut the rows, in id order, into FOLDS runs of consecutive ids of nearly equal size', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 1e6 }), { minLength: FOLDS, maxLength: 400 }), (ids) => {
        const rows = ids.map((id) => ({ id, text: `s${id}`, yes: id % 3 === 0 }))
        const fold = blockedFolds(rows)
        const sizes = Array.from({ length: FOLDS }, (_, k) => fold.filter((f) => f === k).length)
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1)
        for (let k = 0; k + 1 < FOLDS; k++) {
          const newest = Math.max(...rows.filter((_, i) => fold[i] === k).map((r) => r.id))
          const oldestNext = Math.min(...rows.filter((_, i) => fold[i] === k + 1).map((r) => r.id))
          expect(newest).toBeLessThan(oldestNext)
        }
      })
    )
  })
})

describe('the combination head', () => {
  it('recovers the weights of a logistic model from rows drawn from it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: 2, maxLength: 4 }),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (truth, seed) => {
          // A small deterministic generator, so a failure replays from fast-check's seed.
          let state = seed
          const random = () => {
            state = (Math.imul(state, 1103515245) + 12345) >>> 0
            return state / 2 ** 32
          }
          const x: number[][] = []
          const labels: boolean[] = []
          for (let r = 0; r < 6000; r++) {
            const row = truth.slice(1).map(() => random() * 6 - 3)
            const z = row.reduce((s, v, i) => s + v * (truth[i + 1] as number), truth[0] as number)
            x.push(row)
            labels.push(random() < sigmoid(z))
          }
          const fitted = fitHead(x, labels, 1e-6)
          fitted.forEach((w, i) => expect(Math.abs(w - (truth[i] as number))).toBeLessThan(0.35))
        }
      ),
      { numRuns: 15 }
    )
  })
})

describe('the threshold rule', () => {
  it('reads only the newest fold: anything done to the older folds leaves the threshold as it is', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean()), {
          minLength: FOLDS * 4,
          maxLength: 300
        }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 300, maxLength: 300 }),
        (rows, noise) => {
          const data = rows.map(([, yes], id) => ({ id, text: `s${id}`, yes }))
          const fold = blockedFolds(data)
          const probs = rows.map(([p]) => p)
          const chosen = thresholdOnNewest(probs, data, fold)
          // The older folds' probabilities and labels replaced at random.
          const otherProbs = probs.map((p, i) => (fold[i] === FOLDS - 1 ? p : (noise[i] as number)))
          const otherData = data.map((d, i) => (fold[i] === FOLDS - 1 ? d : { ...d, yes: (noise[i] as number) < 0.5 }))
          expect(thresholdOnNewest(otherProbs, otherData, fold)).toEqual(chosen)
          // And it is the best threshold for the newest fold on its own.
          const newest = data.map((_, i) => i).filter((i) => fold[i] === FOLDS - 1)
          for (let t = 10; t <= 90; t++)
            expect(
              scoresAt(
                newest.map((i) => probs[i] as number),
                newest.map((i) => data[i]!),
                t / 100
              ).f1
            ).toBeLessThanOrEqual(chosen.f1 + 1e-12)
        }
      )
    )
  })
})
