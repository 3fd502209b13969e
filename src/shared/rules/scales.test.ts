// The desk's scales: any run of reorders, renames, retirements, new entries and colour changes keeps what
// every claim already given prints; edits that would lose an entry or a label, or a colour that does not
// read on both themes, are refused with invalid_input and change nothing.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { defaultSettings, defaultStatusScale, type Claim, type VerdictEdit, type VerdictScale } from '../model'
import { AppError } from '../result'
import { colourProblem } from './contrast'
import {
  applyStatusEdit,
  applyVerdictEdit,
  printedVerdict,
  reviewRating,
  stageOf,
  statusAsEdit,
  verdictAsEdit,
  verdictChoices
} from './scales'

const t0 = Date.parse('2026-12-01T09:00:00.000Z')
const iso = (step: number): string => new Date(t0 + step * 1000).toISOString()
const given = (verdict: string, at: string): Pick<Claim, 'verdict' | 'checked'> => ({
  verdict,
  checked: { exact: 'w', prefix: '', suffix: '', revision: 1, at, by: 'ed' }
})

function refusal(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected a refusal')
}

const readable = ['#2b9a66', '#dc6a1c', '#e5484d', '#80838d', '#3e63dd', '#8e4ec6']
const unreadable = ['#ffffff', '#fafafa', '#000000', '#111111', '#ffff00', '#202020']

/** One step of a run: an editor gives a verdict, or the settings screen sends an edit (some to be refused). */
type Step =
  | { kind: 'give'; pick: number }
  | { kind: 'rename'; pick: number; name: string }
  | { kind: 'retire'; pick: number }
  | { kind: 'move'; from: number; to: number }
  | { kind: 'add'; name: string; colour: string }
  | { kind: 'colour'; pick: number; colour: string }
  | { kind: 'drop'; pick: number }

const names = fc.constantFrom('Missing context', 'False', 'Half true', 'Accurate', 'Satire', 'Mostly false')
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('give' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), pick: fc.nat(), name: names }),
  fc.record({ kind: fc.constant('retire' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('add' as const), name: names, colour: fc.constantFrom(...readable, ...unreadable) }),
  fc.record({
    kind: fc.constant('colour' as const),
    pick: fc.nat(),
    colour: fc.constantFrom(...readable, ...unreadable)
  }),
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() })
)

function editFor(scale: VerdictScale, s: Exclude<Step, { kind: 'give' }>): VerdictEdit[] {
  const edit = scale.map(verdictAsEdit)
  const at = (n: number): number => n % edit.length
  switch (s.kind) {
    case 'rename':
      edit[at(s.pick)] = { ...edit[at(s.pick)]!, name: s.name }
      return edit
    case 'retire': {
      const e = edit[at(s.pick)]!
      edit[at(s.pick)] = { ...e, retired: !e.retired }
      return edit
    }
    case 'move': {
      const [moved] = edit.splice(at(s.from), 1)
      edit.splice(s.to % (edit.length + 1), 0, moved!)
      return edit
    }
    case 'add':
      return [...edit, { name: s.name, colour: s.colour, retired: false, rating: edit[0]!.rating }]
    case 'colour':
      edit[at(s.pick)] = { ...edit[at(s.pick)]!, colour: s.colour }
      return edit
    case 'drop':
      return edit.filter((_, i) => i !== at(s.pick))
  }
}

