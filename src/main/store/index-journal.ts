// index.jsonl: story index lines newer than library.json, one per line, appended and fsynced by
// the store's index write (debounced, see LibraryStore.flushIndex) instead of rewriting the whole
// library.json, which holds every story's line and grows with the library. The last line for a
// story wins. library.json is rewritten with the lines folded in when the journal outgrows a
// quarter of it, or with any change to people, sources or settings; the journal is emptied after.
// A journal older than library.json (a rewrite cut off before it emptied the journal) is already in
// it and is ignored. A torn last line is cut off; index lines are derived data, and any line lost
// is recomputed on open from the story folders newer than the index (reconcile.ts).
import { StorySummary } from '../../shared/model'
import { errnoCode, type FileIO } from './file-io'
import { jsonLines } from './jsonl'

/** library.json is rewritten once the journal passes this many bytes, or a quarter of library.json if that is more. */
export const INDEX_JOURNAL_BYTES = 64 * 1024

export interface IndexJournal {
  lines: Map<string, StorySummary>
  bytes: number
  /** When the journal was last written (null when it holds nothing that counts). */
  modifiedAt: number | null
}

/** The lines of the journal that are newer than library.json (written at `indexAt`). */
export async function readIndexJournal(
  io: FileIO,
  file: string,
  indexAt: number | null,
  canWrite: boolean
): Promise<IndexJournal> {
  const modifiedAt = await io.modifiedAt(file)
  const lines = new Map<string, StorySummary>()
  if (modifiedAt === null) return { lines, bytes: 0, modifiedAt: null }
  if (indexAt !== null && modifiedAt < indexAt) {
    // Already folded into library.json by a rewrite cut off before it emptied the journal.
    if (canWrite) await io.truncate(file, 0).catch(() => undefined)
    return { lines, bytes: 0, modifiedAt: null }
  }
  let bytes: Buffer
  try {
    bytes = await io.readFile(file)
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return { lines, bytes: 0, modifiedAt: null }
    throw error
  }
  let position = 0
  for (const line of jsonLines(bytes, StorySummary)) {
    // A damaged line (null): that story's line is recomputed from its folder if it is stale.
    if (line.value) lines.set(line.value.id, line.value)
    position = line.next
  }
  if (canWrite && position < bytes.length) await io.truncate(file, position)
  return { lines, bytes: position, modifiedAt }
}

export const indexLines = (summaries: Iterable<StorySummary>): string =>
  [...summaries].map((s) => `${JSON.stringify(s)}\n`).join('')
