// The library's recovered/ folder: every file Factdesk cannot read is moved (or copied) here under a
// dated name that says where it came from, and named in a notice. Nothing unreadable is deleted,
// truncated or overwritten; the editor (or support) can look at it, and remove it when done.
import path from 'node:path'
import type { FileIO } from './file-io'

/** The recovered/ folder of the library that holds `storyDir` (stories/<id> or trash/<id>). */
export const recoveredOfStory = (storyDir: string): string => path.join(storyDir, '..', '..', 'recovered')

/** `recovered/<time>-<where it was>`, e.g. 2026-12-06T20-55-00-000Z-stories-s1-story.json; never an existing name. */
async function freeName(io: FileIO, file: string, recovered: string, now: () => Date): Promise<string> {
  await io.mkdir(recovered)
  const stamp = now().toISOString().replace(/[:.]/g, '-')
  const library = path.dirname(recovered)
  const relative = path.relative(library, file)
  const where = (relative.startsWith('..') ? path.basename(file) : relative).split(path.sep).join('-')
  for (let n = 0; ; n++) {
    const target = path.join(recovered, `${stamp}${n === 0 ? '' : `-${n}`}-${where}`)
    if (!(await io.exists(target))) return target
  }
}

/** Moves a damaged file into recovered/; returns where it went. */
export async function moveToRecovered(io: FileIO, file: string, recovered: string, now: () => Date): Promise<string> {
  const target = await freeName(io, file, recovered, now)
  await io.rename(file, target)
  await io.fsyncDir(recovered).catch(() => undefined)
  return target
}

/** Copies a damaged file into recovered/ (it stays where it is until something good replaces it); null when it is gone. */
export async function copyToRecovered(
  io: FileIO,
  file: string,
  recovered: string,
  now: () => Date
): Promise<string | null> {
  const target = await freeName(io, file, recovered, now)
  try {
    await io.copyFile(file, target)
    await io.fsyncFile(target)
    await io.fsyncDir(recovered).catch(() => undefined)
    return target
  } catch {
    await io.unlink(target).catch(() => undefined)
    return null
  }
}
