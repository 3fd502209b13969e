// A word set from its characters' glyphs and pair kerning (the plain path, pdf-words.ts) is what the
// font's full shaping gives: the same glyphs, kerning and width, for every word of the sample
// reports and for any word of accented Latin, Greek, Cyrillic, digits and punctuation; words the
// plain path must not set (ligatures, combining marks, right-to-left letters) go to the shaping.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import fc from 'fast-check'
import PDFDocument from 'pdfkit'
import { describe, expect, it } from 'vitest'
import { buildReport } from './build'
import { Words, type Face } from './pdf-words'
import { budgetStory, hostile, hostileStory, largeInput, sampleInput } from './testing/sample-report'

function words(): Words {
  const doc = new PDFDocument()
  doc.registerFont('regular', readFileSync(createRequire(__filename).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')))
  doc.font('regular')
  return new Words((doc as unknown as { _font: Face })._font)
}

/** Every word and run of spaces in the strings of a value. */
function tokensOf(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const t of value.match(/\S+|\s+/g) ?? []) into.add(t)
  else if (Array.isArray(value)) for (const v of value) tokensOf(v, into)
  else if (value && typeof value === 'object') for (const v of Object.values(value)) tokensOf(v, into)
  return into
}

describe('PDF words', () => {
  it('sets a plain word as the shaping does, and leaves the rest to the shaping', () => {
    const w = words()
    const all = tokensOf([
      buildReport(sampleInput({ stories: [budgetStory(), hostileStory()] })),
      buildReport(largeInput(2, 12, { activityPerClaim: 5, worked: true }))
    ])
    let plain = 0
    for (const token of all) {
      const p = w.plain(token)
      if (p === null) continue
      plain++
      // One font object, so the subset's glyph ids are the same on both paths.
      expect(p, token).toEqual(w.shaped(token))
    }
    expect(plain / all.size).toBeGreaterThan(0.9)
    for (const token of [
      'office',
      'fifty',
      'naïve\u0301',
      hostile.arabic.split(' ')[0]!,
      hostile.hebrew.split(' ')[0]!
    ])
      expect(w.plain(token), token).toBeNull()
  })

  it('sets any word of plain letters as the shaping does (property)', () => {
    const w = words()
    const letters = [
      ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      ...'åäöçéèêëßøłžñüÿÆŒœ',
      ...'αβγδεζηθικλμνξοπρστυφχψωάέήίόύώΑΒΓΔΩ',
      ...'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЖЯїєґ',
      ...'.,;:!?\'"()[]{}%$€£-–—/…«»“”‘’@#&*+=<>|~^_',
      'Ա',
      'ա'
    ]
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...letters), minLength: 1, maxLength: 14 }), (token) => {
        const p = w.plain(token)
        if (p !== null) expect(p, token).toEqual(w.shaped(token))
      }),
      {
        numRuns: Number(process.env.FACTDESK_PROPERTY_RUNS ?? 2000),
        seed: Number(process.env.FACTDESK_PROPERTY_SEED ?? 20261207)
      }
    )
  })
})
