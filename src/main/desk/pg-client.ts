// `pg` costs about 100 ms to load; a library that never connects to a desk should not pay for it at
// startup, so the client is loaded the first time a connection is made (first-use.ts).
import type { Client, ClientConfig } from 'pg'
import { onFirstUse } from '../first-use'

const pg = onFirstUse<typeof import('pg')>('pg')

/**
 * A client that never throws an idle connection’s error out of the socket. A `Client` with no
 * 'error' listener turns a server's notice on an idle connection (57P01 when the desk's server shuts
 * down, a dropped socket) into an uncaught exception that would end main. Such an error before a
 * session watches the client (watchSession) is seen as the next query's failure; once watched, it is
 * the session's `lost` as well.
 */
export function newPgClient(config: ClientConfig): Client {
  const client = new (pg().Client)(config)
  client.on('error', () => undefined)
  return client
}
