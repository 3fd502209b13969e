// Reading an archive of earlier checks (run in the archive worker, never in main): ClaimReview JSON-LD (a
// page with ld+json blocks, a file or feed of them, or the Fact Check Tools API's claims list), a CSV with
// the editor's choice of columns, or a Factdesk verification package (another library's checked claims).
// Every check becomes a read-only reference: the claim, the rating as the publisher gave it, the date, the
// URL of the published check, and where it came from.
import { createHash } from 'node:crypto'
import path from 'node:path'
import Papa from 'papaparse'
import type { ArchiveColumns as CsvColumns, ArchivedCheck, ArchiveFormat } from '../../../shared/contract'
import { defaultSettings, type StoryFile, type VerdictScale } from '../../../shared/model'
import { printedVerdict } from '../../../shared/rules/scales'
import { AppError } from '../../../shared/result'
import { parsePackage, PACKAGE_FORMAT } from '../../package/json-package'
import { nodeFileIO, readOnlyFileIO } from '../../store/file-io'
import type { LibraryStore } from '../../store/library-store'

export interface ParsedArchive {
  format: ArchiveFormat
  checks: ArchivedCheck[]
  /** Entries left out: no claim's words in them. */
  skipped: number
}

/** The most checks one archive may hold. */
export const MAX_ARCHIVE_CHECKS = 200_000
const MAX_CLAIM = 2_000

const invalid = (message: string): AppError => new AppError('invalid_input', message)

/** The archive's format, from its name and its first characters. */
export function archiveFormat(fileName: string, text: string): Exclude<ArchiveFormat, 'library'> {
  const name = fileName.toLowerCase()
  const head = text.replace(/^\uFEFF/, '').trimStart()
  if (/\.(csv|tsv)$/.test(name)) return 'csv'
  if (head.startsWith('{') && head.slice(0, 2000).includes(PACKAGE_FORMAT)) return 'package'
  if (head.startsWith('{') || head.startsWith('[') || head.startsWith('<')) return 'claimreview'
  if (/\.(json|jsonld|html?)$/.test(name)) return 'claimreview'
  throw new AppError(
    'unsupported',
    `${fileName} is not an archive Factdesk can read: choose a CSV file, ClaimReview JSON-LD (a page, a feed or a .json file) or a Factdesk verification package.`
  )
}

/** The columns of a CSV file, a few rows to show, and a guess of which column holds what. */
export function previewCsv(text: string): { columns: string[]; sample: string[][]; guess: CsvColumns } {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy', preview: 6 })
  const [header, ...rows] = parsed.data
  const columns = (header ?? []).map((c) => String(c).trim())
  if (columns.length < 1 || columns.every((c) => c === '') || rows.length === 0)
    throw invalid('This CSV file has no header row and rows under it, so there are no checks in it to import.')
  const find = (pattern: RegExp): string | undefined => columns.find((c) => pattern.test(c))
  const claim = find(/claim|statement|quote/i) ?? columns[0] ?? ''
  return {
    columns,
    sample: rows.slice(0, 5).map((r) => r.map(String)),
    guess: {
      claim,
      verdict: find(/verdict|rating|ruling|label/i),
      date: find(/date|published|when/i),
      url: find(/url|link|href/i),
      headline: find(/headline|title/i)
    }
  }
}

/** Reads an archive; `progress` is told how many entries are read out of how many. */
export function parseArchive(
  input: { fileName: string; text: string; columns?: CsvColumns },
  progress: (done: number, total: number) => void = () => undefined
): ParsedArchive {
  const text = input.text.replace(/^\uFEFF/, '')
  const format = archiveFormat(input.fileName, text)
  const from = input.fileName.replace(/^.*[\\/]/, '')
  const entries =
    format === 'csv'
      ? csvEntries(text, input.columns, from)
      : format === 'package'
        ? packageEntries(text, from)
        : claimReviewEntries(text, from)
  if (entries.length > MAX_ARCHIVE_CHECKS)
    throw new AppError(
      'too_large',
      `This archive holds ${entries.length} checks; Factdesk reads at most ${MAX_ARCHIVE_CHECKS} at a time. Split it and import the parts.`
    )
  const { checks, skipped } = collect(entries, progress)
  if (checks.length === 0)
    throw invalid(
      format === 'csv'
        ? `No row of ${from} has words in the claim column (“${input.columns?.claim ?? ''}”): choose the column that holds the claims.`
        : format === 'package'
          ? `${from} has no claim with a verdict, so there is no earlier check in it to import.`
          : `${from} has no ClaimReview with the claim reviewed (claimReviewed), so there is no earlier check in it to import.`
    )
  return { format, checks, skipped }
}

