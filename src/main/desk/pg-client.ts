// `pg` costs about 100 ms to load; a library that never connects to a desk should not pay for it at
// startup, so the client is loaded the first time a connection is made. A plain require (not
// `import()`), so it resolves inside app.asar exactly as the bundle's other dependencies do.
import { createRequire } from 'node:module'
import type { Client, ClientConfig } from 'pg'

type PgModule = typeof import('pg')

let loaded: PgModule | null = null

export function newPgClient(config: ClientConfig): Client {
  loaded ??= createRequire(__filename)('pg') as PgModule
  return new loaded.Client(config)
}
