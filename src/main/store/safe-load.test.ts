import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { writeFileDurably } from './durable-write'
import { nodeFileIO } from './file-io'
import { loadSafely, type FileKind } from './safe-load'

const Note = z.strictObject({ schemaVersion: z.literal(3), text: z.string(), words: z.number() })
type Note = z.infer<typeof Note>
const kind: FileKind<Note> = {
  label: 'the note',
  schema: Note,
  currentVersion: 3,
  migrations: {
    1: (old) => ({ ...old, text: String(old.body ?? ''), body: undefined }),
    2: (old) => ({
      schemaVersion: old.schemaVersion,
      text: old.text,
      words: String(old.text).split(/\s+/).filter(Boolean).length
    })
  }
}
const now = () => new Date('2026-11-25T10:00:00Z')
const good: Note = { schemaVersion: 3, text: 'two words', words: 2 }

let dir: string
let file: string
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'factdesk-load-'))
  file = path.join(dir, 'note.json')
})

const damaged: [string, string | Buffer][] = [
  ['empty', ''],
  ['truncated', JSON.stringify(good).slice(0, 20)],
  ['NUL-filled', Buffer.alloc(4096)],
  ['unparsable', 'not json at all {'],
  ['invalid', JSON.stringify({ schemaVersion: 3, text: 42, words: 'x' })],
  ['without a schema version', JSON.stringify({ text: 'x', words: 1 })]
]

describe('loadSafely', () => {
  it('loads a good file as it is', async () => {
    await writeFile(file, JSON.stringify(good))
    expect(await loadSafely(nodeFileIO, file, kind, now)).toEqual({ state: 'ok', data: good, notices: [] })
  })

  it('reports a missing file without inventing anything', async () => {
    expect((await loadSafely(nodeFileIO, file, kind, now)).state).toBe('missing')
  })

  it.each(damaged)('moves an %s file aside and restores the backup', async (_name, content) => {
    await writeFileDurably(nodeFileIO, file, JSON.stringify(good))
    await writeFileDurably(nodeFileIO, file, JSON.stringify({ ...good, text: 'newer', words: 1 }))
    await writeFile(file, content)
    const outcome = await loadSafely(nodeFileIO, file, kind, now)
    expect(outcome).toMatchObject({ state: 'ok', data: good })
    expect(outcome.notices.map((n) => n.kind)).toEqual(['quarantined', 'recovered_from_backup'])
    const aside = (await readdir(path.join(dir, 'recovered'))).filter((f) => f.endsWith('-note.json'))
    expect(aside).toHaveLength(1)
    expect(await readFile(path.join(dir, 'recovered', aside[0]!))).toEqual(Buffer.from(content))
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(good)
  })

  it('never overwrites an earlier quarantined copy', async () => {
    await writeFile(file, 'first damage')
    await loadSafely(nodeFileIO, file, kind, now)
    await writeFile(file, 'second damage')
    const outcome = await loadSafely(nodeFileIO, file, kind, now)
    expect(outcome.state).toBe('lost')
    const aside = (await readdir(path.join(dir, 'recovered'))).sort()
    expect(aside).toHaveLength(2)
    const contents = await Promise.all(aside.map((f) => readFile(path.join(dir, 'recovered', f), 'utf8')))
    expect(contents.sort()).toEqual(['first damage', 'second damage'])
  })

  it('keeps a file from a newer Factdesk untouched and says so', async () => {
    const newer = JSON.stringify({ schemaVersion: 9, text: 'from the future' })
    await writeFile(file, newer)
    const outcome = await loadSafely(nodeFileIO, file, kind, now)
    expect(outcome.state).toBe('newer')
    expect(outcome.notices[0]?.message).toMatch(/newer version of Factdesk.*read-only/)
    expect(await readFile(file, 'utf8')).toBe(newer)
  })

  it('upgrades old files through each migration in turn and saves the result', async () => {
    await writeFile(file, JSON.stringify({ schemaVersion: 1, body: 'three short words' }))
    const outcome = await loadSafely(nodeFileIO, file, kind, now)
    expect(outcome).toMatchObject({ state: 'ok', data: { schemaVersion: 3, text: 'three short words', words: 3 } })
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ schemaVersion: 3, text: 'three short words', words: 3 })
  })
})