/** Reads each entry once (the same check twice is one), counting those without a claim's words. */
function collect(
  entries: Entry[],
  progress: (done: number, total: number) => void
): { checks: ArchivedCheck[]; skipped: number } {
  const checks = new Map<string, ArchivedCheck>()
  let skipped = 0
  entries.forEach((entry, i) => {
    const check = entry()
    if (check) checks.set(check.id, check)
    else skipped++
    if ((i + 1) % 500 === 0 || i + 1 === entries.length) progress(i + 1, entries.length)
  })
  return { checks: [...checks.values()], skipped }
}

/** What the memory's index reads of an imported check besides its claim (the candidate stage's context). */
export const archiveContext = (c: Pick<ArchivedCheck, 'headline' | 'rating' | 'origin'>): string =>
  [c.headline, c.rating, c.origin].join(' ')

type Entry = () => ArchivedCheck | null

/** An archive entry's fields as found (any JSON value); cleaned here. */
type Found = Record<'claim' | 'rating' | 'date' | 'url' | 'headline' | 'origin', unknown>

function check(fields: Found): ArchivedCheck | null {
  const claim = clean(fields.claim).slice(0, MAX_CLAIM)
  if (!claim) return null
  const url = safeUrl(fields.url)
  const id = createHash('sha256').update(`${url}\0${claim}`).digest('hex').slice(0, 24)
  return {
    id,
    claim,
    rating: clean(fields.rating).slice(0, 200),
    date: isoDay(fields.date),
    url,
    headline: clean(fields.headline).slice(0, 500),
    origin: clean(fields.origin).slice(0, 200)
  }
}

function csvEntries(text: string, columns: CsvColumns | undefined, from: string): Entry[] {
  if (!columns?.claim) throw invalid('Choose which column of the CSV file holds the claims.')
  const parsed = Papa.parse<Record<string, string>>(text, {
    header: true,
    skipEmptyLines: 'greedy',
    transformHeader: (h) => h.trim()
  })
  const fields = parsed.meta.fields ?? []
  for (const [role, column] of Object.entries(columns))
    if (column && !fields.includes(column))
      throw invalid(
        `The CSV file has no column “${column}” (chosen for the ${role}); its columns are ${fields.join(', ')}.`
      )
  return parsed.data.map(
    (row) => () =>
      check({
        claim: row[columns.claim],
        rating: columns.verdict ? row[columns.verdict] : '',
        date: columns.date ? row[columns.date] : '',
        url: columns.url ? row[columns.url] : '',
        headline: columns.headline ? row[columns.headline] : '',
        origin: from
      })
  )
}

function packageEntries(text: string, from: string): Entry[] {
  const pkg = parsePackage(text)
  // A version 1 package carries no scale: its verdicts are the built-in ones, by their built-in names.
  return storyEntries(pkg.stories, pkg.verdicts ?? defaultSettings.verdicts, `Factdesk package ${from}`)
}

/**
 * Another library's checked claims (from its package or its folder): each claim with a verdict, one check,
 * rated as that desk printed the verdict when it was given (its scale, shared/rules/scales.ts).
 */
function storyEntries(files: Iterable<StoryFile>, verdicts: VerdictScale, origin: string): Entry[] {
  const entries: Entry[] = []
  for (const file of files) {
    const url = file.story.origin.kind === 'url' ? file.story.origin.location : ''
    for (const claim of file.claims) {
      const { verdict } = claim
      if (verdict === null) continue
      entries.push(() =>
        check({
          claim: claim.anchor.quote.exact,
          rating: printedVerdict({ verdicts }, claim),
          date: claim.updatedAt,
          url,
          headline: file.story.title,
          origin
        })
      )
    }
  }
  return entries
}

/**
 * Another Factdesk library's checked claims, read from its folder and never written: the store is opened
 * over file operations that refuse every write (so it opens read-only, takes no lock, moves nothing aside).
 * A story that cannot be read is counted as skipped.
 */
