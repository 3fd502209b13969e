// Each way a desk connection fails, against real servers (PostgreSQL, a closed port, a server that
// never answers, a name DNS does not know), comes back with its own code and words.
import { createServer, type Server, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ChannelInput } from '../../shared/contract'
import { appSender, openTestCore, withEditor, type TestCore } from '../testing/test-core'
import { startDeskCluster, type DeskCluster } from './testing/desk-cluster'

let cluster: DeskCluster
let t: TestCore
let silent: Server
const sockets: Socket[] = []
beforeAll(async () => {
  cluster = await startDeskCluster()
  await cluster.member('news', 'ana')
  await cluster.member('other', 'olga')
  t = await openTestCore({ deskRetryMs: 150 })
  await withEditor(t, 'Ana')
  // Accepts connections and never says a word: a desk behind a firewall that drops the handshake.
  silent = createServer((s) => void sockets.push(s))
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve))
}, 60_000)
afterAll(async () => {
  for (const s of sockets) s.destroy()
  silent?.close()
  await t?.cleanup()
  await cluster?.close()
})

const connect = async (input: Partial<ChannelInput<'desk.connect'>>) => {
  const result = await t.core.dispatch('desk.connect', { ...cluster.connectInput('news', 'ana'), ...input }, appSender)
  return result.ok ? null : result.error
}

describe('desk connect errors', () => {
  it('gives unknown host, refused, timeout, auth, not a member and malformed addresses their own codes', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer()
      probe.listen(0, '127.0.0.1', () => {
        const port = (probe.address() as { port: number }).port
        probe.close(() => resolve(port))
      })
    })
    const silentPort = (silent.address() as { port: number }).port
    expect(await connect({ host: 'no-such-desk.invalid' })).toMatchObject({
      code: 'unknown_host',
      message: expect.stringContaining('no-such-desk.invalid')
    })
    expect(await connect({ host: '127.0.0.1', port: closed })).toMatchObject({ code: 'network_error' })
    expect(await connect({ host: '127.0.0.1', port: silentPort })).toMatchObject({ code: 'timed_out' })
    expect(await connect({ password: 'wrong' })).toMatchObject({ code: 'forbidden' })
    expect(await connect({ user: 'olga', password: 'olga-secret' })).toMatchObject({
      code: 'not_member',
      message: expect.stringContaining('not a member')
    })
    expect(await connect({ url: 'postgresql://ana@desk.example.org:99999/x' })).toMatchObject({ code: 'invalid_input' })
    expect(await connect({ url: 'not a url' })).toMatchObject({ code: 'invalid_input' })
    // A host that is a path would connect to a Unix socket on this computer: refused.
    expect(await connect({ host: '/var/run/postgresql' })).toMatchObject({ code: 'invalid_input' })
    expect(await connect({ url: 'postgresql://ana@%2Fvar%2Frun%2Fpostgresql/x' })).toMatchObject({
      code: 'invalid_input'
    })
    // An IPv6 address in brackets is an address, not a host called "[::1]".
    const v6 = await connect({ url: `postgresql://ana@[::1]:${closed}/x` })
    expect(v6?.code).toBe('network_error')
    expect(v6?.message).toContain('::1')
    expect(v6?.message).not.toContain('[')
    // After all that, the right details still connect.
    expect(await connect({})).toBeNull()
  }, 60_000)
})
