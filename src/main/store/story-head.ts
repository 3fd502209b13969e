// What the story view shows first, readable without the rest of the story (stories/<id>/head.json).
//
// Opening a 3,000-claim story whole means parsing story.json (megabytes of claims and evidence) and
// the activity log (15,000 entries); the first screen needs only the story, its revision list and
// the first claims in story order with their evidence. The head holds exactly that, as of story.json,
// plus what the answer counts (every claim's id, every cited source, the activity entries): a few
// hundred KB, whatever the size of the story.
//
// The head is derived from story.json, never the other way round: it is removed before story.json is
// written and written after it (story-record.ts), without a backup; it records story.json's size and
// modification time as written. So a head whose story.json has since been replaced (a crash between
// the two writes, a restore from the backup, an upgrade, an edit by hand) is not used, nor is a head
// that is missing, torn, changed or of another story: the story is then read whole, as before, and
// the head is written again. Every record in it was checked against its schema before story.json was
// written, so, as with checked.json, it is not checked again: its first line is the SHA-256 of the
// rest, and bytes that do not hash to it are not used (a schema check of its 200 claims was most of
// the first open in a fresh process). The journal's lines since story.json are replayed over the head (`startOf`), so the
// first claims are the story as saved; anything the head cannot vouch for ends the first part early.
import path from 'node:path'
import { z } from 'zod'
import { Claim, Evidence, Story, StoryRevision } from '../../shared/model'
import { storyOrder } from '../../shared/rules/claims'
import { digestOf } from './checked-digest'
import type { FileIO } from './file-io'
import type { JournalLine } from './story-journal'
import { listJson, recordJson } from './record-json'

/** A revision as story.json lists it: everything but its text (rev-<n>.txt), with the text's length. */
export const RevisionEntry = StoryRevision.omit({ text: true }).extend({ length: z.number().int().min(0) })
export type RevisionEntry = z.infer<typeof RevisionEntry>

/** Claims (in story order) a head holds: as many as the story view asks for first. */
export const HEAD_CLAIMS = 200

export const StoryHead = z.strictObject({
  id: z.string(),
  /** The format of story.json it was derived from: a head of another format is not used. */
  schemaVersion: z.number().int(),
  /** story.json as it was written with this head: its size and modification time. */
  state: z.strictObject({ bytes: z.number().int().min(0), modifiedAt: z.number() }),
  /** The state's journalSeq: the journal lines after it are replayed over the head. */
  journalSeq: z.number().int().min(0),
  story: Story,
  revisions: z.array(RevisionEntry),
  /** The first claims in story order, and the evidence attached to them. */
  claims: z.array(Claim),
  evidence: z.array(Evidence),
  /** Every claim's id (the head's claims first), so the answer can count the claims still to come. */
  claimIds: z.array(z.string()),
  /** The sources any of the story's evidence cites. */
  sourceIds: z.array(z.string()),
  activityLength: z.number().int().min(0)
})
export type StoryHead = z.infer<typeof StoryHead>

/** The first part of a story: what stories.get with `firstClaims` answers before the rest is read. */
export interface StoryStart {
  story: Story
  revisions: RevisionEntry[]
  /** The first claims in story order (perhaps fewer than asked), and their evidence. */
  claims: Claim[]
  evidence: Evidence[]
  sourceIds: Set<string>
  claimCount: number
  activityCount: number
}

export const headFileOf = (dir: string): string => path.join(dir, 'head.json')

interface HeadState {
  schemaVersion: number
  story: Story
  revisions: RevisionEntry[]
  claims: readonly Claim[]
  evidence: readonly Evidence[]
  activityLength: number
  journalSeq: number
}

/** The head of `state` (story.json as just written: `bytes` long, modified at `modifiedAt`). */
export function headOf(id: string, state: HeadState, written: StoryHead['state']): StoryHead {
  const claims = [...state.claims].sort(storyOrder).slice(0, HEAD_CLAIMS)
  const inHead = new Set(claims.map((c) => c.id))
  return {
    id,
    schemaVersion: state.schemaVersion,
    state: written,
    journalSeq: state.journalSeq,
    story: state.story,
    revisions: state.revisions,
    claims,
    evidence: state.evidence.filter((e) => inHead.has(e.claimId)),
    claimIds: [...claims.map((c) => c.id), ...state.claims.filter((c) => !inHead.has(c.id)).map((c) => c.id)],
    sourceIds: [...new Set(state.evidence.map((e) => e.sourceId))],
    activityLength: state.activityLength
  }
}

/**
 * JSON.stringify of a head, its story, claims and evidence from the texts story.json was just written
 * with (record-json.ts): a head of a story of up to HEAD_CLAIMS claims repeats all of them, and
 * serialising them a second time was a tenth of what a first sync allocated.
 */
