// What the app's page is served with, wherever it is served from: the app:// protocol in Electron
// and the e2e browser driver's static server use this one module, so both send the same types and
// the same Content-Security-Policy header. The CSP is a response header, not a <meta> tag:
// `frame-ancestors` (and report directives) are ignored in a meta tag.
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

const securityHeaders = (): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store'
})

/** Resolves a request path inside `root` and reads it; `..` and encoded tricks that leave the root are 403. */
export async function serveRendererFile(root: string, pathname: string): Promise<ServedFile> {
  const base = path.resolve(root)
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
    const body = await readFile(file)
    return { status: 200, headers: { ...securityHeaders(), 'content-type': type }, body }
  } catch {
    return { status: 404, headers: securityHeaders(), body: 'Not found' }
  }
}
