// Healing the library index on open: every story folder is accounted for against library.json's
// index lines, temp files left by a cut-off write are removed, and lines older than their story
// file are recomputed. The store (library-store.ts) calls this once it has read library.json.
// Finding stale lines takes two stats per story (10,000 at 5,000 stories), so it runs only when
// the index may be incomplete: not after a clean close (clean-close.ts).
import path from 'node:path'
import type { LibraryNotice } from '../../shared/contract'
import type { StorySummary } from '../../shared/model'
import { AppError } from '../../shared/result'
import type { FileIO } from './file-io'
import { StoryRecord, storyPaths } from './story-record'
import { summarise } from './summary'

/** What healing needs from the open store. */
export interface ReconcileHost {
  io: FileIO
  dir: string
  now: () => Date
  /** The index lines as read (library.json with index.jsonl's lines). */
  stories: readonly StorySummary[]
  /** When the index was last written (library.json or index.jsonl, the later), null when it was not there. */
  indexWrittenAt: number | null
  /** The last close left the index describing every story and nothing wrote since (clean-close.ts): no line can be stale. */
  indexComplete: boolean
  storyPath(id: string): string
  /** Where a story's folder is while it is in the trash. */
  trashPath(id: string): string
  notify(notices: readonly LibraryNotice[]): void
  /** A story whose files are gone with no backup: it stays listed but cannot be opened. */
  markMissing(id: string): void
  /** Writes the index with these lines refreshed or added (withRefreshedLines). */
  writeIndex(summaries: StorySummary[]): Promise<void>
}

/**
 * Accounts for every story folder against the index: a folder the index lacks is added (a crash
 * between writing a new story and its index line leaves exactly that, so it is no damage); a
 * line whose folder is gone is restored from the state file's backup, or kept as missing with a
 * notice; lines older than their state file are recomputed, unless the index is known complete.
 */
export async function reconcileIndex(host: ReconcileHost, fresh: boolean, folders: string[]): Promise<void> {
  const { io, dir } = host
  await removeTempFiles(io, dir, !host.indexComplete)
  const onDisk = new Set(folders)
  const indexed = new Map(host.stories.filter((s) => s.deletedAt === null).map((s) => [s.id, s]))
  const missing = [...indexed.keys()].filter((id) => !onDisk.has(id))
  const unindexed = [...onDisk].filter((id) => !indexed.has(id))
  const trashedLines = new Set(host.stories.filter((s) => s.deletedAt !== null).map((s) => s.id))
  const stale = await staleStories(
    host,
    [...indexed.keys()].filter((id) => onDisk.has(id))
  )
  if (missing.length === 0 && unindexed.length === 0 && stale.length === 0 && !fresh) return
  const summaries: StorySummary[] = []
  // A story whose folder is in the trash while its line says otherwise was being moved there when
  // Factdesk stopped (the folder moves first, the line after): its line follows the folder.
  for (const id of [...missing]) {
    const trashed = await StoryRecord.load(io, host.trashPath(id), id, host.now, true).catch(() => null)
    if (!trashed?.record) continue
    missing.splice(missing.indexOf(id), 1)
    summaries.push(summarise(trashed.record.file, host.now().toISOString()))
    host.notify([
      {
        kind: 'missing',
        file: host.storyPath(id),
        message: `“${trashed.record.file.story.title}” was being moved to the trash when Factdesk stopped, and is in the trash now. Restore it from the trash if you still need it.`,
        movedTo: null
      }
    ])
  }
  for (const id of [...missing, ...unindexed, ...stale]) {
    const loaded = await StoryRecord.load(io, host.storyPath(id), id, host.now, true).catch((error: unknown) => {
      const reason = error instanceof AppError ? error.message : String(error)
      host.notify([{ kind: 'unreadable', file: host.storyPath(id), message: reason, movedTo: null }])
      return null
    })
    if (!loaded) continue
    // A folder with no state file and no backup that the index never listed is a creation cut off: nothing was saved there.
    if (loaded.outcome.state === 'missing' && !indexed.has(id)) continue
    host.notify(loaded.notices)
    if (loaded.record) summaries.push(summarise(loaded.record.file))
    // A folder in stories/ whose line says trashed was being restored (the folder moves first, the
    // line after): the index is rebuilt from the folder, and the editor told where the story is.
    if (loaded.record && trashedLines.has(id))
      host.notify([
        {
          kind: 'rebuilt',
          file: host.storyPath(id),
          message: `“${loaded.record.file.story.title}” was being restored from the trash when Factdesk stopped, and is back in the library now. Move it to the trash again if you did not mean to restore it.`,
          movedTo: null
        }
      ])
    else if (loaded.outcome.state === 'missing') {
      host.markMissing(id)
      const title = indexed.get(id)?.title ?? id
      host.notify([
        {
          kind: 'missing',
          file: host.storyPath(id),
          message: `The files of “${title}” are missing from the library folder and have no backup. The story stays in the list; put its folder back (stories/${id}) to open it again.`,
          movedTo: null
        }
      ])
    }
  }
  if (summaries.length === 0 && !fresh) return
  await host.writeIndex(summaries)
}

