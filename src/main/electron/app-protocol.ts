// Serves the built renderer from app://factdesk/ instead of file://, so the page has a real origin
// that IPC sender checks and the CSP can name, and cannot read arbitrary files. Every response
// carries the Content-Security-Policy header (renderer-files.ts).
import { protocol } from 'electron'
import { rendererFileServer } from './renderer-files'

export const APP_SCHEME = 'app'
export const APP_HOST = 'factdesk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

/**
 * Must run before the app is ready. `codeCache`: Chromium keeps V8's compiled code for the renderer's
 * scripts between runs (only http(s) gets it by default), so from the third start on the window's JS is
 * not compiled again.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }
  ])
}

export function serveRenderer(rendererDir: string): void {
  const serve = rendererFileServer(rendererDir)
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url)
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 })
    const served = await serve(url.pathname)
    return new Response(typeof served.body === 'string' ? served.body : new Uint8Array(served.body), {
      status: served.status,
      headers: served.headers
    })
  })
}
