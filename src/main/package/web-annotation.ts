// Reads annotation files back: a W3C Web Annotation collection, page, list or single annotation
// (what reports/web-annotation.ts writes, and what Recogito and annotation stores exchange) and
// Hypothesis' exports (the client's "Export annotations" file, an API search answer, a plain list).
// Everything is checked and bounded before anything is placed; one bad annotation refuses the file.
import { z } from 'zod'
import { limits } from '../../shared/model'
import { AppError } from '../../shared/result'

export const MAX_ANNOTATION_FILE_BYTES = 10 * 1024 * 1024
export const MAX_ANNOTATIONS = 5_000

/** What an annotation says about some words, whatever tool wrote it. */
export interface ReadAnnotation {
  /** Its id in the file (or its place in it): replies point at it. */
  ref: string
  quote: { exact: string; prefix: string; suffix: string } | null
  position: { start: number; end: number } | null
  /** Where its selectors say the words are; null when they do not say (Hypothesis: anywhere on the page). */
  part: 'headline' | 'body' | null
  assessment: string | null
  rationale: string
  restatement: string
  tags: string[]
  comments: { by: string; at: string | null; body: string }[]
  creator: string
  /** The annotation this one replies to (a Hypothesis reply, a W3C `replying` annotation). */
  replyTo: string | null
}

const text = (max: number) => z.string().max(max)
const Quote = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: text(limits.longText).min(1),
  prefix: text(limits.longText).optional(),
  suffix: text(limits.longText).optional()
})
const Position = z.object({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().min(0).max(limits.storyText),
  end: z.number().int().min(0).max(limits.storyText)
})
const Textual = z.object({
  type: z.union([z.string(), z.array(z.string())]).optional(),
  purpose: z.union([z.string().max(100), z.array(z.string().max(100)).max(10)]).optional(),
  value: text(limits.longText).optional(),
  id: text(limits.url).optional(),
  creator: z.unknown().optional(),
  created: text(100).optional()
})
const Who = z.union([
  text(limits.shortText),
  z.object({ name: text(limits.shortText).optional(), nickname: text(limits.shortText).optional() }),
  z.array(z.unknown()).max(20)
])

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v])
const hasType = (v: unknown, type: string): boolean => isObject(v) && list(v.type).includes(type)

function fail(where: string, what: string): never {
  throw new AppError('invalid_input', `This annotation file cannot be read: ${where} ${what}. Nothing was changed.`)
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value)
  if (!result.success) {
    const issue = result.error.issues[0]
    fail(where, `has a bad ${issue?.path.join('.') || 'value'} (${issue?.message ?? 'invalid'})`)
  }
  return result.data
}

function whoName(value: unknown, where: string): string {
  if (value === undefined) return ''
  const who = parsed(Who, value, where)
  if (typeof who === 'string') return who
  if (Array.isArray(who)) return who.length > 0 ? whoName(who[0], where) : ''
  return who.name ?? who.nickname ?? ''
}

/** The annotations in a file, as they are written: a collection, a page, a list, one, or a Hypothesis export. */
function items(doc: unknown): unknown[] {
  if (Array.isArray(doc)) return doc
  if (!isObject(doc)) fail('the file', 'is not a JSON object or list')
  if (Array.isArray(doc.annotations)) return doc.annotations // Hypothesis client export
  if (Array.isArray(doc.rows)) return doc.rows // Hypothesis API search answer
  if (hasType(doc, 'AnnotationCollection')) {
    const first = doc.first
    if (isObject(first)) return list(first.items)
    return list(doc.items)
  }
  if (hasType(doc, 'AnnotationPage')) return list(doc.items)
  if (hasType(doc, 'Annotation')) return [doc]
  fail('the file', 'is neither a W3C annotation collection nor a Hypothesis export')
}

interface Selected {
  quote: ReadAnnotation['quote']
  position: ReadAnnotation['position']
  headline: boolean
}

