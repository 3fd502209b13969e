// What the store last wrote of a story, by digest (stories/<id>/checked.json). Every record is
// checked against its schema before it is written (validate.ts), so bytes that hash to what was
// written need no second check when the story is next opened: story.json and the activity log are
// then only parsed, which is most of what opening a large story used to cost. The file is derived
// and content-addressed: missing, torn, of another story or behind the files it describes (a crash
// between a write and this file), it matches nothing and the files are checked in full, as before.
// It is written without a backup and never read for anything but this.
import { createHash } from 'node:crypto'
import path from 'node:path'
import { z } from 'zod'
import type { FileIO } from './file-io'

const Digest = z.string().min(1).max(100)

export const CheckedDigests = z.strictObject({
  /** The story whose folder this is: a folder copied under another id is checked in full. */
  id: z.string(),
  /** story.json as last written. */
  state: z.strictObject({ bytes: z.number().int().min(0), digest: Digest }).nullable(),
  /** activity.jsonl as written, a range per compaction: each ends where the next begins. */
  activity: z.array(z.strictObject({ end: z.number().int().min(1), digest: Digest })).max(10_000)
})
export type CheckedDigests = z.infer<typeof CheckedDigests>
export type ActivityRange = CheckedDigests['activity'][number]

export const checkedFileOf = (dir: string): string => path.join(dir, 'checked.json')

export const digestOf = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('base64')

/** The digests of a story folder, or null when there are none that can be read. */
export async function readDigests(io: FileIO, dir: string, id: string): Promise<CheckedDigests | null> {
  try {
    const parsed = CheckedDigests.safeParse(JSON.parse((await io.readFile(checkedFileOf(dir))).toString('utf8')))
    return parsed.success && parsed.data.id === id ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes the digests; a failure only means the next open checks the files in full. */
export async function writeDigests(io: FileIO, dir: string, digests: CheckedDigests): Promise<void> {
  await io.writeDerived(checkedFileOf(dir), JSON.stringify(digests)).catch(() => undefined)
}

/** True when `bytes` are story.json exactly as the store wrote it. */
export const stateMatches = (digests: CheckedDigests | null, bytes: Uint8Array): boolean =>
  digests?.state != null && digests.state.bytes === bytes.length && digests.state.digest === digestOf(bytes)

/** Where the activity the store wrote ends in `bytes` (every range matching), or null when any range does not. */
export function activityMatches(digests: CheckedDigests | null, bytes: Buffer): number | null {
  if (!digests || digests.activity.length === 0) return null
  let start = 0
  for (const range of digests.activity) {
    if (range.end <= start || range.end > bytes.length) return null
    if (digestOf(bytes.subarray(start, range.end)) !== range.digest) return null
    start = range.end
  }
  return start
}