export function headJson(head: StoryHead): string {
  return `{"id":${JSON.stringify(head.id)},"schemaVersion":${head.schemaVersion},"state":${JSON.stringify(head.state)},"journalSeq":${head.journalSeq},"story":${recordJson(head.story)},"revisions":${JSON.stringify(head.revisions)},"claims":${listJson(head.claims)},"evidence":${listJson(head.evidence)},"claimIds":${JSON.stringify(head.claimIds)},"sourceIds":${JSON.stringify(head.sourceIds)},"activityLength":${head.activityLength}}`
}

/** Removes the head before story.json is replaced; a head left behind is caught by its size and time anyway. */
export async function removeHead(io: FileIO, dir: string): Promise<void> {
  await io.unlink(headFileOf(dir)).catch(() => undefined)
}

/** Writes the head of story.json as just written; a failure only means the next open reads the story whole. */
export async function writeHead(
  io: FileIO,
  dir: string,
  id: string,
  state: HeadState,
  stateFile: string
): Promise<void> {
  const [bytes, modifiedAt] = await Promise.all([io.size(stateFile), io.modifiedAt(stateFile)])
  if (bytes === null || modifiedAt === null) return
  const json = headJson(headOf(id, state, { bytes, modifiedAt }))
  await io.writeDerived(headFileOf(dir), `${digestOf(json)}\n${json}`).catch(() => undefined)
}

/** The head of the story in `dir`, when there is one that describes its story.json (format `schemaVersion`) as it is now; else null. */
export async function readHead(
  io: FileIO,
  dir: string,
  id: string,
  stateFile: string,
  schemaVersion: number
): Promise<StoryHead | null> {
  try {
    const [bytes, modifiedAt, text] = await Promise.all([
      io.size(stateFile),
      io.modifiedAt(stateFile),
      io.readFile(headFileOf(dir))
    ])
    const split = text.indexOf(10)
    if (split === -1 || text.toString('latin1', 0, split) !== digestOf(text.subarray(split + 1))) return null
    // Written by the store from records checked before story.json was written, and unchanged since.
    const head = JSON.parse(text.toString('utf8', split + 1)) as StoryHead
    if (head.id !== id || head.story?.id !== id || head.schemaVersion !== schemaVersion) return null
    return head.state.bytes === bytes && head.state.modifiedAt === modifiedAt ? head : null
  } catch {
    return null
  }
}

/**
 * The first `count` claims of the story in story order, from its head with the journal's `lines`
 * (those after the head's journalSeq, whole and in order) replayed over it; null when the head
 * cannot give at least half of them (many changes since story.json was written: read it whole).
 *
 * A claim the head does not hold is unchanged since story.json was written (else a journal line
 * holds it) and came after the head's last claim in story order then, so it still does: the claims
 * known here that sort before that last claim are the story's first. A claim that was outside the
 * head and was moved into the first part (a revision re-anchored it) brings no evidence here, so
 * the first part ends before it.
 */
export function startOf(head: StoryHead, lines: readonly JournalLine[], count: number): StoryStart | null {
  const boundary = head.claims.at(-1)
  const complete = head.claims.length === head.claimIds.length
  const outside = new Set(head.claimIds.slice(head.claims.length))
  const claims = new Map(head.claims.map((c) => [c.id, c]))
  const ids = new Set(head.claimIds)
  const evidence = new Map(head.evidence.map((e) => [e.id, e]))
  const sourceIds = new Set(head.sourceIds)
  let story = head.story
  let activityCount = head.activityLength
  for (const line of lines) {
    if (line.story) story = { ...line.story, text: story.text }
    for (const claim of line.claims?.put ?? []) {
      claims.set(claim.id, claim)
      ids.add(claim.id)
    }
    for (const id of line.claims?.removed ?? []) {
      claims.delete(id)
      ids.delete(id)
    }
    for (const item of line.evidence?.put ?? []) {
      evidence.set(item.id, item)
      sourceIds.add(item.sourceId)
    }
    for (const id of line.evidence?.removed ?? []) evidence.delete(id)
    activityCount += line.activity.length
  }
  const first: Claim[] = []
  for (const claim of [...claims.values()].sort(storyOrder)) {
    if (first.length >= count) break
    if (!complete && boundary && claim !== boundary && storyOrder(claim, boundary) >= 0) break
    if (outside.has(claim.id)) break
    first.push(claim)
  }
  if (first.length < Math.min(count, ids.size) / 2) return null
  const shown = new Set(first.map((c) => c.id))
  return {
    story,
    revisions: head.revisions,
    claims: first,
    evidence: [...evidence.values()].filter((e) => shown.has(e.claimId)),
    sourceIds,
    claimCount: ids.size,
    activityCount
  }
}
