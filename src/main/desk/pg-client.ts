// `pg` costs about 100 ms to load; a library that never connects to a desk should not pay for it at
// startup, so the client is loaded the first time a connection is made (first-use.ts).
import type { Client, ClientConfig } from 'pg'
import { onFirstUse } from '../first-use'

const pg = onFirstUse<typeof import('pg')>('pg')

export function newPgClient(config: ClientConfig): Client {
  return new (pg().Client)(config)
}
