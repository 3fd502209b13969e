// What the app's page is served with, wherever it is served from: the app:// protocol in Electron
// and the e2e browser driver's static server use this one module, so both send the same types and
// the same Content-Security-Policy header. The CSP is a response header, not a <meta> tag:
// `frame-ancestors` (and report directives) are ignored in a meta tag.
// The built renderer does not change while the app runs, so each file is read from disk once and then
// answered from memory (a reload or a second window reads nothing), and the build's hashed assets may be
// kept by the page's caches: `immutable`, where `no-store` kept Chromium from keeping V8's compiled code.
import { readFile } from 'node:fs/promises'
import path from 'node:path'

export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'"
].join('; ')

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json'
}

export interface ServedFile {
  status: 200 | 403 | 404
  headers: Record<string, string>
  body: Buffer | string
}

const securityHeaders = (cacheControl = 'no-store'): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cache-control': cacheControl
})

/** The build's assets are named by their content's hash: a changed file is a new name, so any copy of one may be kept. */
const ASSETS = `${path.sep}assets${path.sep}`
const cacheControlOf = (file: string, base: string): string =>
  file.startsWith(base + ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache'

/**
 * The server of the built renderer in `root`: resolves a request path inside it and answers with the
 * file, read from disk the first time it is asked for and from memory after that; `..` and encoded
 * tricks that leave the root are 403.
 */
export function rendererFileServer(root: string): (pathname: string) => Promise<ServedFile> {
  const base = path.resolve(root)
  const read = new Map<string, Promise<Buffer>>()
  const readOnce = (file: string): Promise<Buffer> => {
    const known = read.get(file)
    if (known) return known
    const reading = readFile(file)
    read.set(file, reading)
    // A file that could not be read is asked of the disk again next time.
    reading.catch(() => read.delete(file))
    return reading
  }
  return (pathname) => serveFile(base, pathname, readOnce)
}

async function serveFile(
  base: string,
  pathname: string,
  readOnce: (file: string) => Promise<Buffer>
): Promise<ServedFile> {
  let relative: string
  try {
    relative = decodeURIComponent(pathname === '/' || pathname === '' ? '/index.html' : pathname)
  } catch {
    return { status: 404, headers: securityHeaders(), body: 'Not found' }
  }
  if (relative.includes('\0')) return { status: 403, headers: securityHeaders(), body: 'Forbidden' }
  const file = path.resolve(base, `.${relative.startsWith('/') ? relative : `/${relative}`}`)
  if (!file.startsWith(base + path.sep)) return { status: 403, headers: securityHeaders(), body: 'Forbidden' }
  const type = contentTypes[path.extname(file).toLowerCase()]
  if (!type) return { status: 404, headers: securityHeaders(), body: 'Not found' }
  try {
    const body = await readOnce(file)
    return { status: 200, headers: { ...securityHeaders(cacheControlOf(file, base)), 'content-type': type }, body }
  } catch {
    return { status: 404, headers: securityHeaders(), body: 'Not found' }
  }
}
