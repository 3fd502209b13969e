// Words as an embedded font draws them in the PDF report: each word's glyphs (as the operand of a
// TJ operator, subset glyph ids in hex with the font's kerning between them) and its width, laid
// out once per font and kept. Laying a word out with the font's full shaping (fontkit: script,
// substitutions, positioning) costs some 10 µs a glyph, and a 1,000-claim report holds thousands of
// distinct words, so a word of plain letters (Latin, Greek, Cyrillic, Armenian, digits, punctuation)
// is set from its characters' glyphs and the kerning of each pair of neighbours, each pair shaped
// once. That is what the full shaping gives whenever every pair of neighbours comes out as its two
// glyphs unchanged; a word with a pair that does not (a ligature such as "fi", a combining mark) is
// shaped whole. pdf-words.test.ts holds the two to the same glyphs and widths.

/** pdfkit's embedded (subset) font, as far as the PDF writer uses it. */
export interface Face {
  id: string
  ascender: number
  /** 1000 / the font's units per em. */
  scale: number
  font: FontkitFont
  subset: { includeGlyph(id: number): number }
  widths: number[]
  unicode: number[][]
  encode(text: string): [string[], { xAdvance: number; advanceWidth: number; xOffset: number; yOffset: number }[]]
  /** pdfkit's layout of a word, kept per word (encode of the same word reads it again). */
  layout(text: string): { glyphs: { id: number; codePoints: number[] }[] }
  ref(): unknown
}

/** fontkit's font, as far as this module uses it. */
export interface FontkitFont {
  glyphForCodePoint(codePoint: number): { id: number; advanceWidth: number; codePoints: number[] }
  layout(
    text: string,
    features?: string[],
    script?: string
  ): {
    glyphs: { id: number; advanceWidth: number }[]
    positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number }[]
  }
}

/**
 * A word as drawn: `tj` is the inside of a TJ array (hex glyph strings and the kerning between them,
 * without the outer `<` and `>`, so the words of a line join into one string); null when the font
 * moves a glyph off the line (a combining mark it places), which only pdfkit's own text call draws.
 * `width` is at 1 pt.
 */
export interface Word {
  tj: string | null
  width: number
  /**
   * The characters the font cannot show in this word: drawn as its missing glyph (an empty box), or
   * taken into a glyph that does not carry them (a skin-tone modifier a monochrome emoji drops); ''
   * when it shows them all. Default ignorables (joiners, variation selectors, tags) never count.
   */
  lost: string
}

/** Characters that are never drawn on their own: a font need not show them. */
const ignorable = /\p{Default_Ignorable_Code_Point}/u

/** Characters the plain path may set: no combining marks, no bidi controls, no joiners, no default ignorables. */
const plainText =
  /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0482\u048a-\u058f\u2010-\u2027\u2030-\u205e\u20a0-\u20c0]+$/

/** The OpenType script fontkit shapes a plain word in: that of its first letter with a script, else unknown. */
function scriptOf(word: string): string {
  const m = /\p{Script=Latin}|\p{Script=Greek}|\p{Script=Cyrillic}|\p{Script=Armenian}/u.exec(word)
  if (!m) return 'zzzz'
  const c = m[0]
  return /\p{Script=Latin}/u.test(c)
    ? 'latn'
    : /\p{Script=Greek}/u.test(c)
      ? 'grek'
      : /\p{Script=Cyrillic}/u.test(c)
        ? 'cyrl'
        : 'armn'
}

interface Glyph {
  /** The subset glyph id in hex, four digits. */
  hex: string
  /** Advance in font units. */
  advance: number
}

export class Words {
  private readonly words = new Map<string, Word>()
  /** Per script, per character: its glyph when the font sets it alone as itself, null when it does not. */
  private readonly glyphs = new Map<string, Map<number, Glyph | null>>()
  /** Per script, per pair of characters: the first one's advance beside the second, null when the pair is not plain. */
  private readonly pairs = new Map<string, Map<number, number | null>>()

  constructor(readonly face: Face) {}

  /** The word as drawn, laid out once. */
  word(text: string): Word {
    let w = this.words.get(text)
    if (w === undefined) {
      w = this.plain(text) ?? this.shaped(text)
      this.words.set(text, w)
    }
    return w
  }

