// Bringing stories in (paste, file, URL, verification package) and sending reports out.
import { z } from 'zod'
import { Id, StorySummary } from '../model'
import { leftOutReasons, type LeftOutReason } from '../rules/claims'
import { channel } from './channel'
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

/** What an export covers: the story on screen, the stories ticked in the library, or all of it. */
export const reportScopes = ['story', 'selected', 'library'] as const

export const reportFormats = ['html', 'pdf', 'markdown', 'csv', 'json', 'claimreview'] as const
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

export const ReportRequest = z.strictObject({
  scope: z.enum(reportScopes),
  storyIds: z.array(Id).max(10_000),
  format: ReportFormat,
  options: ReportOptions
})
export type ReportRequest = z.infer<typeof ReportRequest>

export const ExportResult = z.strictObject({
  saved: z.boolean(),
  path: z.string(),
  bytes: z.number().int(),
  claimCount: z.number().int(),
  /** Claims a publishing format left out, by why (ClaimReview only). */
  leftOut: z.strictObject(
    Object.fromEntries(leftOutReasons.map((r) => [r, z.number().int().min(0)])) as { [K in LeftOutReason]: z.ZodNumber }
  )
})
export type ExportResult = z.infer<typeof ExportResult>

export const PackageImportResult = z.strictObject({
  stories: z.strictObject({ added: z.number().int(), merged: z.number().int() }),
  claims: z.strictObject({ added: z.number().int(), updated: z.number().int(), unchanged: z.number().int() }),
  sources: z.strictObject({ added: z.number().int(), reused: z.number().int() })
})
export type PackageImportResult = z.infer<typeof PackageImportResult>

export const transferChannels = {
  'import.file': channel(ImportedFile, ImportResult),
  /** A redirect into the local network is followed only if the editor allows it in main's own dialog (never a flag from here). */
  'import.url': channel(z.strictObject({ url: z.string().min(1).max(4000) }), ImportResult),
  /** Stops every import under way (each fails with `cancelled`); says how many were stopped. */
  'import.cancel': channel(z.strictObject({}), z.strictObject({ cancelled: z.number().int() })),
  'stories.reimport': channel(z.strictObject({ id: Id, file: ImportedFile.optional() }), ReanchorReport),
  'export.report': channel(ReportRequest, ExportResult),
  'export.reveal': channel(z.strictObject({ path: z.string().max(4000) }), z.null()),
  'package.import': channel(z.strictObject({ file: ImportedFile.optional() }), PackageImportResult.nullable())
}
