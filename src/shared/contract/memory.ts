// The desk's memory: earlier checks of a claim, and sentences worth checking.
import { z } from 'zod'
import { Claim, Id, IsoDate, Stance, VerdictId } from '../model'
import { channels, read, write } from './channel'
import { ImportedFile } from './transfer'

/** One earlier check that says the same thing (or nearly: see the two warnings). */
export const EarlierCheck = z.strictObject({
  storyId: Id,
  claimId: Id,
  storyTitle: z.string(),
  quote: z.string(),
  restatement: z.string(),
  verdict: VerdictId.nullable(),
  rationale: z.string(),
  checkedAt: IsoDate,
  evidence: z.array(z.strictObject({ sourceTitle: z.string(), excerpt: z.string(), stance: Stance })),
  /** The re-rank's probability that it is the same claim, in [0, 1]. */
  score: z.number(),
  /**
   * How sure: 'strong' (right nine times in ten on validation data; never with a warning below), 'possible',
   * or 'weak' (when every result is weak, there is no close match).
   */
  band: z.enum(['strong', 'possible', 'weak']),
  figuresDiffer: z.boolean(),
  negationDiffers: z.boolean(),
  /** Set for a check imported from an archive: a read-only reference to where it was published. */
  imported: z.strictObject({ url: z.string(), origin: z.string(), rating: z.string() }).optional()
})
export type EarlierCheck = z.infer<typeof EarlierCheck>

/** A sentence of a story that matches an earlier check. */
export const SentenceMatch = z.strictObject({ start: z.number().int(), end: z.number().int(), match: EarlierCheck })
export type SentenceMatch = z.infer<typeof SentenceMatch>

/** A sentence worth checking, with why. `key` names it for a dismissal. */
export const Suggestion = z.strictObject({
  start: z.number().int(),
  end: z.number().int(),
  score: z.number(),
  reason: z.string(),
  key: z.string()
})
export type Suggestion = z.infer<typeof Suggestion>

/**
 * A ranking: which model made it ("encoder" once every sentence is embedded and scored by the combination,
 * "ngram" while some are not, or when the encoder cannot run), how many of the story's open sentences are
 * scored with the encoder so far, and whether more is coming (`refining`: the `memory.suggestRefined`
 * event says when to ask again; or ask with `wait`).
 */
export const Suggestions = z.strictObject({
  suggestions: z.array(Suggestion),
  model: z.enum(['encoder', 'ngram']),
  refining: z.boolean(),
  embedded: z.number().int().min(0),
  sentences: z.number().int().min(0)
})
export type Suggestions = z.infer<typeof Suggestions>

export const archiveFormats = ['csv', 'claimreview', 'package', 'library'] as const
export const ArchiveFormat = z.enum(archiveFormats)
export type ArchiveFormat = z.infer<typeof ArchiveFormat>

/** One earlier check from an archive (ClaimReview, CSV or another library's package), kept read-only. */
export const ArchivedCheck = z.strictObject({
  /** From the check's URL and words: the same check imported twice is one. */
  id: z.string().regex(/^[0-9a-f]{24}$/),
  claim: z.string().min(1).max(2000),
  /** The rating as the archive gives it ("False", "Mostly true"); empty when it has none. */
  rating: z.string().max(200),
  /** YYYY-MM-DD, or null when the archive has none that can be read. */
  date: z.iso.date().nullable(),
  /** The published check (http or https), or empty. */
  url: z.string().max(2000),
  headline: z.string().max(500),
  /** Who published it (ClaimReview's author or publisher), else the archive's file name. */
  origin: z.string().max(200)
})
export type ArchivedCheck = z.infer<typeof ArchivedCheck>

/** Which CSV column holds what; only the claim is required. */
const column = z.string().trim().min(1).max(200)
export const ArchiveColumns = z.strictObject({
  claim: column,
  verdict: column.optional(),
  date: column.optional(),
  url: column.optional(),
  headline: column.optional()
})
export type ArchiveColumns = z.infer<typeof ArchiveColumns>

/** One import of an archive, as listed. */
export const ArchiveImport = z.strictObject({
  id: Id,
  fileName: z.string().max(255),
  format: ArchiveFormat,
  importedAt: IsoDate,
  importedBy: Id,
  /** Checks it added (those already in the library's archive are not counted again). */
  added: z.number().int().min(0),
  skipped: z.number().int().min(0)
})
export type ArchiveImport = z.infer<typeof ArchiveImport>

/** What a file holds before it is imported: a CSV's columns (to choose from), or only its format. */
export const ArchivePreview = z.discriminatedUnion('format', [
  z.strictObject({
    format: z.literal('csv'),
    columns: z.array(z.string()),
    sample: z.array(z.array(z.string())),
    guess: z.strictObject({
      claim: z.string(),
      verdict: z.string().optional(),
      date: z.string().optional(),
      url: z.string().optional(),
      headline: z.string().optional()
    })
  }),
  z.strictObject({ format: z.enum(['claimreview', 'package']) })
])
export type ArchivePreview = z.infer<typeof ArchivePreview>

export const ArchiveImportResult = z.strictObject({
  added: z.number().int(),
  /** Checks this library's archive already had (the same URL and words). */
  alreadyThere: z.number().int(),
  /** Entries with no claim's words. */
  skipped: z.number().int(),
  /** Checks in the library's archive now. */
  total: z.number().int()
})
export type ArchiveImportResult = z.infer<typeof ArchiveImportResult>

const StoryClaim = { storyId: Id, claimId: Id }

/**
 * Earlier checks answer at once, ranked without the sentence encoder while the query is not embedded yet
 * (its embedding is then started); with `wait`, the answer waits for the query's embedding, so asking
 * again with `wait` refines the first answer.
 */
const Refine = { wait: z.boolean().optional() }

export const memoryChannels = channels('memory', {
  matches: read(z.strictObject({ ...StoryClaim, ...Refine }), z.array(EarlierCheck)),
  search: read(z.strictObject({ query: z.string().trim().min(1).max(2000), ...Refine }), z.array(EarlierCheck)),
  storyMatches: read(z.strictObject({ storyId: Id }), z.array(SentenceMatch)),
  reuse: write(z.strictObject({ ...StoryClaim, fromStoryId: Id, fromClaimId: Id }), Claim),
  suggest: read(z.strictObject({ storyId: Id, wait: z.boolean().optional() }), Suggestions),
  dismiss: write(z.strictObject({ storyId: Id, key: z.string().min(1).max(300) }), z.null()),
  archivePreview: read(z.strictObject({ file: ImportedFile }), ArchivePreview),
  /** Reads the archive in the archive worker (progress as `memory.archiveProgress`), keeps its checks and indexes them. */
  archiveImport: write(z.strictObject({ file: ImportedFile, columns: ArchiveColumns.optional() }), ArchiveImportResult),
  /**
   * Imports the checked claims of another Factdesk library's folder, chosen in a dialog (null when
   * cancelled): read in the archive worker and never written to, kept and indexed as archiveImport does.
   */
  archiveImportLibrary: write(z.strictObject({}), ArchiveImportResult.nullable()),
  /** Stops every archive being read (each import fails with `cancelled`, nothing of it kept). */
  archiveCancel: read(z.strictObject({}), z.strictObject({ cancelled: z.number().int() })),
  archives: read(z.strictObject({}), z.array(ArchiveImport))
})