/** Reads a target's selectors; a CssSelector on the headline refines to the selectors it wraps. */
function select(selectors: unknown[], where: string, into: Selected, depth = 0): void {
  if (depth > 3) fail(where, 'nests selectors too deeply')
  for (const s of selectors.slice(0, 20)) {
    if (!isObject(s)) continue
    if (hasType(s, 'TextQuoteSelector')) {
      const q = parsed(Quote, s, where)
      into.quote ??= { exact: q.exact, prefix: q.prefix ?? '', suffix: q.suffix ?? '' }
    } else if (hasType(s, 'TextPositionSelector')) {
      const p = parsed(Position, s, where)
      if (p.end < p.start) fail(where, 'has a position that ends before it starts')
      into.position ??= { start: p.start, end: p.end }
    } else if (hasType(s, 'CssSelector') && s.refinedBy !== undefined) {
      if (typeof s.value === 'string' && /^\s*h1\s*$/i.test(s.value)) into.headline = true
      select(list(s.refinedBy), where, into, depth + 1)
    } else if (s.refinedBy !== undefined) {
      select(list(s.refinedBy), where, into, depth + 1)
    }
  }
}

function readOne(raw: unknown, index: number): ReadAnnotation {
  const where = `annotation ${index + 1}`
  if (!isObject(raw)) fail(where, 'is not an object')
  const ref = typeof raw.id === 'string' ? raw.id.slice(0, limits.url) : `#${index}`
  const creator = isObject(raw.user_info)
    ? whoName(raw.user_info.display_name ?? undefined, where)
    : whoName(raw.creator, where) || (typeof raw.user === 'string' ? raw.user.replace(/^acct:/, '').slice(0, 200) : '')
  const found: Selected = { quote: null, position: null, headline: false }
  let targetRef: string | null = null
  for (const target of list(raw.target).slice(0, 20)) {
    if (typeof target === 'string') targetRef ??= target.slice(0, limits.url)
    else if (isObject(target)) select(list(target.selector), where, found)
  }
  // A Hypothesis reply lists the thread above it, the last the annotation it answers; a W3C reply targets it.
  const references = list(raw.references).filter((r): r is string => typeof r === 'string')
  const replyTo =
    found.quote !== null
      ? null
      : (references[references.length - 1] ?? (list(raw.motivation).includes('replying') ? targetRef : null))
  const read: ReadAnnotation = {
    ref,
    quote: found.quote,
    position: found.position,
    part: found.headline ? 'headline' : null,
    assessment: null,
    rationale: '',
    restatement: '',
    tags: [],
    comments: [],
    creator,
    replyTo
  }
  const bodies = [...list(raw.body)]
  if (typeof raw.bodyValue === 'string') bodies.push({ type: 'TextualBody', value: raw.bodyValue })
  for (const body of bodies.slice(0, 500)) {
    if (typeof body === 'string') continue // a link to a body elsewhere: nothing to read here
    const b = parsed(Textual, body, where)
    if (b.value === undefined) continue
    const purposes = list(b.purpose)
    if (purposes.includes('assessing')) read.assessment ??= b.value.trim()
    else if (purposes.includes('tagging')) read.tags.push(b.value)
    else if (purposes.includes('describing')) read.restatement = b.value
    else if (b.id?.endsWith('#rationale')) read.rationale = b.value
    else
      read.comments.push({
        by: whoName(b.creator, where) || creator,
        at: b.created ?? null,
        body: b.value
      })
  }
  // Hypothesis: the note is the annotation's text, its tags a list of strings.
  if (typeof raw.text === 'string' && raw.text.trim())
    read.comments.push({
      by: creator,
      at: typeof raw.created === 'string' ? raw.created : null,
      body: parsed(text(limits.longText), raw.text, where)
    })
  for (const tag of list(raw.tags)) read.tags.push(parsed(text(limits.shortText), tag, where))
  read.tags = [...new Set(read.tags.map((t) => t.trim()).filter(Boolean))].slice(0, limits.tags)
  if (read.assessment !== null && read.assessment.length > limits.shortText) fail(where, 'has an overlong assessment')
  return read
}

/** Every annotation in the file, checked; a file that is not one, or any annotation in it that is malformed, is refused. */
export function readAnnotationFile(bytes: Uint8Array): ReadAnnotation[] {
  if (bytes.byteLength > MAX_ANNOTATION_FILE_BYTES)
    throw new AppError('too_large', 'This annotation file is over 10 MB. Nothing was changed.')
  let doc: unknown
  try {
    doc = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, ''))
  } catch {
    fail('the file', 'is not JSON (UTF-8)')
  }
  const raw = items(doc)
  if (raw.length === 0) fail('the file', 'holds no annotations')
  if (raw.length > MAX_ANNOTATIONS) fail('the file', `holds more than ${MAX_ANNOTATIONS} annotations`)
  return raw.map(readOne)
}
