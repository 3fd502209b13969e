// Issue 24 item 5 through the real dispatch: on a system whose safeStorage reports the `basic_text`
// backend (no keyring) the desk password is refused, and desk.connect says so to the window with a
// code and how to set up a keyring, while the desk still connects with the password given. On the
// code before, the refusal was swallowed in the desk service and the window never heard of it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { memorySecrets } from '../platform'
import { openTestCore, testPlatform, withEditor } from '../testing/test-core'
import { settled, startDeskCluster, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
}, 60_000)
afterAll(async () => {
  await cluster?.close()
})

describe('a desk password on a system without a keyring', () => {
  it('connects, keeps nothing, and tells the editor how to set up a keyring', async () => {
    const platform = { ...testPlatform(), secrets: memorySecrets({ available: true, backend: 'basic_text' }) }
    const t = await openTestCore({ platform, deskRetryMs: 150 })
    try {
      await withEditor(t, 'ana')
      const input = cluster.connectInput('news', 'ana')
      const connected = await t.call('desk.connect', input)
      expect(connected.state).toBe('online')
      expect(connected.passwordNotice).toEqual({
        code: 'unsupported',
        message: expect.stringMatching(/not saved.*asked for at each connect.*keyring/s)
      })
      expect(await platform.secrets.load(`desk:${input.user}@${input.host}:${input.port}/${input.database}`)).toBeNull()
      // The desk works for this session with the password given: a new story is pushed to it.
      await t.call('stories.create', { title: 'Roads', text: 'The council spent 4 million.' })
      expect((await settled(t)).state).toBe('online')
    } finally {
      await t.cleanup()
    }
  }, 60_000)

  it('says nothing when the system has a keyring, and the password is kept', async () => {
    const platform = { ...testPlatform(), secrets: memorySecrets({ available: true, backend: 'gnome_libsecret' }) }
    const t = await openTestCore({ platform, deskRetryMs: 150 })
    try {
      await withEditor(t, 'ana')
      const input = cluster.connectInput('news', 'ana')
      const connected = await t.call('desk.connect', input)
      expect(connected.passwordNotice).toBeNull()
      expect(await platform.secrets.load(`desk:${input.user}@${input.host}:${input.port}/${input.database}`)).toBe(
        input.password
      )
    } finally {
      await t.cleanup()
    }
  }, 60_000)
})
