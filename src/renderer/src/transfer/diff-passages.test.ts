import { diffWords } from 'diff'
import { describe, expect, it } from 'vitest'
import { changedPassages } from './diff-passages'

describe('changedPassages', () => {
  it('shows two edits far apart in a long text as two short passages with context', () => {
    const filler = (n: number) => Array.from({ length: n }, (_, i) => `word${i}`).join(' ')
    const before = `Start here. ${filler(2000)} The rate was 12 percent. ${filler(2000)} The end came in May.`
    const after = `Start here. ${filler(2000)} The rate was 12.5 percent. ${filler(2000)} The end came in June.`
    const passages = changedPassages(diffWords(before, after), 40)
    expect(passages).toHaveLength(2)
    const newText = (i: number) =>
      passages[i]!.before +
      passages[i]!.parts.filter((p) => p.kind !== 'removed')
        .map((p) => p.text)
        .join('') +
      passages[i]!.after
    expect(newText(0)).toContain('The rate was 12.5 percent.')
    expect(newText(1)).toContain('The end came in June')
    expect(passages[0]!.before.startsWith('…')).toBe(true)
    expect(passages[0]!.before.length).toBeLessThanOrEqual(41)
    const shown = passages.map((p) => p.before + p.parts.map((x) => x.text).join('') + p.after).join('').length
    expect(shown).toBeLessThan(400)
  })
  it('keeps nearby edits in one passage and returns none for equal texts', () => {
    expect(changedPassages(diffWords('one two three four', 'one 2 three 4'), 40)).toHaveLength(1)
    expect(changedPassages(diffWords('same text', 'same text'))).toEqual([])
  })
})