  /** The word from its characters' glyphs and pair kerning, or null when the font's shaping must set it. */
  plain(text: string): Word | null {
    // Every character of a plain word is in the Basic Multilingual Plane: one UTF-16 unit each.
    if (!plainText.test(text)) return null
    const script = scriptOf(text)
    let glyphs = this.glyphs.get(script)
    if (!glyphs) this.glyphs.set(script, (glyphs = new Map()))
    let pairs = this.pairs.get(script)
    if (!pairs) this.pairs.set(script, (pairs = new Map()))
    const { scale } = this.face
    let tj = ''
    let width = 0
    let next = text.charCodeAt(0)
    for (let i = 0; i < text.length; i++) {
      const code = next
      let g = glyphs.get(code)
      if (g === undefined) glyphs.set(code, (g = this.glyph(script, code)))
      if (!g) return null
      let advance = g.advance
      if (i + 1 < text.length) {
        next = text.charCodeAt(i + 1)
        const key = code * 0x10000 + next
        let kerned = pairs.get(key)
        if (kerned === undefined) pairs.set(key, (kerned = this.pair(script, code, next)))
        if (kerned === null) return null
        advance = kerned
      }
      tj += g.hex
      const kern = g.advance * scale - advance * scale
      if (Math.abs(kern) > 0.01) tj += `>${Math.round(kern * 100) / 100}<`
      width += advance * scale
    }
    return { tj, width: width / 1000, lost: '' }
  }

  /** The word as the font's shaping lays it out (kerning, ligatures, marks, contextual forms). */
  shaped(text: string): Word {
    const shown = new Set<number>()
    for (const g of this.face.layout(text).glyphs) if (g.id !== 0) for (const c of g.codePoints) shown.add(c)
    let lost = ''
    for (const ch of text) if (!shown.has(ch.codePointAt(0)!) && !ignorable.test(ch) && !lost.includes(ch)) lost += ch
    const [hex, positions] = this.face.encode(text)
    let tj = ''
    let width = 0
    let plain = true
    for (let i = 0; i < hex.length; i++) {
      const p = positions[i]!
      if (p.xOffset !== 0 || p.yOffset !== 0) plain = false
      tj += hex[i]
      const kern = p.advanceWidth - p.xAdvance
      if (Math.abs(kern) > 0.01) tj += `>${Math.round(kern * 100) / 100}<`
      width += p.xAdvance
    }
    return { tj: plain ? tj : null, width: width / 1000, lost }
  }

  private glyph(script: string, code: number): Glyph | null {
    const { font, subset, widths, unicode, scale } = this.face
    const glyph = font.glyphForCodePoint(code)
    const run = font.layout(String.fromCharCode(code), undefined, script)
    const p = run.positions[0]
    if (
      glyph.id === 0 ||
      run.glyphs.length !== 1 ||
      run.glyphs[0]!.id !== glyph.id ||
      p!.xAdvance !== glyph.advanceWidth ||
      p!.xOffset !== 0 ||
      p!.yOffset !== 0
    )
      return null
    // As pdfkit's encode does for each glyph it draws: into the subset, with its width and text.
    const gid = subset.includeGlyph(glyph.id)
    widths[gid] ??= glyph.advanceWidth * scale
    unicode[gid] ??= glyph.codePoints
    return { hex: `0000${gid.toString(16)}`.slice(-4), advance: glyph.advanceWidth }
  }

  private pair(script: string, a: number, b: number): number | null {
    const { font } = this.face
    const ga = font.glyphForCodePoint(a)
    const gb = font.glyphForCodePoint(b)
    const run = font.layout(String.fromCharCode(a, b), undefined, script)
    const [pa, pb] = run.positions
    const plain =
      run.glyphs.length === 2 &&
      run.glyphs[0]!.id === ga.id &&
      run.glyphs[1]!.id === gb.id &&
      pa!.xOffset === 0 &&
      pa!.yOffset === 0 &&
      pb!.xOffset === 0 &&
      pb!.yOffset === 0 &&
      pb!.xAdvance === gb.advanceWidth
    return plain ? pa!.xAdvance : null
  }
}