/** The index with refreshed lines where they were, so the library keeps its order across a restart, and new ones at the end. */
export function withRefreshedLines(stories: StorySummary[], summaries: readonly StorySummary[]): StorySummary[] {
  const refreshed = new Map(summaries.map((s) => [s.id, s]))
  const known = new Set(stories.map((s) => s.id))
  return stories.map((s) => refreshed.get(s.id) ?? s).concat(summaries.filter((s) => !known.has(s.id)))
}

/** Stories saved after library.json was last written: their index lines may be out of date. */
async function staleStories(host: ReconcileHost, ids: string[]): Promise<string[]> {
  const indexAt = host.indexWrittenAt
  if (indexAt === null || host.indexComplete) return []
  const times = await Promise.all(
    ids.map(async (id) => {
      const paths = storyPaths(host.storyPath(id))
      const [state, journal] = await Promise.all([host.io.modifiedAt(paths.state), host.io.modifiedAt(paths.journal)])
      // A state file that is not there at all is checked too (it may be restored from its backup).
      return state === null ? Infinity : Math.max(state, journal ?? 0)
    })
  )
  // >=: file times tick in milliseconds or coarser, and a false alarm only costs one read.
  return ids.filter((_, i) => (times[i] as number) >= indexAt)
}

/**
 * Temp files are left only by a write that was cut off; the file it was replacing is intact. The
 * library's own folders are swept on every open; after anything but a clean close (the only time a
 * write can have been cut off) also the folder of each story in the trash, which is never loaded.
 * Story folders are swept when the story is loaded (StoryRecord.load).
 */
async function removeTempFiles(io: FileIO, dir: string, afterCrash: boolean): Promise<void> {
  const trash = path.join(dir, 'trash')
  const folders = [dir, path.join(dir, 'stories'), trash]
  if (afterCrash) {
    const trashed = await io.readdir(trash).catch(() => [] as string[])
    folders.push(...trashed.filter((name) => STORY_FOLDER.test(name)).map((name) => path.join(trash, name)))
  }
  for (const folder of folders) {
    for (const name of await io.readdir(folder).catch(() => [] as string[])) {
      if (name.endsWith('.tmp')) await io.unlink(path.join(folder, name)).catch(() => undefined)
    }
  }
}

/** The ids of the story folders in a library folder. */
export async function listStoryFolders(io: FileIO, dir: string): Promise<string[]> {
  const names = await io.readdir(path.join(dir, 'stories')).catch(() => [])
  return names.filter((f) => STORY_FOLDER.test(f))
}

const STORY_FOLDER = /^[A-Za-z0-9_-]{1,64}$/
