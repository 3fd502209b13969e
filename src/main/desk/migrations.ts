// The desk's schema in PostgreSQL, as numbered migrations Factdesk runs itself on an empty database
// (the desk lead needs only an empty database and a role that owns it). Each migration runs once,
// in its own transaction, recorded in factdesk.schema_migrations; an advisory lock keeps two
// Factdesk instances from migrating at once.
//
// Permissions live in the database, not in the app:
// - every editor connects as their own role, a member of the group role factdesk_editor;
// - factdesk.members says which roles belong to which desk and who leads it; row-level security
//   lets a role read and write only its own desks' rows;
// - desk settings can be written by a desk's lead only;
// - activity and the change log are append-only: no role may UPDATE or DELETE them (grants, plus a
//   trigger that refuses even the owner).
import type { ClientBase } from 'pg'

export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'desks, members, units, changes, activity',
    sql: `
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'factdesk_editor') THEN CREATE ROLE factdesk_editor NOLOGIN; END IF;
      END $$;
      GRANT USAGE ON SCHEMA factdesk TO factdesk_editor;

      CREATE TABLE factdesk.desks (
        id text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{1,64}$'),
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE factdesk.members (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        role_name name NOT NULL,
        person_id text NOT NULL,
        is_lead boolean NOT NULL DEFAULT false,
        PRIMARY KEY (desk_id, role_name)
      );

      -- One server-wide sequence orders every accepted change; clients pull by it as a cursor.
      CREATE SEQUENCE factdesk.seq;

      -- The agreed current value of every unit of merge (story header, claim, evidence, source,
      -- person, desk settings). value NULL means deleted.
      CREATE TABLE factdesk.units (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        key text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('story', 'claim', 'evidence', 'source', 'person', 'settings')),
        story_id text,
        value jsonb,
        seq bigint NOT NULL,
        by_role name NOT NULL DEFAULT current_user,
        PRIMARY KEY (desk_id, key)
      );
      CREATE INDEX units_pull ON factdesk.units (desk_id, seq);

      -- Every accepted change, by the id its client gave it: a retried push is recognised, never applied twice.
      CREATE TABLE factdesk.changes (
        change_id text PRIMARY KEY,
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        key text NOT NULL,
        seq bigint NOT NULL,
        value jsonb,
        by_role name NOT NULL DEFAULT current_user,
        at timestamptz NOT NULL DEFAULT now()
      );

      -- The activity log: entries merge by union (same id = same entry).
      CREATE TABLE factdesk.activity (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        id text NOT NULL,
        story_id text NOT NULL,
        entry jsonb NOT NULL,
        seq bigint NOT NULL,
        by_role name NOT NULL DEFAULT current_user,
        PRIMARY KEY (desk_id, id)
      );
      CREATE INDEX activity_pull ON factdesk.activity (desk_id, seq);

      CREATE FUNCTION factdesk.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        RAISE EXCEPTION 'factdesk: % is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $f$;
      CREATE TRIGGER activity_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON factdesk.activity FOR EACH STATEMENT EXECUTE FUNCTION factdesk.refuse_change();
      CREATE TRIGGER changes_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON factdesk.changes FOR EACH STATEMENT EXECUTE FUNCTION factdesk.refuse_change();

      -- Membership checks read members as its owner, so the policies below cannot be talked around.
      CREATE FUNCTION factdesk.is_member(desk text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, factdesk AS
        $f$ SELECT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = desk AND m.role_name = session_user) $f$;
      CREATE FUNCTION factdesk.is_lead(desk text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, factdesk AS
        $f$ SELECT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = desk AND m.role_name = session_user AND m.is_lead) $f$;

      ALTER TABLE factdesk.desks ENABLE ROW LEVEL SECURITY;
      ALTER TABLE factdesk.members ENABLE ROW LEVEL SECURITY;
      ALTER TABLE factdesk.units ENABLE ROW LEVEL SECURITY;
      ALTER TABLE factdesk.changes ENABLE ROW LEVEL SECURITY;
      ALTER TABLE factdesk.activity ENABLE ROW LEVEL SECURITY;

      CREATE POLICY desks_read ON factdesk.desks FOR SELECT TO factdesk_editor USING (factdesk.is_member(id));
      CREATE POLICY members_read ON factdesk.members FOR SELECT TO factdesk_editor USING (factdesk.is_member(desk_id));
      CREATE POLICY units_read ON factdesk.units FOR SELECT TO factdesk_editor USING (factdesk.is_member(desk_id));
      CREATE POLICY units_insert ON factdesk.units FOR INSERT TO factdesk_editor
        WITH CHECK (factdesk.is_member(desk_id) AND by_role = session_user AND (kind <> 'settings' OR factdesk.is_lead(desk_id)));
      CREATE POLICY units_update ON factdesk.units FOR UPDATE TO factdesk_editor
        USING (factdesk.is_member(desk_id) AND (kind <> 'settings' OR factdesk.is_lead(desk_id)))
        WITH CHECK (factdesk.is_member(desk_id) AND by_role = session_user AND (kind <> 'settings' OR factdesk.is_lead(desk_id)));
      CREATE POLICY changes_read ON factdesk.changes FOR SELECT TO factdesk_editor USING (factdesk.is_member(desk_id));
      CREATE POLICY changes_insert ON factdesk.changes FOR INSERT TO factdesk_editor WITH CHECK (factdesk.is_member(desk_id) AND by_role = session_user);
      CREATE POLICY activity_read ON factdesk.activity FOR SELECT TO factdesk_editor USING (factdesk.is_member(desk_id));
      CREATE POLICY activity_insert ON factdesk.activity FOR INSERT TO factdesk_editor WITH CHECK (factdesk.is_member(desk_id) AND by_role = session_user);

      GRANT SELECT ON factdesk.desks, factdesk.members TO factdesk_editor;
      GRANT SELECT, INSERT, UPDATE ON factdesk.units TO factdesk_editor;
      GRANT SELECT, INSERT ON factdesk.changes, factdesk.activity TO factdesk_editor;
      GRANT USAGE ON SEQUENCE factdesk.seq TO factdesk_editor;

      -- One push: compare-and-set each unit against the version its client last agreed with. A unit
      -- someone else changed since comes back 'stale' (the client pulls, merges and pushes again); a
      -- change already accepted comes back 'applied' again. Runs as the caller, so the policies hold.
      -- Writers to one desk take turns (advisory lock), so sequence order is commit order and a
      -- reader's cursor never skips a change that commits late.
      CREATE FUNCTION factdesk.push(p_desk text, p_units jsonb, p_activity jsonb) RETURNS jsonb LANGUAGE plpgsql AS $f$
      DECLARE
        u jsonb;
        a jsonb;
        current_seq bigint;
        done_seq bigint;
        s bigint;
        results jsonb := '[]'::jsonb;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        FOR u IN SELECT * FROM jsonb_array_elements(p_units) LOOP
          SELECT c.seq INTO done_seq FROM factdesk.changes c WHERE c.change_id = u->>'changeId';
          IF done_seq IS NOT NULL THEN
            results := results || jsonb_build_array(jsonb_build_object('key', u->>'key', 'status', 'applied', 'seq', done_seq));
            CONTINUE;
          END IF;
          SELECT x.seq INTO current_seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u->>'key';
          IF COALESCE(current_seq, 0) <> COALESCE((u->>'baseSeq')::bigint, 0) THEN
            results := results || jsonb_build_array(jsonb_build_object('key', u->>'key', 'status', 'stale', 'seq', current_seq));
            CONTINUE;
          END IF;
          s := nextval('factdesk.seq');
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq)
            VALUES (p_desk, u->>'key', u->>'kind', u->>'storyId', CASE WHEN u->'value' = 'null'::jsonb THEN NULL ELSE u->'value' END, s)
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id;
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value) VALUES (u->>'changeId', p_desk, u->>'key', s, u->'value');
          results := results || jsonb_build_array(jsonb_build_object('key', u->>'key', 'status', 'applied', 'seq', s));
        END LOOP;
        FOR a IN SELECT * FROM jsonb_array_elements(p_activity) LOOP
          INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq)
            VALUES (p_desk, a->>'id', a->>'storyId', a, nextval('factdesk.seq')) ON CONFLICT DO NOTHING;
        END LOOP;
        PERFORM pg_notify('factdesk:' || p_desk, '');
        RETURN results;
      END $f$;
      GRANT EXECUTE ON FUNCTION factdesk.push(text, jsonb, jsonb) TO factdesk_editor;
    `
  }
]

export const LATEST_DESK_SCHEMA = migrations.at(-1)?.version ?? 0

/** Brings the desk schema up to date; returns the versions it applied. */
export async function migrate(client: ClientBase): Promise<number[]> {
  await client.query(`SELECT pg_advisory_lock(hashtext('factdesk:migrate'))`)
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS factdesk')
    await client.query('CREATE TABLE IF NOT EXISTS factdesk.schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())')
    const done = new Set((await client.query<{ version: number }>('SELECT version FROM factdesk.schema_migrations')).rows.map((r) => r.version))
    const applied: number[] = []
    for (const m of migrations) {
      if (done.has(m.version)) continue
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO factdesk.schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
        await client.query('COMMIT')
      } catch (error) {
        await client.query('ROLLBACK')
        throw error
      }
      applied.push(m.version)
    }
    return applied
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('factdesk:migrate'))`)
  }
}
