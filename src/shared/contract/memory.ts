// The desk's memory: earlier checks of a claim, and sentences worth checking.
import { z } from 'zod'
import { Claim, Id, IsoDate, Stance, Verdict } from '../model'
import { channels, read, write } from './channel'

/** One earlier check that says the same thing (or nearly: see the two warnings). */
export const EarlierCheck = z.strictObject({
  storyId: Id,
  claimId: Id,
  storyTitle: z.string(),
  quote: z.string(),
  restatement: z.string(),
  verdict: Verdict.nullable(),
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
  negationDiffers: z.boolean()
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
 * A ranking: which model made it ("encoder" once the story's sentences are embedded, "ngram" at once
 * before that, or when the encoder cannot run), and whether a better one is coming (`refining`: ask
 * again with `wait` for it).
 */
export const Suggestions = z.strictObject({
  suggestions: z.array(Suggestion),
  model: z.enum(['encoder', 'ngram']),
  refining: z.boolean()
})
export type Suggestions = z.infer<typeof Suggestions>

const StoryClaim = { storyId: Id, claimId: Id }

export const memoryChannels = channels('memory', {
  matches: read(z.strictObject(StoryClaim), z.array(EarlierCheck)),
  search: read(z.strictObject({ query: z.string().trim().min(1).max(2000) }), z.array(EarlierCheck)),
  storyMatches: read(z.strictObject({ storyId: Id }), z.array(SentenceMatch)),
  reuse: write(z.strictObject({ ...StoryClaim, fromStoryId: Id, fromClaimId: Id }), Claim),
  suggest: read(z.strictObject({ storyId: Id, wait: z.boolean().optional() }), Suggestions),
  dismiss: write(z.strictObject({ storyId: Id, key: z.string().min(1).max(300) }), z.null())
})
