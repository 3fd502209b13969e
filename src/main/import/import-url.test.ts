import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { convertPage } from './convert'
import type { FetchOptions } from './fetch-page'
import { importUrl as fetchAndConvert } from './url'

/** The import path of the app, with the conversion run in-process (the worker runs the same function). */
const importUrl = (url: string, options: FetchOptions) => fetchAndConvert(url, options, convertPage)

const article = readFileSync(path.join(__dirname, 'fixtures', 'article.html'), 'utf8')
const noArticle = readFileSync(path.join(__dirname, 'fixtures', 'no-article.html'), 'utf8')

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void
const html =
  (body: string, status = 200): Handler =>
  (_req, res) => {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
    res.end(body)
  }
const redirect =
  (to: string, status = 302): Handler =>
  (_req, res) => {
    res.writeHead(status, { location: to })
    res.end()
  }

let base = ''
let server: http.Server
/** How many bytes the endless page managed to send before the client hung up. */
let endlessSent = 0
let endlessClosed: Promise<void> = Promise.resolve()

const routes: Record<string, Handler> = {
  '/article': html(article),
  '/moved': redirect('/article', 301),
  '/relative-hop': redirect('moved'),
  '/loop-a': redirect('/loop-b'),
  '/loop-b': redirect('/loop-a'),
  '/to-file': redirect('file:///etc/passwd'),
  '/missing': html('<h1>Not found</h1>', 404),
  '/broken': html('<h1>Internal error</h1>', 500),
  '/front-page': html(noArticle),
  '/report.pdf': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/pdf' })
    res.end('%PDF-1.7 ...')
  },
  '/photo': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]))
  },
  '/statement.txt': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
    res.end('Ministry statement on aid\n\nThe ministry said no new aid packages\nhad been announced since January.')
  },
  '/latin1': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=windows-1252' })
    res.end(Buffer.from(article.replace('The mayor said', 'The caf\xe9 owner and the mayor said'), 'latin1'))
  },
  '/slow-headers': (_req, res) => {
    const timer = setTimeout(() => html(article)(_req, res), 3000)
    res.on('close', () => clearTimeout(timer))
  },
  '/slow-body': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.write('<html><body><p>The first words arrive')
    const timer = setInterval(() => res.write(' and more'), 50)
    res.on('close', () => clearInterval(timer))
  },
  '/endless': (_req, res) => {
    // Chunked, with no length announced: only a reader that stops at the cap ever finishes.
    res.writeHead(200, { 'content-type': 'text/html' })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    endlessSent = 0
    endlessClosed = new Promise((resolve) => res.on('close', () => resolve()))
    const pump = (): void => {
      while (!res.destroyed && endlessSent < 500 * 1024 * 1024) {
        endlessSent += chunk.byteLength
        if (!res.write(chunk)) return void res.once('drain', pump)
      }
    }
    pump()
  },
  '/declared-huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(50 * 1024 * 1024) })
    res.write('<html>')
  }
}
/** Requests that reached the page no import may read without the editor's consent. */
let secretHits = 0
routes['/secret'] = (req, res) => {
  secretHits++
  html(article)(req, res)
}
routes['/same-host-hop'] = redirect('/secret')
routes['/to-metadata'] = redirect('http://169.254.169.254/latest/meta-data/iam/')
routes['/to-metadata-name'] = redirect('http://metadata.google.internal/computeMetadata/v1/')
for (let i = 0; i < 8; i++) routes[`/chain-${i}`] = redirect(i === 7 ? '/article' : `/chain-${i + 1}`)

