// `npm run bench -- <names>`: a name is matched whole, `name*` is a prefix, an unknown name is refused.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { selectBenches } from './select'

const names = ['desk', 'desk-sync', 'memory', 'memory-lookup', 'memory-archive', 'store', 'store-vs-sqlite']

describe('choosing benchmarks', () => {
  it('runs exactly the benchmark named, never the others whose names contain it', () => {
    expect(selectBenches(names, ['desk'])).toEqual(['desk'])
    expect(selectBenches(names, ['memory'])).toEqual(['memory'])
    expect(selectBenches(names, ['store', 'desk-sync'])).toEqual(['desk-sync', 'store'])
  })

  it('runs every benchmark starting with a name that ends in *', () => {
    expect(selectBenches(names, ['memory*'])).toEqual(['memory', 'memory-lookup', 'memory-archive'])
    expect(selectBenches(names, ['desk*'])).toEqual(['desk', 'desk-sync'])
  })

  it('runs all with no names, and refuses a name that matches none, listing the names', () => {
    expect(selectBenches(names, [])).toEqual(names)
    expect(() => selectBenches(names, ['desks'])).toThrow(/No benchmark is called "desks".*desk, desk-sync/)
  })

  it('for any choice of exact names: those and only those run, in the modules’ order', () => {
    fc.assert(
      fc.property(fc.subarray(names, { minLength: 1 }), fc.boolean(), (chosen, reversed) => {
        const asked = reversed ? [...chosen].reverse() : chosen
        expect(selectBenches(names, asked)).toEqual(names.filter((n) => chosen.includes(n)))
      })
    )
  })
})
