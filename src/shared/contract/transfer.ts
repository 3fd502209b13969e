// Bringing stories in (paste, file, URL, verification package) and sending reports out.
import { z } from 'zod'
import { CalendarDay, ClaimStatus, Id, IsoDate, ShortText, StorySummary, VerdictId } from '../model'
import { leftOutReasons, type LeftOutReason } from '../rules/claims'
import { channels, read, write } from './channel'
import { csvRowKinds, reportFormats, reportScopes } from './values'

export { anyClaim, csvRowKinds, reportFormats, reportScopes } from './values'
import { ReanchorReport } from './stories'

/** 25 MB of file as base64; the main side enforces the real per-format caps. */
const MAX_FILE_BASE64 = 35_000_000

export const ImportedFile = z.strictObject({
  fileName: z.string().min(1).max(255),
  dataBase64: z.string().max(MAX_FILE_BASE64)
})
export type ImportedFile = z.infer<typeof ImportedFile>

export const ImportResult = z.strictObject({ story: StorySummary, warnings: z.array(z.string()) })
export type ImportResult = z.infer<typeof ImportResult>

export const ReportFormat = z.enum(reportFormats)
export type ReportFormat = z.infer<typeof ReportFormat>

export const ReportOptions = z.strictObject({
  includeExcerpts: z.boolean(),
  includeActivity: z.boolean(),
  includeOrphaned: z.boolean(),
  /** The working record for the desk: comments and the contact log (personal data). Off for publishing. */
  internal: z.boolean()
})
export type ReportOptions = z.infer<typeof ReportOptions>

/**
 * Which claims a data export takes, across the stories in scope: each field narrows ('all' or '' is
 * no narrowing). `editor` is anyone who marked the claim, is assigned it or gave its verdict;
 * `from`/`to` bound the day (UTC) the claim last changed, both ends included.
 */
export const ClaimFilter = z.strictObject({
  status: z.union([ClaimStatus, z.literal('all')]),
  verdict: z.union([VerdictId, z.literal('none'), z.literal('all')]),
  editor: z.union([Id, z.literal('all')]),
  from: z.union([z.literal(''), CalendarDay]),
  to: z.union([z.literal(''), CalendarDay]),
  tag: ShortText,
  storyId: z.union([Id, z.literal('all')])
})
export type ClaimFilter = z.infer<typeof ClaimFilter>

export const CsvRows = z.enum(csvRowKinds)
export type CsvRows = z.infer<typeof CsvRows>

export const ReportRequest = z.strictObject({
  scope: z.enum(reportScopes),
  storyIds: z.array(Id).max(10_000),
  format: ReportFormat,
  options: ReportOptions,
  /** Only the claims that pass (stories with none left out); every claim when absent. */
  filter: ClaimFilter.optional(),
  /** CSV only; one row per claim when absent. */
  rows: CsvRows.optional()
})
export type ReportRequest = z.infer<typeof ReportRequest>

/**
 * Text a PDF cannot show: characters no embedded font has (they print as empty boxes) or that its
 * font drops (a skin-tone modifier on a monochrome emoji). Each place is a story's claims by their
 * labels ("C3") and whether the story's other text has such characters; `story` null is the report's
 * own lines (title, statements). Empty for every other format.
 */
export const UnshownText = z.strictObject({
  /** The characters, each once, at most 40. */
  characters: z.string().max(400),
  places: z
    .array(
      z.strictObject({
        story: z.string().nullable(),
        claims: z.array(z.string().max(40)).max(100_000),
        elsewhere: z.boolean()
      })
    )
    .max(10_001)
})
export type UnshownText = z.infer<typeof UnshownText>

export const ExportResult = z.strictObject({
  saved: z.boolean(),
  path: z.string(),
  bytes: z.number().int(),
  claimCount: z.number().int(),
  /** Claims a publishing format left out, by why (ClaimReview only). */
  leftOut: z.strictObject(
    Object.fromEntries(leftOutReasons.map((r) => [r, z.number().int().min(0)])) as { [K in LeftOutReason]: z.ZodNumber }
  ),
  /** What the PDF cannot show, to tell the editor (PDF only). */
  unshown: UnshownText
})
export type ExportResult = z.infer<typeof ExportResult>

