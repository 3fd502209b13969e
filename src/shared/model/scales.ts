// The desk's verdict scale and statuses: which verdicts and statuses it has, in its order, with their
// names (and the names they had before), colours and ClaimReview ratings. The rules that read them are in
// shared/rules/scales.ts.
import { z } from 'zod'
import { Name, ShortText } from './common'
import { FormerName } from './person'
import { reservedVerdictIds, workflowStages } from './values'

export { defaultStatusScale, defaultVerdictScale, reservedVerdictIds, workflowStages } from './values'

export const WorkflowStage = z.enum(workflowStages)
export type WorkflowStage = z.infer<typeof WorkflowStage>

const slug = '[a-z][a-z0-9_]{0,39}'

/**
 * A claim's status: a built-in one is its stage's own id (`done`), one the desk added carries its stage
 * in front (`in_progress:legal_review`). The stage is part of the id, so every rule reads it from the
 * claim alone, also for a status another editor's settings have not brought yet, and a status in use
 * never changes stage under its claims.
 */
export const ClaimStatus = z
  .string()
  .regex(new RegExp(`^(${workflowStages.join('|')})(:${slug})?$`), 'not a status of this desk')
export type ClaimStatus = z.infer<typeof ClaimStatus>

/** A verdict's id: the built-in ones as before (`needs_context`), one the desk added from its first name. */
export const VerdictId = z
  .string()
  .regex(new RegExp(`^${slug}$`), 'not a verdict of this desk')
  .refine((id) => !(reservedVerdictIds as readonly string[]).includes(id), 'not a verdict of this desk')
export type VerdictId = z.infer<typeof VerdictId>

/** A colour as #rrggbb. Whether it reads on both themes is a rule (scales.ts), checked when it is saved. */
export const ScaleColour = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'must be a colour as #rrggbb')

/**
 * How a verdict reads in ClaimReview's reviewRating. `ratingValue` null: the verdict says nothing on the
 * scale (unverifiable), so only its name goes out. `alternateName` empty: the verdict's name as printed.
 */
export const ClaimReviewRating = z
  .strictObject({
    ratingValue: z.number().int().min(-100).max(100).nullable(),
    bestRating: z.number().int().min(-100).max(100),
    worstRating: z.number().int().min(-100).max(100),
    alternateName: ShortText
  })
  .refine((r) => r.worstRating < r.bestRating, {
    message: 'The worst rating must be below the best.',
    path: ['worstRating']
  })
  .refine((r) => r.ratingValue === null || (r.ratingValue >= r.worstRating && r.ratingValue <= r.bestRating), {
    message: 'The rating must lie between the worst and the best rating.',
    path: ['ratingValue']
  })
export type ClaimReviewRating = z.infer<typeof ClaimReviewRating>

/** What an editor sets on an entry of either scale. */
const EntryFields = {
  name: Name,
  colour: ScaleColour,
  /** Retired: no longer offered, kept so every claim that has it still reads as it did. */
  retired: z.boolean()
}

export const VerdictEntry = z.strictObject({
  id: VerdictId,
  ...EntryFields,
  /** The names it had before, oldest first: a verdict prints the name it had when it was given. */
  formerNames: z.array(FormerName).max(100),
  rating: ClaimReviewRating
})
export type VerdictEntry = z.infer<typeof VerdictEntry>

export const StatusEntry = z.strictObject({
  id: ClaimStatus,
  ...EntryFields,
  formerNames: z.array(FormerName).max(100)
})
export type StatusEntry = z.infer<typeof StatusEntry>

const maxEntries = 40

/** The verdicts in the desk's order, retired ones included (entries are never removed). */
export const VerdictScale = z
  .array(VerdictEntry)
  .min(1)
  .max(maxEntries)
  .refine((s) => new Set(s.map((e) => e.id)).size === s.length, 'Each verdict needs an id of its own.')
export type VerdictScale = z.infer<typeof VerdictScale>

export const StatusScale = z
  .array(StatusEntry)
  .min(workflowStages.length)
  .max(maxEntries)
  .refine((s) => new Set(s.map((e) => e.id)).size === s.length, 'Each status needs an id of its own.')
  .refine(
    (s) => workflowStages.every((stage) => s.some((e) => e.id === stage)),
    'The four built-in statuses stay on the scale (they can be renamed or retired).'
  )
export type StatusScale = z.infer<typeof StatusScale>

/**
 * A scale as the settings screen sends it: the entries in their new order, a new one without an id. Main
 * gives ids, keeps the former names and refuses what would lose an entry (scales.ts `applyVerdictEdit`).
 */
export const VerdictEdit = z.strictObject({ id: VerdictId.optional(), ...EntryFields, rating: ClaimReviewRating })
export type VerdictEdit = z.infer<typeof VerdictEdit>
export const StatusEdit = z.strictObject({ id: ClaimStatus.optional(), stage: WorkflowStage, ...EntryFields })
export type StatusEdit = z.infer<typeof StatusEdit>
