// A small typesetter over pdfkit for the PDF report: paragraphs of styled runs broken into lines by
// their measured widths, right-to-left text put in visual order with the Unicode bidi algorithm
// (bidi-js), pages added as the text reaches the bottom margin, and every block tagged in the PDF's
// structure tree (its marked content carried over a page break by pdfkit). It draws each line as a
// few text runs and nothing else per paragraph, which is why a 1,000-claim report writes in a
// fraction of what Chromium's layout and print of the same report cost (docs/architecture.md).
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { deflateSync } from 'node:zlib'
import bidiFactory from 'bidi-js'
import PDFDocument from 'pdfkit'
import { Words, type Face } from './pdf-words'

/**
 * The report's two styles. Each is set in DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew and
 * many symbols) and, for a character it lacks, in the first of Noto Emoji (monochrome), Noto Sans SC
 * (Chinese, Japanese kana) and Noto Sans KR (Hangul) that has it: each embedded (subset) only when
 * a report draws a character from it, read from disk only then.
 */
export type FontName = 'regular' | 'bold'

const emoji = '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'
export const fontFiles: Record<FontName, readonly string[]> = {
  regular: [
    'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
    emoji,
    '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    '@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf'
  ],
  bold: [
    'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
    emoji,
    '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
    '@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf'
  ]
}

/** Each font file's bytes, read once per process (a worker writes one report). */
const fontBytes = new Map<string, Buffer>()
function fontFile(file: string): Buffer {
  let bytes = fontBytes.get(file)
  if (!bytes) {
    bytes = readFileSync(createRequire(__filename).resolve(file))
    fontBytes.set(file, bytes)
  }
  return bytes
}

/** Whether a character belongs to the one before it and is set in its font (joiners, selectors, modifiers, marks). */
function joining(ch: string): boolean {
  const code = ch.codePointAt(0)!
  return (
    code === 0x200d ||
    (code >= 0xfe00 && code <= 0xfe0f) ||
    (code >= 0x1f3fb && code <= 0x1f3ff) ||
    (code >= 0xe0020 && code <= 0xe007f) ||
    /\p{M}/u.test(ch)
  )
}
/** A character past DejaVu Sans's first blocks (Latin to Armenian; a surrogate for any past the first plane). */
const pastArmenian = /[\u0590-\uffff]/

/** One word as drawn: its parts, each in one font, its width at 1 pt, and the characters no font shows ('' for none). */
interface Token {
  parts: { words: Words; tj: string | null }[]
  width: number
  lost: string
}

export interface Run {
  text: string
  font?: FontName
  /** Points; the block's size when absent. */
  size?: number
  colour?: string
  /** A background drawn behind the run (a badge, the claim's highlighted words). */
  background?: string
  /** An http(s) address: the run is a link, tagged as Link with its annotation. */
  link?: string
  strike?: boolean
}

export interface BlockStyle {
  size: number
  /** Line height as a multiple of the size. */
  leading?: number
  font?: FontName
  colour?: string
  indent?: number
  before?: number
  after?: number
  /** A vertical bar left of the text (quotes, excerpts). */
  bar?: string
  /** Paragraph direction: user text takes that of its first strong letter, the report's own lines are LTR. */
  direction?: 'ltr' | 'auto'
}

/** pdfkit's structure element, as far as this module uses it. */
export interface StructElement {
  add(child: unknown): StructElement
  end(): void
}

const A4 = { width: 595.28, height: 841.89 }
/** The margins Chromium's print had from the report's @page rule: 15 mm, 14 mm, 19 mm (room for the page line). */
const margin = { top: 42.52, side: 39.69, bottom: 53.86 }

const bidi = bidiFactory()
/** Characters that can reorder their neighbours: right-to-left letters and the explicit bidi controls (as html-template.ts). */
const reordering =
  /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud802-\ud803\ud83a-\ud83b][\udc00-\udfff]/
