// Serves the built renderer (out/renderer) on 127.0.0.1 for the browser driver with the very
// function the app:// protocol uses, so the page gets the same types and CSP header as in Electron.
import { existsSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { rendererFileServer } from '../../src/main/electron/renderer-files'

export interface StaticServer {
  origin: string
  close(): Promise<void>
}

export async function serveDirectory(dir: string): Promise<StaticServer> {
  const root = path.resolve(dir)
  if (!existsSync(path.join(root, 'index.html')))
    throw new Error(`${root}/index.html is missing: run "npm run build" first`)
  const serve = rendererFileServer(root)
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1')
    void serve(pathname).then((served) => res.writeHead(served.status, served.headers).end(served.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