/** A claim the data export's filter lets through, as its preview lists it. */
export const FilteredClaim = z.strictObject({
  storyId: Id,
  storyTitle: z.string(),
  claimId: Id,
  label: z.string(),
  words: z.string(),
  status: ClaimStatus,
  verdict: VerdictId.nullable(),
  /** The verdict as it printed when given (shared/rules/scales.ts); '' without one. */
  verdictLabel: z.string()
})
export type FilteredClaim = z.infer<typeof FilteredClaim>

export const FilteredClaims = z.strictObject({
  /** How many claims pass, and the first `limit` of them in library then story order. */
  total: z.number().int().min(0),
  claims: z.array(FilteredClaim),
  /** What the filter can choose from: every story (not in the trash) and every tag in use. */
  stories: z.array(z.strictObject({ id: Id, title: z.string() })),
  tags: z.array(z.string())
})
export type FilteredClaims = z.infer<typeof FilteredClaims>

/** What importing an annotation file onto a story did with each annotation. */
export const AnnotationImportResult = z.strictObject({
  /** New claims, where the normal anchoring found each annotation's words. */
  placed: z.array(
    z.strictObject({ claimId: Id, label: z.string(), words: z.string(), how: z.enum(['exact', 'moved', 'fuzzy']) })
  ),
  /** Annotations whose words are not in the story: nothing was made of them. */
  orphaned: z.array(z.strictObject({ words: z.string(), reason: z.string() })),
  /** Left alone: words that are already a claim, replies to annotations that were not placed. */
  skipped: z.array(z.strictObject({ words: z.string(), reason: z.string() })),
  /** Replies added to their claims as comments. */
  replies: z.number().int().min(0)
})
export type AnnotationImportResult = z.infer<typeof AnnotationImportResult>

export const PackageImportResult = z.strictObject({
  stories: z.strictObject({ added: z.number().int(), merged: z.number().int() }),
  claims: z.strictObject({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  sources: z.strictObject({ added: z.number().int(), reused: z.number().int() })
})
export type PackageImportResult = z.infer<typeof PackageImportResult>

export const importChannels = channels('import', {
  file: write(ImportedFile, ImportResult),
  /** A redirect into the local network is followed only if the editor allows it in main's own dialog (never a flag from here). */
  url: write(z.strictObject({ url: z.string().min(1).max(4000) }), ImportResult),
  /** Stops every import under way (each fails with `cancelled`); says how many were stopped. */
  cancel: read(z.strictObject({}), z.strictObject({ cancelled: z.number().int() }))
})

/** A correction the desk may log after a published page changed: prefilled, never logged by itself. */
export const SuggestedCorrection = z.strictObject({
  what: z.string(),
  note: z.string(),
  claimIds: z.array(Id)
})
export type SuggestedCorrection = z.infer<typeof SuggestedCorrection>

export const PublishedCheck = z.strictObject({
  /** The address fetched: the story's URL, else the page it was imported from. */
  url: z.string(),
  at: IsoDate,
  /** The published text differs from the story's present revision; it became a new revision. */
  changed: z.boolean(),
  report: ReanchorReport,
  suggestion: SuggestedCorrection.nullable()
})
export type PublishedCheck = z.infer<typeof PublishedCheck>

export const reimportChannels = channels('stories', {
  reimport: write(z.strictObject({ id: Id, file: ImportedFile.optional() }), ReanchorReport),
  /**
   * After publication: fetches a signed-off story's page again and, when its text changed, brings it in
   * as a revision through the same path as a re-import (claims whose words changed wait for re-check),
   * answering with a suggested entry for the corrections log.
   */
  checkPublished: write(z.strictObject({ id: Id }), PublishedCheck)
})

export const annotationChannels = channels('stories', {
  /** A W3C Web Annotation collection or a Hypothesis export, placed on the story as claims. */
  importAnnotations: write(z.strictObject({ storyId: Id, file: ImportedFile }), AnnotationImportResult)
})

export const exportChannels = channels('export', {
  report: read(ReportRequest, ExportResult),
  /** Stops every report export under way (each fails with `cancelled`, nothing saved); says how many were stopped. */
  cancel: read(z.strictObject({}), z.strictObject({ cancelled: z.number().int() })),
  /** The claims across the library a data export would take, for the editor to see before exporting. */
  claims: read(z.strictObject({ filter: ClaimFilter, limit: z.number().int().min(0).max(500) }), FilteredClaims),
  reveal: read(z.strictObject({ path: z.string().max(4000) }), z.null())
})

export const packageChannels = channels('package', {
  import: write(z.strictObject({ file: ImportedFile.optional() }), PackageImportResult.nullable())
})