/** Bidi controls steer the order and are never drawn. */
const controls = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const hasControl = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/
const isControl = (c: string): boolean => /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(c)

/** A page's content stream (pdfkit's PDFReference), as far as the typesetter takes it over. */
interface PageContent {
  write(chunk: string | Uint8Array): void
  finalize(): void
  compress: boolean
  buffer: Uint8Array[]
  data: Record<string, unknown>
}

/** zlib's level for the pages' content streams. */
const contentCompression = 1

const rgbs = new Map<string, string>()
/** A #rrggbb colour as the operands of `rg`. */
function rgb(hex: string): string {
  let v = rgbs.get(hex)
  if (v === undefined) {
    const n = Number.parseInt(hex.slice(1), 16)
    v = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((c) => String(Math.round((c / 255) * 1000) / 1000)).join(' ')
    rgbs.set(hex, v)
  }
  return v
}

const at = (n: number): string => String(Math.round(n * 100) / 100)

/** A filled rectangle's operators (y from the top of the page, as everywhere in the typesetter). */
export function fill(x: number, y: number, width: number, height: number, colour: string): string {
  return `${rgb(colour)} rg ${at(x)} ${at(y)} ${at(width)} ${at(height)} re f`
}

/** A horizontal line's operators, solid or dashed (`[on off]`). */
export function stroke(
  x1: number,
  x2: number,
  y: number,
  width: number,
  colour: string,
  dash?: readonly [number, number]
): string {
  return `${rgb(colour)} RG ${at(width)} w [${dash ? dash.join(' ') : ''}] 0 d ${at(x1)} ${at(y)} m ${at(x2)} ${at(y)} l S`
}

/** One piece of a line as drawn: a run's text at x, in the run's style. */
interface Piece {
  run: Run
  text: string
  x: number
  width: number
  /**
   * Set on the first piece of right-to-left text (and what is embedded in it) drawn in visual order:
   * the text in reading order, as the ActualText of a Span around `count` pieces, so the PDF is read
   * (and its text extracted) in logical order.
   */
  actual?: { text: string; count: number }
}

/** A run's span of the paragraph's text (`start`/`end` in UTF-16 units of the joined text). */
interface Span {
  run: Run
  start: number
  end: number
}

export interface Outline {
  addItem(title: string, options?: { expanded?: boolean }): Outline
}

export class Typesetter {
  readonly doc: PDFKit.PDFDocument
  readonly root: StructElement
  /** Where the next block starts, from the top of the page. */
  y = margin.top
  /**
   * What the text being drawn belongs to (the report names its claims here): characters no font
   * can show are noted under it, in `unshown`.
   */
  owner = ''
  /** Per owner, the characters drawn there that no font can show (each drawn as an empty box or dropped). */
  readonly unshown = new Map<string, Set<string>>()
  readonly left = margin.side
  readonly width = A4.width - 2 * margin.side
  private readonly bottom = A4.height - margin.bottom
  /** Each font file's words (pdf-words.ts), once the report draws from it. */
  private readonly faces = new Map<string, Words>()
  /** Per style, each word as drawn. */
  private readonly tokens: Record<FontName, Map<string, Token>> = { regular: new Map(), bold: new Map() }
  /** Per style, per character outside DejaVu's first blocks: the font of the style's list that draws it. */
  private readonly coverage: Record<FontName, Map<number, number>> = { regular: new Map(), bold: new Map() }
  private current: { font: FontName; size: number; colour: string } | null = null
  pages = 1
  /** What pdfkit has written of the file since its header (see the constructor). */
  private readonly written: (string | Uint8Array)[] = []

