// Fetches one web page for import: http(s) only, redirects followed by hand and every hop checked
// for where it leads, the connection pinned to the address that was checked, a deadline, a byte cap.
import { lookup as dnsLookup } from 'node:dns/promises'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'
import { AppError } from '../../shared/result'
import { onFirstUse } from '../first-use'
import { caps, formatMb } from './limits'

export interface FetchOptions {
  fetch: typeof fetch
  timeoutMs?: number
  maxBytes?: number
  maxRedirects?: number
  /**
   * Asks the editor (main asks, with a native dialog naming the host) whether a redirect may lead to
   * this host on this computer or the local network. Without it such a redirect is refused with
   * `needs_consent`.
   */
  consent?: (host: string, address: string) => Promise<boolean>
  /** Resolves a host name to its addresses (tests map names; the default asks the system resolver). */
  lookup?: (host: string) => Promise<string[]>
  /** Where the connection to a checked address goes (tests send a public test address to a loopback server). */
  connectTo?: (address: string) => string
  signal?: AbortSignal
}

export interface FetchedPage {
  /** Where the page was finally found, after redirects. */
  url: string
  kind: 'html' | 'text'
  charset?: string
  bytes: Uint8Array
}

const undici = onFirstUse<typeof import('undici')>('undici')

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const HEADERS = {
  accept: 'text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8',
  // Some sites turn away clients that do not name themselves; this one says what it is.
  'user-agent': 'Mozilla/5.0 (compatible; Factdesk/0.1; newsroom fact-checking)'
}

/**
 * One deadline covers every hop and the body, so a server that trickles bytes cannot hold an
 * import open. Redirects are followed by hand (`redirect: 'manual'`) so each hop is checked for
 * http(s) before anything is sent to it, and counted. Reads race the deadline as well as passing
 * the signal, in case an injected fetch ignores the signal once the headers are in.
 */
export async function fetchPage(address: string, options: FetchOptions): Promise<FetchedPage> {
  const maxBytes = options.maxBytes ?? caps.pageBytes
  const maxRedirects = options.maxRedirects ?? caps.redirects
  const timeoutMs = options.timeoutMs ?? caps.timeoutMs
  let url = webAddress(address, address)
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), timeoutMs)
  const cancelled = new Promise<never>((_, reject) => {
    const cancel = () => reject(new AppError('cancelled', `The import of ${address} was cancelled.`))
    if (options.signal?.aborted) cancel()
    options.signal?.addEventListener('abort', cancel, { once: true })
  })
  cancelled.catch(() => undefined)
  options.signal?.addEventListener('abort', () => controller.abort(), { once: true })
  const deadline = new Promise<never>((_, reject) => {
    controller.signal.addEventListener(
      'abort',
      () =>
        reject(
          new AppError(
            'network_error',
            `${address} took longer than ${timeoutMs >= 1000 ? Math.round(timeoutMs / 1000) : timeoutMs / 1000} seconds to load, so the import was stopped. Try again later, or copy the story from your browser and paste it.`
          )
        ),
      { once: true }
    )
  })
  deadline.catch(() => undefined)
  // Each host connects to the address its check approved, never to a second DNS answer (rebinding).
  const pinned = new Map<string, string[]>()
  const pinnedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    const checked = pinned.get(hostname.toLowerCase())
    if (!checked || checked.length === 0) {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' })
      return lookupOptions.all ? callback(error, []) : callback(error, '', 4)
    }
    // Every address the check saw (IPv6 and IPv4 of one name, tried in turn), and no other.
    const targets = checked.map((a) => options.connectTo?.(a) ?? a)
    const entries = targets.map((address) => ({ address, family: isIP(address) === 6 ? 6 : 4 }))
    if (lookupOptions.all) callback(null, entries)
    else callback(null, entries[0]!.address, entries[0]!.family)
  }
  const dispatcher = new (undici().Agent)({ connect: { lookup: pinnedLookup } })
  try {
    const seen = new Set([url.href])
    const typedHost = url.hostname
    let typedInside = false
    for (let hop = 0; ; hop++) {
      const destination: Destination = await Promise.race([
        checkDestination(url, address, hop > 0 && !(url.hostname === typedHost && typedInside), options),
        deadline,
        cancelled
      ])
      if (hop === 0) typedInside = destination.inside
      pinned.set(url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), destination.addresses)
      const init = { redirect: 'manual', signal: controller.signal, headers: HEADERS, dispatcher }
      const response = await Promise.race([options.fetch(url.href, init as RequestInit), deadline, cancelled])
      if (REDIRECTS.has(response.status)) {
        void response.body?.cancel().catch(() => undefined)
        if (hop >= maxRedirects)
          throw new AppError(
            'network_error',
            `${address} redirected more than ${maxRedirects} times, so Factdesk stopped following it. Open it in a browser and import the address it ends up at.`
          )
        const location = response.headers.get('location')
        if (!location)
          throw new AppError(
            'network_error',
            `${url.href} answered with a redirect (HTTP ${response.status}) but did not say where to.`
          )
        url = webAddress(new URL(location, url).href, address)
        if (seen.has(url.href))
          throw new AppError(
            'network_error',
            `${address} redirects in a loop and never reaches a page. Open it in a browser to see what the site is doing.`
          )
        seen.add(url.href)
        continue
      }
      if (response.type === 'opaqueredirect')
        throw new AppError('network_error', `${address} redirected, and the redirect could not be followed.`)
      if (!response.ok) throw statusError(url.href, response.status)
      const contentType = response.headers.get('content-type') ?? ''
      const kind = pageKind(url.href, contentType)
      const declared = Number(response.headers.get('content-length') ?? '0')
      if (declared > maxBytes) throw tooLarge(url.href, maxBytes)
      const bytes = await readCapped(response, maxBytes, Promise.race([deadline, cancelled]), url.href)
      const charset = /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1]
      return { url: url.href, kind, bytes, ...(charset ? { charset } : {}) }
    }
  } catch (error) {
    if (error instanceof AppError) throw error
    if (options.signal?.aborted) await cancelled
    if (controller.signal.aborted) await deadline
    throw networkError(url.href, error)
  } finally {
    clearTimeout(timer)
    controller.abort() // Frees any connection still open after an error.
    void dispatcher.destroy().catch(() => undefined)
  }
}

