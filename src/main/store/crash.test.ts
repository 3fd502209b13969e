import { spawn } from 'node:child_process'
import { mkdtemp, readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { STORY_SCHEMA_VERSION } from '../../shared/model'
import { LibraryStore } from './library-store'

const at = '2026-11-25T10:00:00.000Z'
const KILLS = 20

/**
 * Starts the writer, waits until it is writing, lets it run a random while, then SIGKILLs it.
 * Resolves with the last save it acknowledged (0 when none).
 */
function writeAndKill(dir: string, storyId: string, afterMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'crash-writer.fixture.ts'), dir, storyId],
      { stdio: ['ignore', 'pipe', 'inherit'] }
    )
    let acknowledged = 0
    let pending = ''
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), afterMs))
    child.stdout.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8')
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) if (line.startsWith('ack ')) acknowledged = Number(line.slice(4))
    })
    child.once('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(acknowledged)
        : reject(new Error(`writer exited on its own (${signal ?? 'no signal'})`))
    )
  })
}

describe('a writer killed at random moments', () => {
  it(
    `always reopens to the acknowledged saves, whether the kill lands in a journal append, a fold or a rewrite (${KILLS} kills)`,
    { timeout: 120_000 },
    async () => {
      const dir = path.join(await mkdtemp(path.join(os.tmpdir(), 'factdesk-crash-')), 'library')
      const setup = await LibraryStore.open(dir, { lock: false })
      await setup.createStory({
        schemaVersion: STORY_SCHEMA_VERSION,
        story: {
          id: 's1',
          title: 'Start',
          outlet: '',
          byline: '',
          url: '',
          publishedAt: '',
          language: 'en',
          text: 'x',
          revision: 1,
          deskState: 'draft',
          signOff: null,
          corrections: [],
          nextClaimNumber: 1,
          origin: { kind: 'paste', location: '' },
          createdAt: at,
          updatedAt: at
        },
        revisions: [],
        claims: [],
        evidence: [],
        activity: []
      })
      await setup.close()

      let last = 0
      for (let kill = 0; kill < KILLS; kill++) {
        const acknowledged = await writeAndKill(dir, 's1', 5 + Math.floor(Math.random() * 150))
        const store = await LibraryStore.open(dir, { lock: false })
        expect(store.notices).toEqual([])
        // The index line as opening finds it (reading the story would heal it).
        const indexed = store.library.stories.find((s) => s.id === 's1')?.title
        // The first part read from the story's head (when it describes story.json) is the story as read whole.
        const start = await store.readStoryStart('s1', 200)
        const file = await store.readStory('s1')
        const title = file.story.title
        if (start) expect([start.story, start.activityCount]).toEqual([file.story, file.activity.length])
        expect(title).toMatch(/^(Start|Revision \d+)$/)
        const saved = title === 'Start' ? 0 : Number(title.split(' ')[1])
        // Every acknowledged save is there; at most the one in flight when the kill came is there too.
        const floor = Math.max(acknowledged, last)
        expect(saved === floor || saved === floor + 1).toBe(true)
        // Its activity exactly once each, in order: none lost or doubled by a fold cut off.
        expect(file.activity.map((a) => a.id)).toEqual(Array.from({ length: saved }, (_, i) => `a${i + 1}`))
        // Its index line describes it, though the writer's index lines trail its saves by up to 3 s.
        expect(indexed).toBe(title)
        last = saved
        expect(store.library.settings.organisationName).toMatch(/^(Org \d+|)$/)
        await store.close()
      }
      expect(last).toBeGreaterThan(0)
      const left = await readdir(dir)
      expect(left.filter((f) => f.includes('corrupt') || f.endsWith('.tmp'))).toEqual([])
    }
  )
})