describe('the verdict scale', () => {
  it('keeps every given verdict’s printed label through any run of edits, and refuses the edits that would lose one (property)', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        let scale = defaultSettings.verdicts
        const printed: { claim: Pick<Claim, 'verdict' | 'checked'>; label: string }[] = []
        steps.forEach((s, i) => {
          const now = iso(i + 1)
          if (s.kind === 'give') {
            const offered = verdictChoices({ verdicts: scale })
            const claim = given(offered[s.pick % offered.length]!.id, now)
            printed.push({ claim, label: printedVerdict({ verdicts: scale }, claim) })
            return
          }
          const edit = editFor(scale, s)
          const before = scale
          try {
            scale = applyVerdictEdit(scale, edit, now)
          } catch (error) {
            // Refused only for a reason the rules name: a lost entry, two names alike, none left, a colour.
            expect(error).toBeInstanceOf(AppError)
            expect((error as AppError).code).toBe('invalid_input')
            const lost = before.some((b) => !edit.some((e) => e.id === b.id))
            const active = edit.filter((e) => !e.retired).map((e) => e.name.toLowerCase())
            const clash = new Set(active).size !== active.length
            const changed = edit.filter((e) => before.find((b) => b.id === e.id)?.colour !== e.colour)
            const badColour = changed.some((e) => colourProblem(e.colour) !== null)
            expect(lost || clash || active.length === 0 || badColour).toBe(true)
          }
          // No entry is ever lost, so nothing given can lose its name.
          for (const b of before) expect(scale.some((e) => e.id === b.id)).toBe(true)
          for (const p of printed) expect(printedVerdict({ verdicts: scale }, p.claim)).toBe(p.label)
        })
      }),
      { numRuns: 300, seed: 20261207 }
    )
  })

  it('names a renamed verdict as it was called when given, and the new name from then on', () => {
    const before = given('needs_context', iso(1))
    const renamed = applyVerdictEdit(
      defaultSettings.verdicts,
      defaultSettings.verdicts.map((e) =>
        verdictAsEdit(e.id === 'needs_context' ? { ...e, name: 'Missing context' } : e)
      ),
      iso(2)
    )
    expect(printedVerdict({ verdicts: renamed }, before)).toBe('Needs context')
    expect(printedVerdict({ verdicts: renamed }, given('needs_context', iso(3)))).toBe('Missing context')
    expect(renamed.find((e) => e.id === 'needs_context')?.formerNames).toEqual([
      { name: 'Needs context', until: iso(2) }
    ])
  })

  it('gives a new verdict an id from its name, never a reserved word or a taken id', () => {
    const edit = [
      ...defaultSettings.verdicts.map(verdictAsEdit),
      { name: 'False', colour: '#8e4ec6', retired: true, rating: defaultSettings.verdicts[0]!.rating },
      { name: 'None', colour: '#8e4ec6', retired: true, rating: defaultSettings.verdicts[0]!.rating },
      { name: '3 Pinocchios', colour: '#8e4ec6', retired: false, rating: defaultSettings.verdicts[0]!.rating }
    ]
    const scale = applyVerdictEdit(defaultSettings.verdicts, edit, iso(1))
    expect(scale.slice(-3).map((e) => e.id)).toEqual(['false_2', 'none_verdict', 'v_3_pinocchios'])
  })

  it('refuses a colour that does not read on both themes, saying which and how', () => {
    for (const colour of unreadable) {
      const edit = defaultSettings.verdicts.map(verdictAsEdit)
      edit[0] = { ...edit[0]!, colour }
      const error = refusal(() => applyVerdictEdit(defaultSettings.verdicts, edit, iso(1)))
      expect(error.code).toBe('invalid_input')
      expect(error.message).toMatch(
        /The colour of “Accurate”: #[0-9a-f]{6} is too (light|dark) to read on the (light|dark) theme: [\d.]+:1 against its background, where WCAG AA asks 3:1/
      )
    }
    expect(colourProblem('#ffffff')).toMatch(/too light to read on the light theme/)
    expect(colourProblem('#000000')).toMatch(/too dark to read on the dark theme/)
  })

  it('maps a verdict to the desk’s ClaimReview rating, named as printed unless it sets a name', () => {
    const edit = defaultSettings.verdicts.map(verdictAsEdit)
    edit.push({
      name: 'Missing context',
      colour: '#8e4ec6',
      retired: false,
      rating: { ratingValue: 2, bestRating: 7, worstRating: 0, alternateName: '' }
    })
    const verdicts = applyVerdictEdit(defaultSettings.verdicts, edit, iso(1))
    expect(reviewRating({ verdicts }, 'missing_context', 'Missing context')).toEqual({
      ratingValue: 2,
      bestRating: 7,
      worstRating: 0,
      alternateName: 'Missing context'
    })
    expect(reviewRating({ verdicts }, 'unverifiable', 'Unverifiable')).toEqual({
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Unverifiable'
    })
  })
})

describe('the statuses', () => {
  it('put a new status in the stage it was added at, which the rules read from its id', () => {
    const edit = [
      ...defaultStatusScale.map(statusAsEdit),
      { name: 'Legal review', stage: 'in_progress' as const, colour: '#8e4ec6', retired: false },
      { name: 'Published', stage: 'done' as const, colour: '#2b9a66', retired: false }
    ]
    const statuses = applyStatusEdit(defaultStatusScale, edit, iso(1))
    expect(statuses.slice(-2).map((e) => e.id)).toEqual(['in_progress:legal_review', 'done:published'])
    expect(statuses.map((e) => stageOf(e.id))).toEqual([
      'open',
      'in_progress',
      'waiting',
      'done',
      'in_progress',
      'done'
    ])
  })

  it('refuses to move a status to another stage, to leave a stage with none in use, or to drop one', () => {
    const edit = defaultStatusScale.map(statusAsEdit)
    expect(
      refusal(() =>
        applyStatusEdit(
          defaultStatusScale,
          edit.map((e) => (e.id === 'waiting' ? { ...e, stage: 'done' } : e)),
          iso(1)
        )
      ).message
    ).toMatch(/keeps its stage/)
    expect(
      refusal(() =>
        applyStatusEdit(
          defaultStatusScale,
          edit.map((e) => (e.id === 'done' ? { ...e, retired: true } : e)),
          iso(1)
        )
      ).message
    ).toMatch(/at least one status in use at the “Done” stage/)
    expect(refusal(() => applyStatusEdit(defaultStatusScale, edit.slice(1), iso(1))).message).toMatch(
      /cannot be removed/
    )
  })
})