/** Cloud metadata services: they hand out the machine's credentials to whoever asks, so never. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'instance-data',
  'instance-data.ec2.internal'
])
const isMetadataAddress = (address: string): boolean =>
  /^169\.254\.169\.\d+$/.test(address) ||
  address === '169.254.170.2' ||
  address === '100.100.100.200' ||
  address === '192.0.0.192' ||
  /^fd00:ec2::/i.test(address)

/** Anything but a public unicast address: loopback, private, link-local, unique-local, CGNAT, ... */
function isPrivateAddress(address: string): boolean {
  try {
    return ipaddr.process(address).range() !== 'unicast'
  } catch {
    return false
  }
}

interface Destination {
  /** The addresses checked: the connection goes to these only. */
  addresses: string[]
  inside: boolean
}

const systemLookup = async (host: string): Promise<string[]> =>
  (await dnsLookup(host, { all: true })).map((a) => a.address)

/**
 * Refuses cloud metadata addresses on every hop, and asks (through `consent`, or a `needs_consent`
 * error) before any redirect leads to this computer or the local network, also to the same host
 * name when its address changed: an intranet page is a fair source, but a public page should not be
 * able to make Factdesk read one without the editor knowing. The address the editor typed is theirs
 * to choose. Says the addresses checked, which the connection is pinned to, and whether one is inside.
 */
async function checkDestination(
  url: URL,
  asked: string,
  redirected: boolean,
  options: FetchOptions
): Promise<Destination> {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase()
  let addresses: string[] = []
  if (isIP(host)) addresses = [host]
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host)
    } catch {
      addresses = [] // An unknown host fails in fetch with its own message.
    }
  }
  if (METADATA_HOSTS.has(host) || addresses.some(isMetadataAddress)) {
    throw new AppError(
      'forbidden',
      `${asked} leads to ${url.host}, a cloud metadata address that hands out this computer's credentials. Factdesk never reads it; check the address you imported.`
    )
  }
  const inside = addresses.find(isPrivateAddress)
  if (redirected && inside) {
    const agreed = options.consent ? await options.consent(host, inside) : false
    if (!agreed)
      throw new AppError(
        'needs_consent',
        `${asked} redirects to ${url.host} (${inside}), which is on this computer or your local network. It was not imported${options.consent ? ' because you did not allow it' : ''}; import from it only if you expected an internal page.`
      )
  }
  return { addresses, inside: inside !== undefined }
}

