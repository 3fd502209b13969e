import { spawn } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { STORY_SCHEMA_VERSION } from '../../shared/model'
import { LibraryStore } from './library-store'

const at = '2026-11-25T10:00:00.000Z'
const KILLS = 20

/** Starts the writer, waits until it is writing, lets it run a random while, then SIGKILLs it. */
function writeAndKill(dir: string, storyId: string, afterMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'crash-writer.fixture.ts'), dir, storyId], { stdio: ['ignore', 'pipe', 'inherit'] })
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs))
    child.once('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own (${signal ?? 'no signal'})`))))
  })
}

describe('a writer killed at random moments', () => {
  it(`always leaves files that load as the old or the new version (${KILLS} kills)`, { timeout: 120_000 }, async () => {
    const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-crash-')), 'library')
    const setup = await LibraryStore.open(dir, { lock: false })
    await setup.createStory({
      schemaVersion: STORY_SCHEMA_VERSION,
      story: { id: 's1', title: 'Start', outlet: '', byline: '', url: '', publishedAt: '', language: 'en', text: 'x', revision: 1, deskState: 'draft', signOff: null, nextClaimNumber: 1, origin: { kind: 'paste', location: '' }, createdAt: at, updatedAt: at },
      revisions: [],
      claims: [],
      evidence: [],
      activity: []
    })
    await setup.close()

    let lastTitle = -1
    for (let kill = 0; kill < KILLS; kill++) {
      await writeAndKill(dir, 's1', 5 + Math.floor(Math.random() * 150))
      const store = await LibraryStore.open(dir, { lock: false })
      expect(store.notices).toEqual([])
      const title = (await store.readStory('s1')).story.title
      expect(title).toMatch(/^(Start|Revision \d+)$/)
      lastTitle = title === 'Start' ? lastTitle : Number(title.split(' ')[1])
      expect(store.library.settings.organisationName).toMatch(/^(Org \d+|)$/)
      await store.close()
    }
    expect(lastTitle).toBeGreaterThanOrEqual(0)
    const left = await readdir(dir)
    expect(left.filter((f) => f.includes('corrupt') || f.endsWith('.tmp'))).toEqual([])
  })
})
