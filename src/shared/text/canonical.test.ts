import { describe, expect, it } from 'vitest'
import { canonicalText, paragraphs } from './canonical'

describe('canonicalText', () => {
  it('joins wrapped lines, separates paragraphs by one blank line and trims', () => {
    expect(canonicalText('  First line\r\nwraps here.\r\n\r\n\r\n\tSecond\u00A0 paragraph.  \n')).toBe(
      'First line wraps here.\n\nSecond paragraph.'
    )
  })

  it('drops invisible characters but keeps every visible one', () => {
    expect(canonicalText('Zero\u200Bwidth\u0000 and “quotes” — 3.5% ✓ مرحبا')).toBe(
      'Zerowidth and “quotes” — 3.5% ✓ مرحبا'
    )
  })

  it('is stable: canonical text is already canonical', () => {
    const once = canonicalText('A\n\n\nB\nC\u2029D')
    expect(canonicalText(once)).toBe(once)
    expect(once).toBe('A\n\nB C\n\nD')
  })

  it('makes each bulleted line its own paragraph', () => {
    expect(
      canonicalText(
        'Global response:\n  • EU: sanctions.\n  • Japan: guarantees\n    still undecided.\n- NATO: meeting.'
      )
    ).toBe('Global response:\n\n• EU: sanctions.\n\n• Japan: guarantees still undecided.\n\n- NATO: meeting.')
  })

  it('gives paragraph offsets', () => {
    const text = 'One.\n\nTwo two.'
    expect(paragraphs(text).map((p) => text.slice(p.start, p.end))).toEqual(['One.', 'Two two.'])
    expect(paragraphs('')).toEqual([])
  })
})
