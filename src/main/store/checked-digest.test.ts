// checked.json: bytes the store checked and wrote are only parsed when a story is next opened, and
// a file changed since (by anything) is checked in full exactly as before.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { benchIdentity, buildLibrary } from '../testing/library-fixture'
import { openTestCore } from '../testing/test-core'
import { checkedFileOf, CheckedDigests, digestOf } from './checked-digest'
import { LibraryStore } from './library-store'

let root: string
let built: string
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'factdesk-digest-'))
  built = path.join(root, 'built')
  await buildLibrary(built, 1, 12)
})
afterAll(() => rm(root, { recursive: true, force: true }))

const storyDir = (dir: string): string => path.join(dir, 'stories', 'story0')

/** What opening the story finds: the story (or the refusal's code) and the notices, with the folder's path taken out. */
async function openFinds(dir: string): Promise<unknown> {
  const store = await LibraryStore.open(dir, { lock: false })
  try {
    const file = await store.readStory('story0').catch((e: { code?: string }) => ({ refused: e.code }))
    const notices = store.notices.map((n) => ({
      kind: n.kind,
      message: n.message.replaceAll(dir, '<dir>').replace(/recovered\/[0-9TZ-]+-/g, 'recovered/<when>-')
    }))
    return { file, notices }
  } finally {
    await store.close()
  }
}

let copies = 0
async function copyOf(source: string): Promise<string> {
  const dir = path.join(root, `copy${copies++}`)
  await cp(source, dir, { recursive: true })
  return dir
}

describe('checked.json', () => {
  it('is what the store wrote: after saves and a close, it describes story.json and the whole activity log', async () => {
    const dir = await copyOf(built)
    const t = await openTestCore({ libraryDir: dir, identity: benchIdentity })
    for (let i = 0; i < 5; i++)
      await t.call('claims.update', { storyId: 'story0', claimId: `story0-c${i}`, patch: { rationale: `Pass ${i}` } })
    await t.core.close()
    const digests = CheckedDigests.parse(JSON.parse(await readFile(checkedFileOf(storyDir(dir)), 'utf8')))
    const state = await readFile(path.join(storyDir(dir), 'story.json'))
    const activity = await readFile(path.join(storyDir(dir), 'activity.jsonl'))
    expect(digests.state).toEqual({ bytes: state.length, digest: digestOf(state) })
    expect(digests.activity.at(-1)?.end).toBe(activity.length)
    let start = 0
    for (const range of digests.activity) {
      expect(digestOf(activity.subarray(start, range.end))).toBe(range.digest)
      start = range.end
    }
  })

  it('takes a story.json the store wrote as checked (a record the schema would refuse opens as written)', async () => {
    // Fails on the code before checked.json, which checked every record on every open.
    const dir = await copyOf(built)
    const file = path.join(storyDir(dir), 'story.json')
    const state = JSON.parse(await readFile(file, 'utf8')) as { claims: Record<string, unknown>[] }
    // A key the claim's strict schema does not know.
    ;(state.claims[0] as Record<string, unknown>).unknownKey = 1
    const json = JSON.stringify(state)
    await writeFile(file, json)
    const digests = CheckedDigests.parse(JSON.parse(await readFile(checkedFileOf(storyDir(dir)), 'utf8')))
    await writeFile(
      checkedFileOf(storyDir(dir)),
      JSON.stringify({ ...digests, state: { bytes: Buffer.byteLength(json), digest: digestOf(json) } })
    )
    const finds = (await openFinds(dir)) as { file: { claims: Record<string, unknown>[] }; notices: unknown[] }
    expect(finds.notices).toEqual([])
    expect(finds.file.claims[0]?.unknownKey).toBe(1)
  })

  it('never changes what an open finds in files changed since they were written (damage, edits, cut-off writes)', async () => {
    const without = await copyOf(built)
    await rm(checkedFileOf(storyDir(without)))
    expect(await openFinds(await copyOf(built))).toEqual(await openFinds(await copyOf(without)))
    const sizes = {
      'story.json': (await readFile(path.join(storyDir(built), 'story.json'))).length,
      'activity.jsonl': (await readFile(path.join(storyDir(built), 'activity.jsonl'))).length
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('story.json' as const, 'activity.jsonl' as const),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom('flip', 'cut', 'append', 'replace'),
        fc.integer({ min: 0, max: 255 }),
        async (name, where, how, byte) => {
          const finds: unknown[] = []
          for (const source of [built, without]) {
            const dir = await copyOf(source)
            const file = path.join(storyDir(dir), name)
            const bytes = await readFile(file)
            const at = Math.min(bytes.length - 1, Math.floor(where * sizes[name]))
            const changed =
              how === 'flip'
                ? Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at + 1)])
                : how === 'cut'
                  ? bytes.subarray(0, at)
                  : how === 'append'
                    ? Buffer.concat([bytes, Buffer.from('{"id":"x"}\n')])
                    : // A value another program wrote that still parses: a claim's status changed.
                      Buffer.from(bytes.toString('utf8').replace('"status":"open"', '"status":"bogus"'))
            await writeFile(file, changed)
            finds.push(await openFinds(dir))
            await rm(dir, { recursive: true, force: true })
          }
          expect(finds[0]).toEqual(finds[1])
        }
      ),
      { numRuns: 25 }
    )
  })
})