function webAddress(value: string, asked: string): URL {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new AppError(
      'invalid_input',
      `"${asked}" is not a web address. Paste the full address, starting with https://.`
    )
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const where = value === asked ? `"${asked}"` : `${asked} redirects to "${value}", which`
    throw new AppError('invalid_input', `${where} is not an http or https address; Factdesk only imports web pages.`)
  }
  if (url.username || url.password)
    throw new AppError('invalid_input', `${asked} contains a user name or password; remove them from the address.`)
  return url
}

function pageKind(url: string, contentType: string): 'html' | 'text' {
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase()
  // A missing type is read as HTML; binary that slips through is refused by the decoder.
  if (type === '' || type === 'text/html' || type === 'application/xhtml+xml') return 'html'
  if (type === 'text/plain') return 'text'
  const what =
    type === 'application/pdf'
      ? 'a PDF document'
      : type.startsWith('image/')
        ? 'an image'
        : type.startsWith('video/') || type.startsWith('audio/')
          ? 'a media file'
          : `"${type}" content`
  throw new AppError(
    'unsupported',
    `${url} is ${what}, not a web page. Download it and import it as a file if it is .docx, .html, .md or .txt, or paste its text.`
  )
}

async function readCapped(
  response: Response,
  maxBytes: number,
  deadline: Promise<never>,
  url: string
): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0)
  const reader = response.body.getReader()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await Promise.race([reader.read(), deadline])
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined)
      throw tooLarge(url, maxBytes)
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.byteLength
  }
  return bytes
}

const tooLarge = (url: string, maxBytes: number): AppError =>
  new AppError(
    'too_large',
    `${url} is larger than the ${formatMb(maxBytes)} Factdesk reads from a web page, so it was not imported. Copy the story from your browser and paste it instead.`
  )

function statusError(url: string, status: number): AppError {
  if (status === 404 || status === 410)
    return new AppError(
      'network_error',
      `Nothing was found at ${url} (HTTP ${status}). Check the address; the story may have moved or been taken down.`
    )
  if (status === 401 || status === 403)
    return new AppError(
      'network_error',
      `${url} refused access (HTTP ${status}). It may need a login or subscription; copy the story from your browser and paste it instead.`
    )
  if (status === 429)
    return new AppError(
      'network_error',
      `${url} is turning away requests for now (HTTP 429). Wait a few minutes and try again.`
    )
  if (status >= 500)
    return new AppError('network_error', `The server for ${url} had a problem (HTTP ${status}). Try again later.`)
  return new AppError('network_error', `${url} answered HTTP ${status} instead of a page.`)
}

function networkError(url: string, error: unknown): AppError {
  const cause =
    error instanceof Error && error.cause && typeof error.cause === 'object'
      ? (error.cause as { code?: string; message?: string })
      : {}
  const host = new URL(url).host
  if (cause.code === 'ENOTFOUND' || cause.code === 'EAI_AGAIN')
    return new AppError(
      'network_error',
      `Could not find the server ${host}. Check the address and your internet connection.`
    )
  if (cause.code === 'ECONNREFUSED')
    return new AppError('network_error', `${host} refused the connection. The site may be down; try again later.`)
  if (cause.code?.includes('CERT') || cause.code?.startsWith('ERR_TLS'))
    return new AppError(
      'network_error',
      `The secure connection to ${host} failed (${cause.code}). Do not import from it until the site's certificate is fixed.`
    )
  const detail = cause.message || (error instanceof Error ? error.message : String(error))
  return new AppError('network_error', `Could not load ${url}: ${detail}.`)
}