export async function readLibraryFolder(
  dir: string,
  progress: (done: number, total: number) => void = () => undefined
): Promise<ParsedArchive> {
  const name = path.basename(dir)
  let store: LibraryStore
  try {
    // Loaded only here: the store is most of the worker's code, and every other import starts without it.
    const { LibraryStore } = await import('../../store/library-store')
    store = await LibraryStore.open(dir, { io: readOnlyFileIO(nodeFileIO), lock: false })
  } catch (error) {
    throw invalid(
      `${name} could not be opened as a Factdesk library (${error instanceof Error ? error.message : String(error)}).`
    )
  }
  const files: StoryFile[] = []
  const { verdicts } = store.library.settings
  let unreadable = 0
  try {
    const live = store.library.stories.filter((s) => s.deletedAt === null)
    if (live.length === 0) throw invalid(`${name} is not a Factdesk library with stories in it.`)
    for (const [i, summary] of live.entries()) {
      try {
        files.push(await store.readStory(summary.id))
      } catch {
        unreadable++
      }
      if ((i + 1) % 50 === 0 || i + 1 === live.length) progress(i + 1, live.length)
    }
  } finally {
    await store.close()
  }
  const parsed = collect(storyEntries(files, verdicts, `Factdesk library ${name}`), () => undefined)
  if (parsed.checks.length === 0)
    throw invalid(`${name} has no claim with a verdict, so there is no earlier check in it to import.`)
  return { format: 'library', checks: parsed.checks, skipped: parsed.skipped + unreadable }
}

function claimReviewEntries(text: string, from: string): Entry[] {
  const documents: unknown[] = []
  if (text.trimStart().startsWith('<')) {
    // A page: its JSON-LD blocks (a block that is not valid JSON is passed over, as a search engine does).
    for (const m of text.matchAll(
      /<script[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script>/gi
    )) {
      try {
        documents.push(JSON.parse(m[1] ?? ''))
      } catch {
        // not JSON: left out
      }
    }
    if (documents.length === 0) throw invalid(`${from} has no JSON-LD (no <script type="application/ld+json">).`)
  } else {
    try {
      documents.push(JSON.parse(text))
    } catch (error) {
      throw invalid(`${from} is not valid JSON (${error instanceof Error ? error.message : String(error)}).`)
    }
  }
  const entries: Entry[] = []
  const walk = (node: unknown, depth: number): void => {
    if (depth > 12 || node === null || typeof node !== 'object') return
    if (Array.isArray(node)) {
      for (const item of node) walk(item, depth + 1)
      return
    }
    const o = node as Record<string, unknown>
    if (types(o).includes('ClaimReview')) {
      entries.push(() => fromClaimReview(o, from))
      return
    }
    // The Fact Check Tools API's answer: { claims: [{ text, claimReview: [{ publisher, url, textualRating, ... }] }] }
    if (typeof o.text === 'string' && Array.isArray(o.claimReview)) {
      for (const r of o.claimReview as unknown[])
        if (r && typeof r === 'object') {
          const review = r as Record<string, unknown>
          entries.push(() =>
            check({
              claim: o.text,
              rating: review.textualRating,
              date: review.reviewDate ?? o.claimDate,
              url: review.url,
              headline: review.title,
              origin: nameOf(review.publisher) || from
            })
          )
        }
      return
    }
    for (const value of Object.values(o)) walk(value, depth + 1)
  }
  for (const d of documents) walk(d, 0)
  return entries
}

function fromClaimReview(o: Record<string, unknown>, from: string): ArchivedCheck | null {
  const rating = (o.reviewRating ?? {}) as Record<string, unknown>
  return check({
    claim: o.claimReviewed,
    rating: rating.alternateName ?? rating.name ?? '',
    date: o.datePublished,
    url: o.url,
    headline: o.name ?? o.headline,
    origin: nameOf(o.author) || nameOf(o.publisher) || from
  })
}

const types = (o: Record<string, unknown>): string[] =>
  (Array.isArray(o['@type']) ? o['@type'] : [o['@type']]).map((t) => String(t).replace(/^.*[/:#]/, ''))

function nameOf(who: unknown): string {
  const first = Array.isArray(who) ? who[0] : who
  if (typeof first === 'string') return clean(first)
  if (first && typeof first === 'object') return clean((first as Record<string, unknown>).name)
  return ''
}

function clean(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return ''
  return String(value).replace(/\s+/g, ' ').trim()
}

/** Only web links are kept: an archive's other "URLs" (javascript:, file:) are dropped. */
function safeUrl(value: unknown): string {
  const text = clean(value)
  try {
    const url = new URL(text)
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href.slice(0, 2000) : ''
  } catch {
    return ''
  }
}

function isoDay(value: unknown): string | null {
  const text = clean(value)
  if (!text) return null
  const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(text)
  const time = day ? Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3])) : Date.parse(text)
  if (!Number.isFinite(time)) return null
  const iso = new Date(time).toISOString().slice(0, 10)
  return iso >= '1900-01-01' && iso <= '2999-12-31' ? iso : null
}
