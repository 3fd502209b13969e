// A dependency main needs only for some calls (the desk's PostgreSQL client, the page fetcher's HTTP
// agent) is loaded the first time it is used, not at start-up: each costs tens of milliseconds of the
// main modules' load (`npm run bench -- startup`). A plain require (not `import()`), so it resolves
// inside app.asar exactly as the bundle's other dependencies do. src/main/electron/main-boot.test.ts
// checks that none of them is loaded before the first screen is answered.
import { createRequire } from 'node:module'

export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined
  return () => (loaded ??= createRequire(__filename)(name) as T)
}