  constructor(meta: { title: string; language: string }) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: margin.top, bottom: 0, left: margin.side, right: margin.side },
      bufferPages: true,
      tagged: true,
      lang: meta.language,
      displayTitle: true,
      pdfVersion: '1.7',
      info: { Title: meta.title, Creator: 'Factdesk', Producer: 'Factdesk' },
      autoFirstPage: true
    } as PDFKit.PDFDocumentOptions)
    this.root = this.doc.struct('Document') as unknown as StructElement
    this.doc.addStructure(this.root as never)
    this.takeOver()
    this.doc.on('pageAdded', () => this.takeOver())
    // The file's objects as pdfkit writes them, kept as text (it would turn each into bytes one
    // character at a time and push it through its stream); the bytes are made once, in finish.
    const doc = this.doc as unknown as { _write(data: string | Uint8Array): void; _offset: number }
    doc._write = (data) => {
      const chunk = data instanceof Uint8Array ? data : `${data}\n`
      this.written.push(chunk)
      doc._offset += chunk.length
    }
  }

  /**
   * Takes over the current page's content stream: pdfkit turns each operator it is given into bytes
   * on its own and joins them when the page ends; here they are kept as text, and the page made into
   * bytes and deflated once, when pdfkit ends it.
   */
  private takeOver(): void {
    const content = (this.doc.page as unknown as { content: PageContent }).content
    const latin1 = (bytes: Uint8Array): string =>
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1')
    // What pdfkit wrote as it added the page (its coordinate transform) comes first.
    const parts = content.buffer.map(latin1)
    content.buffer = []
    content.write = (chunk) => parts.push(typeof chunk === 'string' ? `${chunk}\n` : latin1(chunk))
    const finalize = content.finalize.bind(content)
    content.finalize = () => {
      const bytes = Buffer.from(parts.join(''), 'latin1')
      parts.length = 0
      content.compress = false
      content.data.Filter = 'FlateDecode'
      content.buffer = [deflateSync(bytes, { level: contentCompression })]
      finalize()
    }
  }

  get outline(): Outline {
    return this.doc.outline as unknown as Outline
  }

  struct(type: string, options: Record<string, unknown> = {}): StructElement {
    return this.doc.struct(type, options) as unknown as StructElement
  }

  newPage(): void {
    this.doc.addPage()
    this.pages++
    this.current = null
    this.y = margin.top
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom && this.y > margin.top) this.newPage()
  }

  space(points: number): void {
    this.y += points
  }

  /** One word (or run of spaces) as the style draws it: its parts by font, and its width at 1 pt. */
  private token(font: FontName, word: string): Token {
    const cache = this.tokens[font]
    let t = cache.get(word)
    if (t === undefined) {
      const files = fontFiles[font]
      const parts: { words: Words; tj: string | null }[] = []
      let width = 0
      let lost = ''
      const add = (face: number, text: string): void => {
        const words = this.wordsOf(files[face]!)
        const w = words.word(text)
        parts.push({ words, tj: w.tj })
        width += w.width
        lost += w.lost
      }
      if (!pastArmenian.test(word)) add(0, word)
      else {
        const chars = Array.from(word)
        let face = -1
        let text = ''
        for (let i = 0; i < chars.length; i++) {
          const ch = chars[i]!
          const next =
            face >= 0 && joining(ch)
              ? face
              : chars[i + 1] === '\ufe0f' && this.has(files[1]!, ch)
                ? 1 // emoji presentation asked for: the emoji font, where it has the character
                : this.faceFor(font, ch)
          if (next !== face && text) {
            add(face, text)
            text = ''
          }
          face = next
          text += ch
        }
        if (text) add(face, text)
      }
      t = { parts, width, lost }
      cache.set(word, t)
    }
    return t
  }

  /** The first font of the style's list that has the character (DejaVu Sans when none has: a missing glyph). */
  private faceFor(font: FontName, ch: string): number {
    const code = ch.codePointAt(0)!
    let face = this.coverage[font].get(code)
    if (face === undefined) {
      const files = fontFiles[font]
      face = files.findIndex((file) => this.has(file, ch))
      if (face < 0) face = 0
      this.coverage[font].set(code, face)
    }
    return face
  }

  private has(file: string, ch: string): boolean {
    return (
      this.wordsOf(file).face.font as unknown as { hasGlyphForCodePoint(c: number): boolean }
    ).hasGlyphForCodePoint(ch.codePointAt(0)!)
  }

  private wordsOf(file: string): Words {
    let w = this.faces.get(file)
    if (!w) {
      this.doc.registerFont(file, fontFile(file))
      this.doc.font(file)
      w = new Words((this.doc as unknown as { _font: Face })._font)
      this.faces.set(file, w)
      this.current = null
    }
    return w
  }

  /** The width of text in a font at a size (bidi controls take none). */
  measure(text: string, font: FontName, size: number): number {
    let w = 0
    for (const token of text.replace(controls, '').match(/\S+|\s+/g) ?? []) w += this.token(font, token).width
    return w * size
  }

  /** Draws text with its top at y: one text object, the words' glyphs as their fonts laid them out. */
  private draw(text: string, font: FontName, size: number, colour: string, x: number, y: number): void {
    const page = this.doc.page as unknown as { fonts: Record<string, unknown> }
    let ops = ''
    let face: Face | null = null
    let tj = ''
    const words = text.match(/\S+|\s+/g) ?? []
    for (let i = 0; i < words.length; i++) {
      const token = this.token(font, words[i]!)
      if (token.lost) this.noteUnshown(token.lost)
      for (const part of token.parts) {
        if (part.tj === null) {
          // pdfkit draws the whole text: what the words after this one cannot show is noted too.
          for (const rest of words.slice(i + 1)) {
            const lost = this.token(font, rest).lost
            if (lost) this.noteUnshown(lost)
          }
          this.current = null
          this.setFont(font, size, colour)
          this.doc.text(text, x, y, { lineBreak: false })
          return
        }
        if (part.words.face !== face) {
          if (face) ops += `[<${tj}>] TJ `
          face = part.words.face
          if (page.fonts[face.id] == null) page.fonts[face.id] = face.ref()
          ops += `/${face.id} ${size} Tf `
          tj = ''
        }
        tj += part.tj
      }
    }
    if (!face) return
    const baseline = y + (this.wordsOf(fontFiles[font][0]!).face.ascender / 1000) * size
    this.doc.addContent(`BT 1 0 0 -1 ${x.toFixed(2)} ${baseline.toFixed(2)} Tm ${rgb(colour)} rg ${ops}[<${tj}>] TJ ET`)
  }

  private noteUnshown(characters: string): void {
    let set = this.unshown.get(this.owner)
    if (!set) this.unshown.set(this.owner, (set = new Set()))
    for (const ch of characters) set.add(ch)
  }

  private setFont(font: FontName, size: number, colour: string): void {
    const c = this.current
    if (c && c.font === font && c.size === size && c.colour === colour) return
    if (!c || c.font !== font) {
      const file = fontFiles[font][0]!
      this.wordsOf(file) // registered with pdfkit
      this.doc.font(file)
    }
    if (!c || c.size !== size) this.doc.fontSize(size)
    if (!c || c.colour !== colour) this.doc.fillColor(colour)
    this.current = { font, size, colour }
  }

  /**
   * A paragraph: the runs broken into lines at spaces (a word wider than the line is cut) and at
   * line breaks in the text, each line drawn in visual order. Tagged as `tag` under `parent`, links as
   * Link elements inside it. Returns the element.
   */
  paragraph(parent: StructElement, tag: string, runs: readonly Run[], style: BlockStyle): StructElement {
    const element = this.struct(tag)
    parent.add(element)
    this.flow(element, tag, runs, style)
    element.end()
    return element
  }

  /** Lays out runs as `paragraph` does, into an element the caller made (a list item's body, a table cell). */
  flow(
    element: StructElement,
    tag: string,
    runs: readonly Run[],
    style: BlockStyle,
    box?: { x: number; width: number }
  ): number {
    const size = style.size
    const lineHeight = size * (style.leading ?? 1.35)
    const x0 = (box?.x ?? this.left) + (style.indent ?? 0) + (style.bar ? 6 : 0)
    const maxWidth = (box?.width ?? this.width) - (style.indent ?? 0) - (style.bar ? 6 : 0)
    const lines = this.lines(runs, style, maxWidth)
    if (!box) this.y += style.before ?? 0
    const startY = this.y
    let marked = false
    const open = (): void => {
      if (!marked) {
        element.add(this.doc.markStructureContent(tag))
        marked = true
      }
    }
    const close = (): void => {
      if (marked) {
        this.doc.endMarkedContent()
        marked = false
      }
    }
    for (const line of lines) {
      if (!box && this.y + lineHeight > this.bottom && this.y > margin.top) {
        close()
        this.newPage()
      }
      const backgrounds = line.filter((p) => p.run.background)
      if (style.bar || backgrounds.length > 0) {
        close()
        const shapes: string[] = []
        if (style.bar) shapes.push(fill(x0 - 6, this.y, 2, lineHeight, style.bar))
        for (const p of backgrounds) {
          const h = (p.run.size ?? size) * 1.3
          shapes.push(fill(x0 + p.x - 1, this.y + (lineHeight - h) / 2, p.width + 2, h, p.run.background!))
          if (p.run.strike)
            shapes.push(stroke(x0 + p.x, x0 + p.x + p.width, this.y + lineHeight / 2, 0.5, p.run.colour ?? '#000000'))
        }
        this.artifact(shapes)
      }
      let spanLeft = 0
      for (const piece of line) {
        if (piece.actual && !piece.run.link) {
          // A Span element of its own whose ActualText is the reading order (its content drawn visually).
          close()
          const span = this.struct('Span', { actual: piece.actual.text })
          element.add(span)
          span.add(this.doc.markStructureContent('Span'))
          span.end()
          spanLeft = piece.actual.count
        }
        const run = piece.run
        const font = run.font ?? style.font ?? 'regular'
        const runSize = run.size ?? size
        const colour = run.colour ?? style.colour ?? '#1b1f24'
        const x = x0 + piece.x
        const textY = this.y + (lineHeight - runSize * 1.16) / 2
        if (run.link) {
          close()
          const link = this.struct('Link')
          element.add(link)
          link.add(this.doc.markStructureContent('Link'))
          this.draw(piece.text, font, runSize, colour, x, textY)
          this.doc.endMarkedContent()
          this.doc.link(x, this.y, piece.width, lineHeight, run.link, { structParent: link } as never)
          link.end()
        } else {
          if (spanLeft === 0) open()
          this.draw(piece.text, font, runSize, colour, x, textY)
        }
        if (spanLeft > 0 && --spanLeft === 0) this.doc.endMarkedContent()
      }
      this.y += lineHeight
    }
    close()
    if (!box) this.y += style.after ?? 0
    return this.y - startY
  }

  /** The runs as lines of pieces with their x in visual order. */
  private lines(runs: readonly Run[], style: BlockStyle, maxWidth: number): Piece[][] {
    const text = runs.map((r) => r.text).join('')
    const spans: Span[] = []
    let at = 0
    for (const run of runs) {
      spans.push({ run, start: at, end: at + run.text.length })
      at += run.text.length
    }
    // Logical lines: [start, end) of the text, broken where the text breaks and where it is full.
    const breaks: { start: number; end: number }[] = []
    let lineStart = 0
    let lineWidth = 0
    let lastSpaceEnd = -1
    let widthAtSpace = 0
    const sizeOf = (s: Span): number => s.run.size ?? style.size
    const fontOf = (s: Span): FontName => s.run.font ?? style.font ?? 'regular'
    /**
     * Cuts the text from the line's start to `end` (a word too wide for a line) by characters where
     * it fills the line, each full line a break; returns the width of what is left on the last line.
     */
    const cut = (end: number, s: Span): number => {
      let width = 0
      let at = lineStart
      for (const ch of text.slice(lineStart, end)) {
        const chw = this.measure(ch, fontOf(s), sizeOf(s))
        if (width + chw > maxWidth && at > lineStart) {
          breaks.push({ start: lineStart, end: at })
          lineStart = at
          width = 0
        }
        width += chw
        at += ch.length
      }
      return width
    }
    for (const s of spans) {
      const tokens = s.run.text.match(/\n|[^\S\n]+|[^\s]+/g) ?? []
      let pos = s.start
      for (const token of tokens) {
        const start = pos
        pos += token.length
        if (token === '\n') {
          breaks.push({ start: lineStart, end: start })
          lineStart = pos
          lineWidth = 0
          lastSpaceEnd = -1
          continue
        }
        // A token is one word or one run of spaces: measured straight from the cache unless it holds a bidi control.
        const w = hasControl.test(token)
          ? this.measure(token, fontOf(s), sizeOf(s))
          : this.token(fontOf(s), token).width * sizeOf(s)
        if (/^\s/.test(token)) {
          lineWidth += w
          lastSpaceEnd = pos
          widthAtSpace = lineWidth
          continue
        }
        if (lineWidth + w <= maxWidth || start === lineStart) {
          if (w > maxWidth && start === lineStart) {
            // A word wider than the line: cut it where it fills the line.
            lineWidth = cut(pos, s)
            lastSpaceEnd = -1
            continue
          }
          lineWidth += w
          continue
        }
        // The word does not fit: the line ends at the last space before it.
        if (lastSpaceEnd > lineStart) {
          breaks.push({ start: lineStart, end: lastSpaceEnd })
          lineWidth = lineWidth - widthAtSpace + w
          lineStart = lastSpaceEnd
        } else {
          breaks.push({ start: lineStart, end: start })
          lineStart = start
          lineWidth = w
        }
        lastSpaceEnd = -1
        // Still too wide (a long word after a break): cut it on its own line.
        if (lineWidth > maxWidth) lineWidth = cut(pos, s)
      }
    }
    breaks.push({ start: lineStart, end: text.length })
    const levels = reordering.test(text)
      ? bidi.getEmbeddingLevels(text, style.direction === 'auto' ? undefined : 'ltr')
      : null
    return breaks.map((b) => this.place(text, spans, b.start, b.end, levels, style, maxWidth))
  }

  /**
   * One line's pieces, left to right: logical order, or the bidi algorithm's visual order. A line
   * of a right-to-left paragraph (a paragraph of direction `auto` whose first strong letter is
   * right-to-left) is set against the right edge of `maxWidth`.
   */
  private place(
    text: string,
    spans: readonly Span[],
    start: number,
    end: number,
    levels: ReturnType<typeof bidi.getEmbeddingLevels> | null,
    style: BlockStyle,
    maxWidth: number
  ): Piece[] {
    // A line's trailing spaces are drawn too (they take no room that shows), so the text read back
    // from the PDF keeps its word breaks.
    const stop = end
    const pieces: Piece[] = []
    /** Each piece's logical range and whether it is in right-to-left text (its level above 0). */
    const ranges: { from: number; to: number; embedded: boolean }[] = []
    let x = 0
    const push = (span: Span, from: number, to: number, embedded = false): void => {
      const raw = text.slice(from, to)
      const shown = raw.replace(controls, '')
      if (shown === '') return
      const width = this.measure(shown, span.run.font ?? style.font ?? 'regular', span.run.size ?? style.size)
      pieces.push({ run: span.run, text: shown, x, width })
      ranges.push({ from, to, embedded })
      x += width
    }
    if (!levels) {
      for (const s of spans) {
        const from = Math.max(s.start, start)
        const to = Math.min(s.end, stop)
        if (from < to) push(s, from, to)
      }
      return pieces
    }
    // Visual order of the line's characters, then pieces of one run, one level and contiguous text;
    // a right-to-left piece is one word, whose glyphs the font's shaping puts right to left.
    const order: number[] = []
    for (let i = start; i < stop; i++) order.push(i)
    if (stop > start)
      for (const [a, b] of bidi.getReorderSegments(text, levels, start, stop - 1) as [number, number][]) {
        const from = a - start
        const to = b - start
        for (let i = from, j = to; i < j; i++, j--) [order[i], order[j]] = [order[j]!, order[i]!]
      }
    const spanAt = (i: number): Span => spans.find((s) => i >= s.start && i < s.end)!
    let k = 0
    while (k < order.length) {
      const first = order[k]!
      const level = levels.levels[first]!
      const span = spanAt(first)
      const rtl = level % 2 === 1
      let lo = first
      let hi = first
      let n = k + 1
      while (n < order.length) {
        const i = order[n]!
        if (levels.levels[i] !== level || i < span.start || i >= span.end) break
        if (rtl ? i !== lo - 1 : i !== hi + 1) break
        if (rtl && (/\s/.test(text[i]!) || /\s/.test(text[lo]!)) && !isControl(text[i]!)) break
        if (rtl) lo = i
        else hi = i
        n++
      }
      push(span, lo, hi + 1, level > 0)
      k = n
    }
    // Runs of right-to-left pieces (links apart) carry their reading order as one ActualText.
    for (let i = 0; i < pieces.length;) {
      if (!ranges[i]!.embedded || pieces[i]!.run.link) {
        i++
        continue
      }
      let j = i
      let from = ranges[i]!.from
      let to = ranges[i]!.to
      while (j + 1 < pieces.length && ranges[j + 1]!.embedded && !pieces[j + 1]!.run.link) {
        j++
        from = Math.min(from, ranges[j]!.from)
        to = Math.max(to, ranges[j]!.to)
      }
      pieces[i]!.actual = { text: text.slice(from, to).replace(controls, ''), count: j - i + 1 }
      i = j + 1
    }
    const paragraph = levels.paragraphs.find((p) => start >= p.start && start <= p.end)
    if (style.direction === 'auto' && paragraph && paragraph.level % 2 === 1 && x < maxWidth)
      for (const piece of pieces) piece.x += maxWidth - x
    return pieces
  }

  /** How tall the runs are as a block of lines `width` wide. */
  height(runs: readonly Run[], style: BlockStyle, width: number): number {
    return (
      this.lines(runs, style, width - (style.indent ?? 0) - (style.bar ? 6 : 0)).length *
      style.size *
      (style.leading ?? 1.35)
    )
  }

  /**
   * A table: a caption, a header row and rows of cells, each cell's text wrapped in its column;
   * a row is never split across pages (the header is repeated on the next). Table > Caption, TR > TH / TD.
   */
  table(
    parent: StructElement,
    t: {
      caption?: string
      header: readonly string[]
      rows: readonly (readonly Run[])[][]
      widths: readonly number[]
      size: number
    },
    rowHeaders = false
  ): void {
    const table = this.struct('Table')
    parent.add(table)
    const total = t.widths.reduce((a, b) => a + b, 0)
    const columns = t.widths.map((w) => (w / total) * this.width)
    const xs = columns.map((_, i) => this.left + columns.slice(0, i).reduce((a, b) => a + b, 0))
    const style: BlockStyle = { size: t.size, leading: 1.3 }
    const pad = 3
    const drawRow = (cells: readonly (readonly Run[])[], header: boolean, first: boolean): void => {
      const heights = cells.map((c, i) => this.height(c, style, columns[i]! - 2 * pad))
      const h = Math.max(...heights) + 2 * pad
      if (this.y + h > this.bottom && this.y > margin.top) {
        this.newPage()
        if (!header)
          drawRow(
            t.header.map((text) => [{ text, font: 'bold' as const }]),
            true,
            false
          )
      }
      const tr = this.struct('TR')
      table.add(tr)
      const top = this.y
      cells.forEach((c, i) => {
        const th = header || (rowHeaders && i === 0)
        const cell = this.struct(th ? 'TH' : 'TD', th ? { scope: header ? 'Column' : 'Row' } : {})
        tr.add(cell)
        this.y = top + pad
        this.flow(cell, th ? 'TH' : 'TD', th ? c.map((r) => ({ font: 'bold' as const, ...r })) : c, style, {
          x: xs[i]! + pad,
          width: columns[i]! - 2 * pad
        })
        cell.end()
      })
      tr.end()
      this.y = top + h
      this.artifact([stroke(this.left, this.left + this.width, this.y, 0.5, '#d8dee4')])
      void first
    }
    if (t.caption) {
      this.ensure(t.size * 4 + 2 * pad)
      this.paragraph(table, 'Caption', [{ text: t.caption, font: 'bold' }], { size: t.size, before: 2, after: 1 })
    }
    this.ensure(t.size * 2.6 + 4 * pad)
    drawRow(
      t.header.map((text) => [{ text }]),
      true,
      true
    )
    for (const row of t.rows) drawRow(row, false, false)
    table.end()
    this.y += 6
  }

  /** A list: L > LI > LBody, each item's runs wrapped (ordered lists print "1." before the item). */
  list(
    parent: StructElement,
    items: readonly (readonly Run[])[],
    style: BlockStyle & { ordered?: boolean },
    extra?: (i: number, item: StructElement) => void
  ): void {
    const list = this.struct('L', style.ordered ? {} : {})
    parent.add(list)
    items.forEach((runs, i) => {
      const li = this.struct('LI')
      list.add(li)
      const body = this.struct('LBody')
      li.add(body)
      const numbered = style.ordered ? [{ text: `${i + 1}. ` }, ...runs] : runs
      this.y += i === 0 ? (style.before ?? 0) : 0
      this.flow(body, 'LBody', numbered, { ...style, before: 0, after: 0 })
      this.y += style.after ?? 0
      extra?.(i, body)
      body.end()
      li.end()
    })
    list.end()
  }

  /** "Page n of m" at the foot of every page, as artifacts (not part of the document's text structure). */
  pageNumbers(): void {
    const range = this.doc.bufferedPageRange()
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i)
      this.current = null
      const label = `Page ${i + 1} of ${range.count}`
      this.doc.markContent('Artifact', { type: 'Pagination' } as never)
      const w = this.measure(label, 'regular', 8)
      this.draw(label, 'regular', 8, '#555555', (A4.width - w) / 2, A4.height - margin.bottom + 22)
      this.doc.endMarkedContent()
    }
  }

  /** Shapes that are not text (`fill`, `stroke`): drawn as an artifact, in a graphics state of their own. */
  artifact(shapes: readonly string[]): void {
    this.doc.markContent('Artifact')
    this.doc.addContent(`q\n${shapes.join('\n')}\nQ`)
    this.doc.endMarkedContent()
  }

  /** Ends the document and collects its bytes: the header pdfkit streamed, then what it wrote after. */
  finish(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = []
    this.doc.on('data', (c: Buffer) => chunks.push(c))
    const done = new Promise<Uint8Array>((resolve, reject) => {
      this.doc.on('end', () => {
        let text: string[] = []
        const flush = (): void => {
          if (text.length > 0) chunks.push(Buffer.from(text.join(''), 'latin1'))
          text = []
        }
        for (const chunk of this.written) {
          if (typeof chunk === 'string') text.push(chunk)
          else {
            flush()
            chunks.push(chunk)
          }
        }
        flush()
        this.written.length = 0
        resolve(new Uint8Array(Buffer.concat(chunks)))
      })
      this.doc.on('error', reject)
    })
    this.root.end()
    this.doc.end()
    return done
  }
}
