// People on the desk, and the append-only log of who changed what.
import { z } from 'zod'
import { Id, IsoDate, Name } from './common'

export { nameAt } from './values'

/** A name a person went by until they were renamed; history shows the name they had at the time. */
export const FormerName = z.strictObject({ name: Name, until: IsoDate })
export type FormerName = z.infer<typeof FormerName>

export const Person = z.strictObject({
  id: Id,
  name: Name,
  initials: z.string().max(4),
  createdAt: IsoDate,
  /** A deactivated person stays in history but cannot be chosen as the current editor or assignee. */
  active: z.boolean().default(true),
  formerNames: z.array(FormerName).max(100).default([])
})
export type Person = z.infer<typeof Person>

/** A JSON-safe snapshot of a value before or after a change. */
export const Snapshot = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])
export type Snapshot = z.infer<typeof Snapshot>

export const activityActions = [
  'story.created',
  'story.updated',
  'story.revised',
  'story.deleted',
  'story.signed_off',
  'story.corrected',
  'story.restored',
  'claim.created',
  'claim.updated',
  'claim.deleted',
  'claim.restored',
  'claim.reanchored',
  'claim.orphaned',
  'claim.commented',
  'claim.uncommented',
  'claim.recheck',
  'claim.confirmed',
  'claim.reviewed',
  'claim.contacted',
  'evidence.added',
  'evidence.updated',
  'evidence.removed',
  'evidence.reused',
  'package.imported',
  'history.undone',
  'history.redone'
] as const
export const ActivityAction = z.enum(activityActions)
export type ActivityAction = z.infer<typeof ActivityAction>

export const Activity = z.strictObject({
  id: Id,
  at: IsoDate,
  by: Id,
  action: ActivityAction,
  storyId: Id,
  claimId: Id.nullable(),
  field: z.string().max(100).nullable(),
  from: Snapshot,
  to: Snapshot,
  summary: z.string().max(1000)
})
export type Activity = z.infer<typeof Activity>
