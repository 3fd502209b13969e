// Upgrades a library written before stories had folders (story format 1: one stories/<id>.json
// holding everything, rewritten on every save) to story folders (see story-record.ts). Each old
// file is kept inside its new folder as `format1.json` (with its `.bak`), the usual backup; a
// migration cut off by a crash is simply done again on the next open, because the old file is
// moved away only after the new folder is complete.
import path from 'node:path'
import type { LibraryNotice } from '../../shared/contract'
import { storyKind } from './file-kinds'
import { errnoCode, type FileIO } from './file-io'
import { loadSafely } from './safe-load'
import { StoryRecord } from './story-record'

const FORMAT1_FILE = /^([A-Za-z0-9_-]{1,64})\.json$/

export async function migrateFormat1(io: FileIO, dir: string, now: () => Date): Promise<LibraryNotice[]> {
  const notices: LibraryNotice[] = []
  for (const folder of ['stories', 'trash']) {
    const base = path.join(dir, folder)
    const names = await io.readdir(base).catch(() => [] as string[])
    for (const name of names) {
      const id = FORMAT1_FILE.exec(name)?.[1]
      if (!id) continue
      const old = path.join(base, name)
      // Read without writing, so the old file is kept exactly as the older version wrote it.
      const outcome = await loadSafely(io, old, storyKind(id), now, { canWrite: false })
      notices.push(...outcome.notices)
      if (outcome.state !== 'ok') continue
      const target = path.join(base, id)
      await StoryRecord.create(io, target, outcome.data, now)
      await io.rename(old, path.join(target, 'format1.json'))
      await io.rename(`${old}.bak`, path.join(target, 'format1.json.bak')).catch((error: unknown) => {
        if (errnoCode(error) !== 'ENOENT') throw error
      })
      await io.fsyncDir(base)
    }
  }
  return notices
}
