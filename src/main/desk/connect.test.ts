// Connecting and disconnecting as the Connect dialog does, against a real PostgreSQL desk: TLS
// refused in words, and a disconnect that never costs the changes made while disconnected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestCore } from '../testing/test-core'
import { settled, startDeskCluster, waitFor, type DeskCluster } from './testing/desk-cluster'

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
    const refused = await a.core.dispatch('desk.connect', { ...cluster.connectInput('news', 'ana'), ssl: true }, { url: 'app://factdesk/index.html', isMainFrame: true })
    expect(refused.ok ? null : refused.error).toMatchObject({ code: 'unsupported', message: expect.stringContaining('does not accept encrypted (TLS) connections') })
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
  }, 60_000)
})
