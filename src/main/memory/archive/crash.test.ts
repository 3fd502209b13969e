// An import killed at a random moment (reading in the worker, saving archive.json and its backup, indexing)
// leaves the archive as it was before that import or with the whole of it, never part: every import
// acknowledged is there with all its checks, and reopening finds no damage to report.
import { spawn } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { LibraryStore } from '../../store/library-store'
import { ArchiveStore } from './archive-file'

const KILLS = 10
const CHECKS_PER_IMPORT = 2_000

/**
 * Starts the importer and SIGKILLs it `delayMs` after its `afterLines`-th line once ready (a step of an
 * import or an acknowledgement), so kills land in every stage: reading, saving, indexing. Resolves with the
 * last import it acknowledged.
 */
function importAndKill(dir: string, afterLines: number, delayMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'crash-importer.fixture.ts'), dir, String(CHECKS_PER_IMPORT)],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    let acknowledged = 0
    let lines = -1
    let pending = ''
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8')
      const got = pending.split('\n')
      pending = got.pop() ?? ''
      for (const line of got) {
        if (line.startsWith('ack ')) acknowledged = Number(line.slice(4))
        if (++lines === afterLines) setTimeout(() => child.kill('SIGKILL'), delayMs)
      }
    })
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(acknowledged)
        : reject(new Error(`the importer exited on its own (${signal ?? 'no signal'})`))
    )
  })
}

describe('an archive import killed at random moments', () => {
  it(`keeps every acknowledged import whole and never part of one (${KILLS} kills)`, { timeout: 600_000 }, async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-archive-crash-')), 'library')
    await (await LibraryStore.open(dir, { lock: false })).close()
    let acknowledged = 0
    const kept: string[] = []
    for (let k = 0; k < KILLS; k++) {
      // An import of 2,000 checks says about 12 steps (reading, preparing, then indexing after the save):
      // a kill after any of two imports' steps, a little later or at once.
      const last = await importAndKill(dir, Math.floor(Math.random() * 24), Math.floor(Math.random() * 30))
      acknowledged = Math.max(acknowledged, last)
      const archive = await ArchiveStore.open(dir, { readOnly: false, now: () => new Date() })
      expect(archive.notices).toEqual([])
      const imports = archive.imports.map((i) => i.id)
      // Each import is there whole or not at all, in order, and every acknowledged one is there.
      expect(imports.length).toBeGreaterThanOrEqual(acknowledged)
      expect(imports).toEqual(imports.map((_, i) => `import-${i + 1}`))
      for (const i of archive.imports) expect(i.added).toBe(CHECKS_PER_IMPORT)
      expect(archive.checks.length).toBe(imports.length * CHECKS_PER_IMPORT)
      const byImport = new Map<string, number>()
      for (const c of archive.checks) byImport.set(c.importId, (byImport.get(c.importId) ?? 0) + 1)
      expect([...byImport.values()].every((n) => n === CHECKS_PER_IMPORT)).toBe(true)
      // The backup, when current, is the same archive (a kill between the two writes leaves it one import behind).
      const backup = JSON.parse(
        await readFile(path.join(dir, 'archive.json.bak'), 'utf8').catch(() => '{"imports":[]}')
      )
      expect(imports.length - (backup.imports as unknown[]).length).toBeLessThanOrEqual(1)
      acknowledged = imports.length
      kept.push(`${last}/${imports.length}`)
    }
    // Imports did run between the kills (a child that could not import would have exited on its own).
    expect(acknowledged).toBeGreaterThan(0)
    process.stderr.write(`archive crash test, last acknowledged / kept after each kill: ${kept.join(' ')}\n`)
  })
})