beforeAll(async () => {
  server = http.createServer((req, res) =>
    (routes[new URL(req.url ?? '/', 'http://x').pathname] ?? html('nope', 404))(req, res)
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Another host name for this machine: a redirect there leads into the local network.
  routes['/to-localhost'] = redirect(`http://localhost:${(server.address() as AddressInfo).port}/article`)
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const load = (route: string, options: Partial<Parameters<typeof importUrl>[1]> = {}) =>
  importUrl(`${base}${route}`, { fetch, ...options })
const rejects = (
  route: string,
  code: string,
  message: RegExp,
  options: Partial<Parameters<typeof importUrl>[1]> = {}
) =>
  expect(load(route, options)).rejects.toMatchObject({
    name: 'AppError',
    code,
    message: expect.stringMatching(message)
  })

describe('importUrl', () => {
  it('fetches a page and extracts the article and its metadata', async () => {
    const story = await load('/article')
    expect(story.meta).toMatchObject({
      title: 'Did the factory closure cost 2,000 jobs?',
      byline: 'Sam Rivera',
      outlet: 'The Evening Ledger',
      publishedAt: '2024-05-14T07:45:00+01:00',
      language: 'en-GB'
    })
    expect(story.text).toContain('That gives about 1,550 jobs at the plant itself, not 2,000.')
    expect(story.text).not.toMatch(/LEAK|Most read|Mega Mart/)
  })

  it('follows a redirect, including a relative one, re-checking each hop', async () => {
    expect((await load('/moved')).text).toContain('1,550 jobs')
    expect((await load('/relative-hop')).text).toContain('1,550 jobs')
    await rejects(
      '/to-file',
      'invalid_input',
      /redirects to "file:\/\/\/etc\/passwd", which is not an http or https address/
    )
  })

  it('stops at a redirect loop and at too many redirects', async () => {
    await rejects('/loop-a', 'network_error', /redirects in a loop/)
    await rejects('/chain-0', 'network_error', /redirected more than 5 times/)
    await rejects('/moved', 'network_error', /more than 0 times/, { maxRedirects: 0 })
    // Four hops are within the default of five.
    expect((await load('/chain-4')).text).toContain('1,550 jobs')
  })

  it('reports 404 and 500 with the status and the address', async () => {
    await rejects('/missing', 'network_error', new RegExp(`Nothing was found at ${base}/missing \\(HTTP 404\\)`))
    await rejects('/broken', 'network_error', /had a problem \(HTTP 500\)\. Try again later/)
  })

  it('refuses non-HTML content, but accepts plain text', async () => {
    await rejects('/report.pdf', 'unsupported', /report\.pdf is a PDF document, not a web page/)
    await rejects('/photo', 'unsupported', /photo is an image, not a web page/)
    const story = await load('/statement.txt')
    expect(story.text).toBe(
      'Ministry statement on aid\n\nThe ministry said no new aid packages had been announced since January.'
    )
    expect(story.meta).toEqual({ title: 'Ministry statement on aid', url: `${base}/statement.txt` })
  })

  it('decodes the charset the server declares', async () => {
    expect((await load('/latin1')).text).toContain('The café owner and the mayor said')
  })

  it('refuses a page with no article', async () => {
    await rejects('/front-page', 'no_article', /No article text was found in .*front-page/)
  })

  it('gives up on a server that is too slow, whether before or during the body', async () => {
    await rejects('/slow-headers', 'network_error', /took longer than 0\.3 seconds/, { timeoutMs: 300 })
    await rejects('/slow-body', 'network_error', /took longer than 0\.3 seconds/, { timeoutMs: 300 })
  })

  it('keeps to the deadline even with a fetch that ignores the abort signal', async () => {
    const stubborn: typeof fetch = () =>
      Promise.resolve(
        new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('<p>never ends')) }), {
          headers: { 'content-type': 'text/html' }
        })
      )
    await expect(importUrl('https://ledger.example/story', { fetch: stubborn, timeoutMs: 200 })).rejects.toMatchObject({
      code: 'network_error',
      message: expect.stringMatching(/took longer than 0\.2 seconds/)
    })
  })

  it('stops reading an oversized response at the cap', async () => {
    await rejects('/endless', 'too_large', /larger than the 1\.0 MB Factdesk reads/, { maxBytes: 1024 * 1024 })
    await endlessClosed
    // The client hung up long before the 500 MB the server would have sent.
    expect(endlessSent).toBeLessThan(100 * 1024 * 1024)
    await rejects('/declared-huge', 'too_large', /larger than the 10\.0 MB/)
  })

  it('refuses addresses that are not http(s) without fetching anything', async () => {
    const refuse = (url: string, message: RegExp) =>
      expect(importUrl(url, { fetch: () => Promise.reject(new Error('fetched')) })).rejects.toMatchObject({
        code: 'invalid_input',
        message: expect.stringMatching(message)
      })
    await refuse('file:///etc/passwd', /not an http or https address/)
    await refuse('javascript:alert(1)', /not an http or https address/)
    await refuse('ftp://example.org/story.txt', /not an http or https address/)
    await refuse('ledger.example/story', /is not a web address/)
    await refuse('https://user:secret@example.org/', /user name or password/)
  })

  it('says when a server cannot be reached', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    await expect(importUrl(`http://127.0.0.1:${port}/`, { fetch })).rejects.toMatchObject({
      code: 'network_error',
      message: expect.stringMatching(/refused the connection/)
    })
  })

  it('asks before following a redirect into this computer or the local network, and follows it with consent', async () => {
    await expect(importUrl(`${base}/to-localhost`, { fetch })).rejects.toMatchObject({
      code: 'needs_consent',
      message: expect.stringMatching(
        /redirects to localhost:\d+ \((127\.0\.0\.1|::1)\), which is on this computer or your local network/
      )
    })
    const story = await importUrl(`${base}/to-localhost`, { fetch, consent: async () => true })
    expect(story.meta.title).toBe('Did the factory closure cost 2,000 jobs?')
  })

  it('asks when a public-looking name resolves to a private address', async () => {
    const lookup = async (host: string) => (host === 'news.example' ? ['10.0.0.7'] : ['127.0.0.1'])
    const hop = async (url: string | URL | Request, init?: RequestInit) =>
      fetch(String(url).includes('news.example') ? `${base}/article` : `${base}/redirect-to-news`, init)
    routes['/redirect-to-news'] = redirect('http://news.example/story')
    await expect(importUrl(`${base}/redirect-to-news`, { fetch: hop as typeof fetch, lookup })).rejects.toMatchObject({
      code: 'needs_consent',
      message: expect.stringMatching(/news\.example \(10\.0\.0\.7\)/)
    })
  })

  it('re-checks a redirect to the same host name, whose address changed to a private one (a loopback redirector)', async () => {
    const port = (server.address() as AddressInfo).port
    // The name first resolves to a public address (the test sends that connection to this loopback
    // server, the redirector), then, asked again for the redirect, to this computer.
    let asked = 0
    const lookup = async () => (asked++ === 0 ? ['93.184.216.34'] : ['127.0.0.1'])
    const connectTo = (address: string) => (address === '93.184.216.34' ? '127.0.0.1' : address)
    secretHits = 0
    await expect(
      importUrl(`http://news.example:${port}/same-host-hop`, { fetch, lookup, connectTo })
    ).rejects.toMatchObject({
      code: 'needs_consent',
      message: expect.stringMatching(/news\.example:\d+ \(127\.0\.0\.1\)/)
    })
    expect(secretHits).toBe(0)
    // Main asks the editor; a no is a refusal, a yes follows the redirect to the address agreed to.
    const questions: string[] = []
    asked = 0
    await expect(
      importUrl(`http://news.example:${port}/same-host-hop`, {
        fetch,
        lookup,
        connectTo,
        consent: async (host, address) => (questions.push(`${host} ${address}`), false)
      })
    ).rejects.toMatchObject({ code: 'needs_consent', message: expect.stringContaining('you did not allow it') })
    expect(questions).toEqual(['news.example 127.0.0.1'])
    expect(secretHits).toBe(0)
    asked = 0
    const story = await importUrl(`http://news.example:${port}/same-host-hop`, {
      fetch,
      lookup,
      connectTo,
      consent: async () => true
    })
    expect(story.meta.title).toBe('Did the factory closure cost 2,000 jobs?')
    expect(secretHits).toBe(1)
  })

  it('connects to the address it checked, so a second DNS answer cannot switch it inward (a rebinding resolver)', async () => {
    const port = (server.address() as AddressInfo).port
    // The check is told "public"; the system resolver would say 127.0.0.1 for localhost at connect time.
    const lookup = async () => ['93.184.216.34']
    const connectTo = (address: string) => (address === '93.184.216.34' ? '192.0.2.1' : address)
    secretHits = 0
    await expect(
      importUrl(`http://localhost:${port}/secret`, { fetch, lookup, connectTo, timeoutMs: 1500 })
    ).rejects.toMatchObject({ code: 'network_error' })
    expect(secretHits).toBe(0)
  })

  it('never fetches a cloud metadata address, with or without consent', async () => {
    let fetched = 0
    const counting = ((url: string | URL | Request, init?: RequestInit) => {
      if (!String(url).startsWith(base)) fetched++
      return fetch(url, init)
    }) as typeof fetch
    for (const address of [
      `${base}/to-metadata`,
      `${base}/to-metadata-name`,
      'http://169.254.169.254/latest/meta-data/'
    ]) {
      await expect(importUrl(address, { fetch: counting, consent: async () => true })).rejects.toMatchObject({
        code: 'forbidden',
        message: expect.stringMatching(/cloud metadata address.*never reads it/)
      })
    }
    expect(fetched).toBe(0)
  })

  it('stops when cancelled', async () => {
    const controller = new AbortController()
    const pending = importUrl(`${base}/slow-headers`, { fetch, signal: controller.signal })
    setTimeout(() => controller.abort(), 50)
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' })
  })
})
