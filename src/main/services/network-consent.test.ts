// Consent to import from the local network is asked by main, in its own dialog naming the host, and
// remembered per host in main's config; the window cannot grant it (the contract has no such flag).
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { mkdtemp } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { configNetworkHosts } from '../app-config'
import { appSender, openTestCore, withEditor } from '../testing/test-core'

const article = readFileSync(path.join(__dirname, '..', 'import', 'fixtures', 'article.html'), 'utf8')
let server: http.Server
let port = 0
let inside = 0
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/redirector') {
      res.writeHead(302, { location: `http://localhost:${port}/inside` })
      return void res.end()
    }
    inside++
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end(article)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('consent to import from the local network', () => {
  it('is asked by main naming the host, refused on no, remembered per host on yes, and never taken from the window', async () => {
    const userData = await mkdtemp(path.join(os.tmpdir(), 'factdesk-user-'))
    // localhost always resolves to this computer, whatever the system resolver says of it.
    const lookup = async () => ['127.0.0.1']
    const t = await openTestCore({ networkHosts: configNetworkHosts(userData), importer: { lookup } })
    await withEditor(t)
    const redirector = `http://127.0.0.1:${port}/redirector`

    // The window cannot say yes for the editor.
    const flagged = await t.core.dispatch('import.url', { url: redirector, allowPrivateNetwork: true }, appSender)
    expect(flagged).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(t.platform.networkConsent.asked).toEqual([])

    const refused = await t.core.dispatch('import.url', { url: redirector }, appSender)
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'needs_consent', message: expect.stringContaining('you did not allow it') }
    })
    expect(t.platform.networkConsent.asked).toEqual([{ page: redirector, host: 'localhost', address: '127.0.0.1' }])
    expect(inside).toBe(0)

    t.platform.networkConsent.answer = true
    const imported = await t.call('import.url', { url: redirector })
    expect(imported.story.title).toBe('Did the factory closure cost 2,000 jobs?')
    expect(inside).toBe(1)
    expect(t.platform.networkConsent.asked).toHaveLength(2)

    // Remembered for that host in main's config, also after a restart: not asked again.
    await t.core.close()
    const again = await openTestCore({
      libraryDir: t.dir,
      identity: t.identity,
      networkHosts: configNetworkHosts(userData),
      importer: { lookup }
    })
    await again.call('import.url', { url: redirector })
    expect(again.platform.networkConsent.asked).toEqual([])
    expect(inside).toBe(2)
    await again.cleanup()
    await t.cleanup()
  })
})
