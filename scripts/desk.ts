// `npm run desk`: a throwaway desk database for trying Factdesk with colleagues on one machine.
// Starts PostgreSQL from the machine's own binaries in a temp folder, creates the desk schema, one
// desk and three editor roles, prints how to connect, and removes everything on Ctrl-C.
import { Client } from 'pg'
import { addMember, createDesk } from '../src/main/desk/admin'
import { startLocalPostgres } from '../src/main/desk/local-postgres'

const DESK = 'newsroom'
const editors = [
  { role: 'dana', password: 'dana-desk', personId: 'dana', lead: true },
  { role: 'jonas', password: 'jonas-desk', personId: 'jonas', lead: false },
  { role: 'amira', password: 'amira-desk', personId: 'amira', lead: false }
]

async function main(): Promise<void> {
  const pg = await startLocalPostgres({
    port: process.env.FACTDESK_DESK_PORT ? Number(process.env.FACTDESK_DESK_PORT) : undefined
  })
  const admin = new Client({ connectionString: pg.url })
  await admin.connect()
  await createDesk(admin, DESK, 'Newsroom desk')
  for (const e of editors) await addMember(admin, { deskId: DESK, ...e })
  await admin.end()

  console.log(`Desk database running (throwaway: removed when you press Ctrl-C).

  Host      ${pg.host}
  Port      ${pg.port}
  Database  ${pg.database}
  Desk      ${DESK}
  TLS       off (local only: untick "Use TLS" in Connect to desk)

  Editors (role / password):
${editors.map((e) => `    ${e.role.padEnd(8)} ${e.password}${e.lead ? '   (desk lead)' : ''}`).join('\n')}

  Example URL: postgresql://${editors[1]!.role}@${pg.host}:${pg.port}/${pg.database}
  Admin (owner) URL: ${pg.url}
`)
  const shutdown = (): void => {
    void pg.remove().then(() => process.exit(0))
  }
  process.once('SIGINT', shutdown)
  process.once('SIGTERM', shutdown)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
})
