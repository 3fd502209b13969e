// Connecting and disconnecting as the Connect dialog does, against a real PostgreSQL desk: TLS
// refused in words, a disconnect that never costs the changes made while disconnected, and the
// claim panel's keep-or-delete choice doing what it says.
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DELETED_FIELD, keepOrDelete } from '../../shared/rules/sync-conflicts'
import type { TestCore } from '../testing/test-core'
import { deskStatus, settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
  await cluster.member('news', 'ben')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

const TEXT = 'The council spent 4 million on roads. The mayor said crime fell by half.'

async function newClaim(t: TestCore): Promise<{ storyId: string; claimId: string }> {
  const story = await t.call('stories.create', { title: 'Roads', text: TEXT })
  const start = TEXT.indexOf('4 million')
  const claim = await t.call('claims.create', { storyId: story.id, start, end: start + '4 million'.length })
  return { storyId: story.id, claimId: claim.id }
}

const verdictOn = async (t: TestCore, storyId: string, claimId: string): Promise<string | null | undefined> =>
  (await t.call('stories.get', { id: storyId }).catch(() => null))?.claims.find((c) => c.id === claimId)?.verdict

describe('connecting to a desk', () => {
  it('says in words that the desk does not take TLS, with a code the dialog explains', async () => {
    const a = await cluster.client('news', 'ana')
    await a.call('desk.disconnect', {})
    const refused = await a.core.dispatch(
      'desk.connect',
      { ...cluster.connectInput('news', 'ana'), ssl: true },
      { url: 'app://factdesk/index.html', isMainFrame: true }
    )
    expect(refused.ok ? null : refused.error).toMatchObject({
      code: 'unsupported',
      message: expect.stringContaining('does not accept encrypted (TLS) connections')
    })
    expect((await a.call('desk.status', {})).state).toBe('off')
  }, 60_000)

  it('shares what was changed while disconnected when the same desk is connected again', async () => {
    const [a, b] = [await cluster.client('news', 'ana'), await cluster.client('news', 'ben')]
    const { storyId, claimId } = await newClaim(a)
    await waitFor('the claim on B', async () => (await verdictOn(b, storyId, claimId)) === null)
    await settled(a)

    expect((await a.call('desk.disconnect', {})).state).toBe('off')
    await a.call('claims.update', { storyId, claimId, patch: { verdict: 'false' } })
    await a.call('desk.connect', cluster.connectInput('news', 'ana'))
    await settled(a)

    // Not treated as new to the desk (where the desk's copy would win): the verdict reaches B and stays on A.
    await waitFor('the verdict on B', async () => (await verdictOn(b, storyId, claimId)) === 'false')
    expect(await verdictOn(a, storyId, claimId)).toBe('false')
    expect((await a.call('desk.status', {})).conflicts).toEqual([])
    // The password went to the platform's secret store, not into any file of the library.
    const files = (await readdir(a.core.store.dir, { recursive: true, withFileTypes: true })).filter((f) => f.isFile())
    expect(files.some((f) => f.name === 'state.json')).toBe(true)
    for (const f of files)
      expect(await readFile(path.join(f.parentPath, f.name), 'utf8'), f.name).not.toContain('ana-secret')
  }, 60_000)

  it('settles an edit against a delete as the panel offers it: keep, or delete on both sides', async () => {
    const [a, b] = [await cluster.client('news', 'ana'), await cluster.client('news', 'ben')]
    const first = await newClaim(a)
    const start = TEXT.indexOf('crime fell by half')
    const second = {
      storyId: first.storyId,
      claimId: (
        await a.call('claims.create', { storyId: first.storyId, start, end: start + 'crime fell by half'.length })
      ).id
    }
    for (const c of [first, second])
      await waitFor('the claims on B', async () => (await verdictOn(b, c.storyId, c.claimId)) === null)
    await settled(b)
    await b.core.desk.sync!.close()
    for (const c of [first, second]) await a.call('claims.delete', { storyId: c.storyId, claimId: c.claimId })
    await settled(a)
    for (const c of [first, second])
      await b.call('claims.update', { storyId: c.storyId, claimId: c.claimId, patch: { verdict: 'false' } })
    await b.core.desk.resume()
    const status = await waitFor('both conflicts on B', async () =>
      (await deskStatus(b)).conflicts.length === 2 ? deskStatus(b) : null
    )

    const choose = async (claimId: string, option: 'Keep' | 'Delete'): Promise<void> => {
      const conflict = status.conflicts.find((c) => c.unitId === claimId)!
      const field = conflict.fields[0]!
      expect(field.field).toBe(DELETED_FIELD)
      const side = keepOrDelete(field)[option === 'Keep' ? 'keep' : 'remove']
      await b.call('desk.resolve', { key: conflict.key, choices: { [DELETED_FIELD]: side } })
    }
    await choose(first.claimId, 'Keep')
    await choose(second.claimId, 'Delete')
    await settled(b)
    expect(await verdictOn(b, first.storyId, first.claimId)).toBe('false')
    expect(await verdictOn(b, second.storyId, second.claimId)).toBeUndefined()
    await waitFor(
      'the kept claim back on A',
      async () => (await verdictOn(a, first.storyId, first.claimId)) === 'false'
    )
    expect(await verdictOn(a, second.storyId, second.claimId)).toBeUndefined()
  }, 60_000)
})
