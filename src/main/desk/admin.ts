// What the desk's administrator (the role that owns the database) does once per desk and per editor:
// create the desk, create each editor's own login role and make it a member (or the lead).
// Used by `npm run desk`, the tests and benchmarks; a newsroom can run the same SQL by hand (README).
import type { ClientBase } from 'pg'
import { migrate } from './migrations'

export interface DeskMember {
  deskId: string
  role: string
  password: string
  personId: string
  lead?: boolean
}

export async function createDesk(admin: ClientBase, id: string, name: string): Promise<void> {
  await migrate(admin)
  await admin.query('INSERT INTO factdesk.desks (id, name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [id, name])
}

/** Creates the editor's login role (if new) in factdesk_editor, and records their membership. */
export async function addMember(admin: ClientBase, member: DeskMember): Promise<void> {
  const role = admin.escapeIdentifier(member.role)
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [member.role])
  if (exists.rowCount === 0)
    await admin.query(
      `CREATE ROLE ${role} LOGIN PASSWORD ${admin.escapeLiteral(member.password)} IN ROLE factdesk_editor`
    )
  else await admin.query(`GRANT factdesk_editor TO ${role}`)
  await admin.query(
    `INSERT INTO factdesk.members (desk_id, role_name, person_id, is_lead) VALUES ($1, $2, $3, $4)
     ON CONFLICT (desk_id, role_name) DO UPDATE SET person_id = excluded.person_id, is_lead = excluded.is_lead`,
    [member.deskId, member.role, member.personId, member.lead ?? false]
  )
}
