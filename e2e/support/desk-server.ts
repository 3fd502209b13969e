// One throwaway PostgreSQL desk for the e2e journeys that need a shared desk: Dana (the lead) and Jonas
// are its members. Started in beforeAll, removed in afterAll; where the server binaries are missing,
// `pgMissing` says why so the journey can skip in words.
import { Client } from 'pg'
import { addMember, createDesk } from '../../src/main/desk/admin'
import { findPostgresBin, startLocalPostgres, type LocalPostgres } from '../../src/main/desk/local-postgres'

export const DESK = 'newsroom'

/** Why no throwaway desk can be started here, or null when it can. */
export const pgMissing: string | null = (() => {
  try {
    findPostgresBin()
    return null
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
})()

export const needsPostgres = `PostgreSQL server binaries are needed for a throwaway desk (.ci/run installs them): ${pgMissing}`

/** Starts a server with the desk and its two members: dana (lead, password dana-desk) and jonas (jonas-desk). */
export async function startDeskServer(): Promise<LocalPostgres> {
  const pg = await startLocalPostgres()
  const admin = new Client({ connectionString: pg.url })
  await admin.connect()
  try {
    await createDesk(admin, DESK, 'Newsroom desk')
    await addMember(admin, { deskId: DESK, role: 'dana', password: 'dana-desk', personId: 'dana', lead: true })
    await addMember(admin, { deskId: DESK, role: 'jonas', password: 'jonas-desk', personId: 'jonas' })
  } catch (error) {
    await admin.end().catch(() => undefined)
    await pg.remove()
    throw error
  }
  await admin.end()
  return pg
}
