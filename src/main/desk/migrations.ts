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

/** Schema 15's push_staged (schema 16 keeps it, but for where a replaced value is kept). */
const PUSH_STAGED_15 = `      -- As schemas 11 and 12, a unit's change logged when replaced (looked, replaced, logged, put).
      CREATE OR REPLACE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp SET jit = off AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        v_numbered bigint;
        v_kept bigint;
        v_all_kept boolean;
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- History entries the desk already has leave the page first (same story, same id): what stays
        -- is new to the desk (an entry repeated within the page is taken once, when it is written). A story's ids are read from its
        -- batches, one look-up per story of the page (a scalar subquery, so by the story index).
        -- (MATERIALIZED: inlined, the look-up ran once per staged entry.)
        WITH k AS MATERIALIZED (
          SELECT s.story_id, (SELECT array_agg(i.id) FROM factdesk.history h CROSS JOIN LATERAL unnest(h.ids) AS i(id)
              WHERE h.story_id = s.story_id AND h.desk_id = p_desk) AS ids
          FROM (SELECT DISTINCT b.entry->>'storyId' AS story_id FROM pg_temp.factdesk_stage_activity b) s
        )
        DELETE FROM pg_temp.factdesk_stage_activity a USING k
          WHERE k.ids IS NOT NULL AND k.story_id = a.entry->>'storyId' AND a.entry->>'id' = ANY (k.ids);
        -- Who wrote each history entry new to the desk must be the caller (see schema 4): every entry
        -- left on the page is new, and only those naming a person who is not already the caller's
        -- alone (in authors under the caller, and no other member's person) are judged.
        WITH named AS (
          SELECT DISTINCT a.entry->>'by' AS person_id FROM pg_temp.factdesk_stage_activity a WHERE a.entry->>'by' IS NOT NULL
        ), unsettled AS (
          SELECT n.person_id FROM named n
          WHERE NOT (
            EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = n.person_id AND o.role_name = session_user)
            AND NOT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = n.person_id AND m.role_name <> session_user)
          )
        )
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          -- An array, not IN (SELECT ...): a semi-join would let the look-up below run on every staged
          -- entry before the join drops those of settled people; this is a cheap test on the scan, first.
          WHERE a.entry->>'by' = ANY (ARRAY(SELECT w.person_id FROM unsettled w));
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(h.seq) FROM factdesk.history h WHERE h.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        -- Every claim that came with a number kept it (all of a first push): none is numbered anew, and
        -- each one's number is the one it came with, so neither is looked up again.
        GET DIAGNOSTICS v_kept = ROW_COUNT;
        SELECT count(*) INTO v_numbered FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number';
        v_all_kept := v_kept = v_numbered;
        IF NOT v_all_kept THEN
          FOR r IN
            SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
            WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
              AND (SELECT true FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key) IS NULL
            ORDER BY u.ord
          LOOP
            INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
              SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
          END LOOP;
        END IF;

        WITH looked AS MATERIALIZED (
          -- A change accepted before is its unit's current one or, replaced since, in the log: only a
          -- unit the desk has can have one, so a unit new to the desk (all of a first push) is looked
          -- up once, by its key. (OFFSET 0: cur_seq's look-up runs once, not again inside done_seq.)
          SELECT q.*,
            CASE WHEN q.cur_seq IS NOT NULL THEN COALESCE(
              (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = q.key AND x.change_id = q.change_id),
              (SELECT c.seq FROM factdesk.change_log c WHERE c.desk_id = p_desk AND c.change_id = q.change_id AND c.key = q.key)) END AS done_seq
          FROM (
            SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
              CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL THEN
                CASE WHEN v_all_kept AND jsonb_typeof(u.value->'number') = 'number' THEN (u.value->>'number')::int
                  ELSE (SELECT cn.number FROM factdesk.claim_numbers cn WHERE cn.desk_id = p_desk AND cn.key = u.key) END
              END AS number,
              (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u.key) AS cur_seq
            FROM pg_temp.factdesk_stage_units u OFFSET 0
          ) q
        ), judged AS MATERIALIZED (
          SELECT l.ord, l.key, l.kind, l.story_id, l.base_seq, l.change_id, l.done_seq, l.cur_seq,
            CASE WHEN l.renumbered THEN jsonb_set(l.sent, '{number}', to_jsonb(l.number)) ELSE l.sent END AS value,
            l.renumbered,
            -- A change accepted before: the value the desk stored for it when that is not the one sent.
            CASE WHEN l.done_seq IS NOT NULL
              THEN (SELECT v.value FROM (SELECT factdesk.change_value(p_desk, l.key, l.change_id) AS value) v WHERE v.value IS DISTINCT FROM l.sent) END AS done_stored
          FROM (SELECT k.*, (k.number IS NOT NULL AND (k.sent->'number') IS DISTINCT FROM to_jsonb(k.number)) AS renumbered FROM looked k) l
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), replaced AS MATERIALIZED (
          -- The changes this page replaces, as their units name them (the statement's snapshot still
          -- reads each unit as it was before put).
          SELECT x.change_id, x.key, x.seq, x.value, x.by_role, x.at FROM judged j JOIN fresh f ON f.ord = j.ord
            JOIN factdesk.units x ON x.desk_id = p_desk AND x.key = j.key
          WHERE j.cur_seq IS NOT NULL AND x.change_id IS NOT NULL
        ), kept AS (
          -- A value set by reference that this page replaces moves into superseded.
          INSERT INTO factdesk.superseded (desk_id, change_id, value)
            SELECT p_desk, o.change_id, o.value FROM replaced o
            ON CONFLICT DO NOTHING
            RETURNING 1
        ), logged AS (
          -- A replaced change goes into the log now, by reference (until now its unit named it), unless it
          -- was logged when accepted (before schema 15: its unit's at is NULL).
          INSERT INTO factdesk.change_log (change_id, desk_id, key, seq, value, by_role, at, by_reference)
            SELECT o.change_id, p_desk, o.key, o.seq, NULL, o.by_role, o.at, true FROM replaced o WHERE o.at IS NOT NULL
            ON CONFLICT DO NOTHING
            RETURNING 1
        ), put AS (
          -- The unit names its change (id, seq, by_role, at) until a later change replaces it.
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role, change_id, at)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user, j.change_id, now() FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id, change_id = excluded.change_id, at = excluded.at
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL THEN j.done_stored WHEN f.new_seq IS NOT NULL AND j.renumbered THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        -- One history row per story of the page: its new entries in the order sent, under one sequence number.
        -- Numbered in the order the stories' first entries were sent; an entry repeated within the page
        -- is taken once (its first time).
        INSERT INTO factdesk.history (desk_id, story_id, seq, ids, entries, by_role)
          SELECT p_desk, g.story_id, nextval('factdesk.seq'), g.ids, g.entries, session_user FROM (
            SELECT d.story_id, array_agg(d.id ORDER BY d.at) AS ids, jsonb_agg(d.entry ORDER BY d.at) AS entries
            FROM (
              SELECT DISTINCT ON (a.entry->>'storyId', a.entry->>'id') a.entry->>'storyId' AS story_id, a.entry->>'id' AS id, a.entry, a.ctid AS at
              FROM pg_temp.factdesk_stage_activity a ORDER BY a.entry->>'storyId', a.entry->>'id', a.ctid
            ) d
            GROUP BY d.story_id ORDER BY min(d.at)
          ) g;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(h.seq) FROM factdesk.history h WHERE h.desk_id = p_desk)));
      END $f$;

      REVOKE ALL ON FUNCTION factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_staged(text) TO factdesk_editor;
    `
const PUSH_STAGED_15_KEPT = `
          INSERT INTO factdesk.superseded (desk_id, change_id, value)
            SELECT p_desk, o.change_id, o.value FROM replaced o
`
const PUSH_STAGED_16_KEPT = `
          INSERT INTO factdesk.superseded (desk_id, key, change_id, value)
            SELECT p_desk, o.key, o.change_id, o.value FROM replaced o
`
if (!PUSH_STAGED_15.includes(PUSH_STAGED_15_KEPT))
  throw new Error('schema 16: schema 15’s push_staged has no superseded insert to change')

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
      CREATE FUNCTION factdesk.push(p_desk text, p_units jsonb, p_activity jsonb) RETURNS TABLE (key text, status text, seq bigint) LANGUAGE plpgsql AS $f$
      #variable_conflict use_column
      DECLARE
        u jsonb;
        current_seq bigint;
        done_seq bigint;
        s bigint;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        FOR u IN SELECT * FROM jsonb_array_elements(p_units) LOOP
          key := u->>'key';
          SELECT c.seq INTO done_seq FROM factdesk.changes c WHERE c.change_id = u->>'changeId';
          IF done_seq IS NOT NULL THEN
            status := 'applied'; seq := done_seq; RETURN NEXT;
            CONTINUE;
          END IF;
          SELECT x.seq INTO current_seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u->>'key';
          IF COALESCE(current_seq, 0) <> COALESCE((u->>'baseSeq')::bigint, 0) THEN
            status := 'stale'; seq := current_seq; RETURN NEXT;
            CONTINUE;
          END IF;
          s := nextval('factdesk.seq');
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq)
            VALUES (p_desk, u->>'key', u->>'kind', u->>'storyId', CASE WHEN u->'value' = 'null'::jsonb THEN NULL ELSE u->'value' END, s)
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id;
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value) VALUES (u->>'changeId', p_desk, u->>'key', s, u->'value');
          status := 'applied'; seq := s; RETURN NEXT;
        END LOOP;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq)
          SELECT p_desk, a->>'id', a->>'storyId', a, nextval('factdesk.seq') FROM jsonb_array_elements(p_activity) a
          ON CONFLICT DO NOTHING;
        PERFORM pg_notify('factdesk:' || p_desk, '');
      END $f$;
      GRANT EXECUTE ON FUNCTION factdesk.push(text, jsonb, jsonb) TO factdesk_editor;
    `
  },
  {
    version: 2,
    name: 'set-based push by page, story indexes, membership checked once per statement',
    sql: `
      -- Membership as an array read once per statement: a policy written as
      -- (SELECT factdesk.my_desks()) @> ARRAY[desk_id] is an InitPlan, where is_member(desk_id) ran a
      -- query for every row (a first push of 20,000 units checked membership 100,000 times). Written
      -- as containment, not desk_id = ANY(...), so the planner never takes it for an index condition
      -- and keeps using the primary key for lookups by key.
      CREATE FUNCTION factdesk.my_desks() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, factdesk AS
        $f$ SELECT COALESCE(array_agg(m.desk_id), '{}') FROM factdesk.members m WHERE m.role_name = session_user $f$;
      CREATE FUNCTION factdesk.my_lead_desks() RETURNS text[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, factdesk AS
        $f$ SELECT COALESCE(array_agg(m.desk_id), '{}') FROM factdesk.members m WHERE m.role_name = session_user AND m.is_lead $f$;
      GRANT EXECUTE ON FUNCTION factdesk.my_desks(), factdesk.my_lead_desks() TO factdesk_editor;

      DROP POLICY desks_read ON factdesk.desks;
      DROP POLICY members_read ON factdesk.members;
      DROP POLICY units_read ON factdesk.units;
      DROP POLICY units_insert ON factdesk.units;
      DROP POLICY units_update ON factdesk.units;
      DROP POLICY changes_read ON factdesk.changes;
      DROP POLICY changes_insert ON factdesk.changes;
      DROP POLICY activity_read ON factdesk.activity;
      DROP POLICY activity_insert ON factdesk.activity;
      CREATE POLICY desks_read ON factdesk.desks FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[id]);
      CREATE POLICY members_read ON factdesk.members FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      CREATE POLICY units_read ON factdesk.units FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      CREATE POLICY units_insert ON factdesk.units FOR INSERT TO factdesk_editor
        WITH CHECK ((SELECT factdesk.my_desks()) @> ARRAY[desk_id] AND by_role = session_user AND (kind <> 'settings' OR (SELECT factdesk.my_lead_desks()) @> ARRAY[desk_id]));
      CREATE POLICY units_update ON factdesk.units FOR UPDATE TO factdesk_editor
        USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id] AND (kind <> 'settings' OR (SELECT factdesk.my_lead_desks()) @> ARRAY[desk_id]))
        WITH CHECK ((SELECT factdesk.my_desks()) @> ARRAY[desk_id] AND by_role = session_user AND (kind <> 'settings' OR (SELECT factdesk.my_lead_desks()) @> ARRAY[desk_id]));
      CREATE POLICY changes_read ON factdesk.changes FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      CREATE POLICY changes_insert ON factdesk.changes FOR INSERT TO factdesk_editor WITH CHECK ((SELECT factdesk.my_desks()) @> ARRAY[desk_id] AND by_role = session_user);
      CREATE POLICY activity_read ON factdesk.activity FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      CREATE POLICY activity_insert ON factdesk.activity FOR INSERT TO factdesk_editor WITH CHECK ((SELECT factdesk.my_desks()) @> ARRAY[desk_id] AND by_role = session_user);

      -- Stories fetched whole (stories new to a library). story_id leads, so the planner never takes
      -- this index for a lookup by (desk_id, key), where a (desk_id, story_id) index on a young table
      -- looked as cheap as the primary key and made each lookup scan the whole desk.
      CREATE INDEX units_story ON factdesk.units (story_id, desk_id);
      CREATE INDEX activity_story ON factdesk.activity (story_id, desk_id);

      -- One page of a push in one statement per table, replacing push(), which judged unit by unit: the same compare-and-set (a change
      -- already accepted comes back 'applied' with its sequence number, a unit someone else changed
      -- since its base comes back 'stale'), done on the whole page at once. Returns
      -- {"prior": the desk's last sequence number before this page, "top": its last after it,
      -- "results": [[key, status, seq], ...]}: when prior is at or below the client's cursor, nobody
      -- else wrote in between, so the client moves its cursor to top instead of pulling its own page back.
      CREATE FUNCTION factdesk.push_page(p_desk text, p_units jsonb, p_activity jsonb) RETURNS jsonb LANGUAGE plpgsql AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;
        WITH input AS (
          SELECT u.ord, u.key, u.kind, u.story_id, NULLIF(u.value, 'null'::jsonb) AS value, u.base_seq, u.change_id
          FROM ROWS FROM (jsonb_to_recordset(p_units) AS (key text, kind text, "storyId" text, value jsonb, "baseSeq" bigint, "changeId" text))
            WITH ORDINALITY AS u(key, kind, story_id, value, base_seq, change_id, ord)
        ), judged AS (
          SELECT i.*,
            (SELECT c.seq FROM factdesk.changes c WHERE c.change_id = i.change_id) AS done_seq,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = i.key) AS cur_seq
          FROM input i
        ), fresh AS (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(j.key, CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END, COALESCE(j.done_seq, f.new_seq, j.cur_seq)) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq)
          SELECT p_desk, a->>'id', a->>'storyId', a, nextval('factdesk.seq') FROM jsonb_array_elements(p_activity) a
          ON CONFLICT DO NOTHING;
        PERFORM pg_notify('factdesk:' || p_desk, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;
      GRANT EXECUTE ON FUNCTION factdesk.push_page(text, jsonb, jsonb) TO factdesk_editor;
      DROP FUNCTION factdesk.push(text, jsonb, jsonb);
    `
  },
  {
    version: 3,
    name: 'the database protects itself: writes only through push_page, per-desk change ids and channels, claim numbers',
    sql: `
      -- Members write only through push_page, which runs as the owner and assigns seq and by_role
      -- itself (the sequence, session_user): no member can set seq, by_role or another desk's rows,
      -- nor touch a unit outside a push (UPDATE units SET seq = 9e18 used to freeze every pull).
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON factdesk.units FROM factdesk_editor;
      REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON factdesk.changes, factdesk.activity FROM factdesk_editor;
      REVOKE USAGE ON SEQUENCE factdesk.seq FROM factdesk_editor;
      DROP POLICY units_insert ON factdesk.units;
      DROP POLICY units_update ON factdesk.units;
      DROP POLICY changes_insert ON factdesk.changes;
      DROP POLICY activity_insert ON factdesk.activity;

      -- Change ids are unique per desk: one desk can neither block another's push nor learn that an id exists.
      ALTER TABLE factdesk.changes DROP CONSTRAINT changes_pkey;
      ALTER TABLE factdesk.changes ADD PRIMARY KEY (desk_id, change_id);

      -- Each desk notifies on its own channel, named by a secret only its members can read (any role
      -- may NOTIFY any channel name, so a guessable name let one desk wake another's clients).
      ALTER TABLE factdesk.desks ADD COLUMN channel text NOT NULL
        DEFAULT 'factdesk_' || md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text);

      -- The desk's schema version is readable by members: an older client refuses a newer desk.
      GRANT SELECT ON factdesk.schema_migrations TO factdesk_editor;

      -- Claim numbers are the desk's: unique per story, given for life, never freed. A claim keeps
      -- the number it was marked with unless another claim of the story reached the desk with it
      -- first; then it gets the story's highest number ever given plus one (never a number another
      -- claim had, so no printed number is reused).
      CREATE TABLE factdesk.claim_numbers (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        story_id text NOT NULL,
        number int NOT NULL,
        key text NOT NULL,
        PRIMARY KEY (desk_id, story_id, number),
        UNIQUE (desk_id, key)
      );
      INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
        SELECT u.desk_id, u.story_id, (u.value->>'number')::int, u.key FROM factdesk.units u
        WHERE u.kind = 'claim' AND u.value IS NOT NULL AND u.story_id IS NOT NULL AND jsonb_typeof(u.value->'number') = 'number'
        ORDER BY u.seq ON CONFLICT DO NOTHING;
      ALTER TABLE factdesk.claim_numbers ENABLE ROW LEVEL SECURITY;
      CREATE POLICY claim_numbers_read ON factdesk.claim_numbers FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      GRANT SELECT ON factdesk.claim_numbers TO factdesk_editor;

      DROP FUNCTION factdesk.push_page(text, jsonb, jsonb);
      -- As push_page of version 2, now SECURITY DEFINER: membership, the lead's right to settings and
      -- the shape of each unit are checked here, seq and by_role assigned here. Each result is
      -- [key, status, seq, stored]: stored is the value the desk keeps when it is not the one sent
      -- (a claim given another number); the client merges it at once.
      CREATE FUNCTION factdesk.push_page(p_desk text, p_units jsonb, p_activity jsonb) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_units) u WHERE u->>'kind' = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM jsonb_array_elements(p_units) u WHERE NOT COALESCE(
            (u->>'kind' = 'settings' AND u->>'key' = 'settings' AND u->>'storyId' IS NULL)
            OR (u->>'kind' IN ('source', 'person') AND u->>'key' = (u->>'kind') || ':' || substr(u->>'key', length(u->>'kind') + 2) AND u->>'storyId' IS NULL)
            OR (u->>'kind' = 'story' AND u->>'key' = 'story:' || (u->>'storyId'))
            OR (u->>'kind' IN ('claim', 'evidence') AND u->>'key' LIKE (u->>'kind') || ':%' AND u->>'storyId' IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u->'value', 'null'::jsonb)) NOT IN ('object', 'null')
        ) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_activity) a WHERE a->>'id' IS NULL OR a->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers: first every claim of the page whose number is free keeps it, then each of the
        -- rest (a number another claim reached the desk with first) gets the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u->>'storyId', (u->'value'->>'number')::int, u->>'key' FROM jsonb_array_elements(p_units) WITH ORDINALITY AS x(u, ord)
          WHERE u->>'kind' = 'claim' AND jsonb_typeof(u->'value'->'number') = 'number'
          ORDER BY ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT DISTINCT u->>'storyId' AS story_id, u->>'key' AS key FROM jsonb_array_elements(p_units) u
          WHERE u->>'kind' = 'claim' AND jsonb_typeof(u->'value'->'number') = 'number'
            AND NOT EXISTS (SELECT 1 FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u->>'key')
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH input AS (
          SELECT u.ord, u.key, u.kind, u.story_id, NULLIF(u.value, 'null'::jsonb) AS sent, u.base_seq, u.change_id
          FROM ROWS FROM (jsonb_to_recordset(p_units) AS (key text, kind text, "storyId" text, value jsonb, "baseSeq" bigint, "changeId" text))
            WITH ORDINALITY AS u(key, kind, story_id, value, base_seq, change_id, ord)
        ), numbered AS (
          SELECT i.*, CASE WHEN i.kind = 'claim' AND i.sent IS NOT NULL AND cn.number IS NOT NULL
            THEN jsonb_set(i.sent, '{number}', to_jsonb(cn.number)) ELSE i.sent END AS value
          FROM input i LEFT JOIN factdesk.claim_numbers cn ON cn.desk_id = p_desk AND cn.key = i.key
        ), judged AS (
          SELECT n.*,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = n.change_id) AS done_seq,
            (SELECT c.value FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = n.change_id) AS done_value,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = n.key) AS cur_seq
          FROM numbered n
        ), fresh AS (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL AND j.done_value IS DISTINCT FROM j.sent THEN j.done_value
                 WHEN j.done_seq IS NULL AND f.new_seq IS NOT NULL AND j.value IS DISTINCT FROM j.sent THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a->>'id', a->>'storyId', a, nextval('factdesk.seq'), session_user FROM jsonb_array_elements(p_activity) a
          ON CONFLICT DO NOTHING;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;
      REVOKE ALL ON FUNCTION factdesk.push_page(text, jsonb, jsonb) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_page(text, jsonb, jsonb) TO factdesk_editor;
    `
  },
  {
    version: 4,
    name: "history entries under their author: a member cannot push an entry in another editor's name",
    sql: `
      -- Whose each person named in the history is: the role whose push first named them (or the
      -- person a member is mapped to in factdesk.members). push_page refuses a new entry naming a
      -- person who is another member's, so history shows each edit under its real author.
      CREATE TABLE factdesk.authors (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        person_id text NOT NULL,
        role_name name NOT NULL,
        PRIMARY KEY (desk_id, person_id)
      );
      INSERT INTO factdesk.authors (desk_id, person_id, role_name)
        SELECT desk_id, person_id, role_name FROM factdesk.members ON CONFLICT DO NOTHING;
      INSERT INTO factdesk.authors (desk_id, person_id, role_name)
        SELECT DISTINCT ON (a.desk_id, a.entry->>'by') a.desk_id, a.entry->>'by', a.by_role FROM factdesk.activity a
        WHERE a.entry->>'by' IS NOT NULL ORDER BY a.desk_id, a.entry->>'by', a.seq
        ON CONFLICT DO NOTHING;
      ALTER TABLE factdesk.authors ENABLE ROW LEVEL SECURITY;
      CREATE POLICY authors_read ON factdesk.authors FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      GRANT SELECT ON factdesk.authors TO factdesk_editor;

      CREATE OR REPLACE FUNCTION factdesk.push_page(p_desk text, p_units jsonb, p_activity jsonb) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_units) u WHERE u->>'kind' = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM jsonb_array_elements(p_units) u WHERE NOT COALESCE(
            (u->>'kind' = 'settings' AND u->>'key' = 'settings' AND u->>'storyId' IS NULL)
            OR (u->>'kind' IN ('source', 'person') AND u->>'key' = (u->>'kind') || ':' || substr(u->>'key', length(u->>'kind') + 2) AND u->>'storyId' IS NULL)
            OR (u->>'kind' = 'story' AND u->>'key' = 'story:' || (u->>'storyId'))
            OR (u->>'kind' IN ('claim', 'evidence') AND u->>'key' LIKE (u->>'kind') || ':%' AND u->>'storyId' IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u->'value', 'null'::jsonb)) NOT IN ('object', 'null')
        ) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM jsonb_array_elements(p_activity) a WHERE a->>'id' IS NULL OR a->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- Who wrote each history entry new to the desk must be the caller: a person another member
        -- is mapped to, or that another member's entries were first written by, is refused.
        -- Entries the desk already has (an editor pushing on what it pulled) are not judged again.
        SELECT COALESCE(array_agg(DISTINCT a->>'by'), '{}') INTO v_authors FROM jsonb_array_elements(p_activity) a
          WHERE a->>'by' IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM factdesk.activity x WHERE x.desk_id = p_desk AND x.id = a->>'id');
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers: first every claim of the page whose number is free keeps it, then each of the
        -- rest (a number another claim reached the desk with first) gets the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u->>'storyId', (u->'value'->>'number')::int, u->>'key' FROM jsonb_array_elements(p_units) WITH ORDINALITY AS x(u, ord)
          WHERE u->>'kind' = 'claim' AND jsonb_typeof(u->'value'->'number') = 'number'
          ORDER BY ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT DISTINCT u->>'storyId' AS story_id, u->>'key' AS key FROM jsonb_array_elements(p_units) u
          WHERE u->>'kind' = 'claim' AND jsonb_typeof(u->'value'->'number') = 'number'
            AND NOT EXISTS (SELECT 1 FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u->>'key')
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH input AS (
          SELECT u.ord, u.key, u.kind, u.story_id, NULLIF(u.value, 'null'::jsonb) AS sent, u.base_seq, u.change_id
          FROM ROWS FROM (jsonb_to_recordset(p_units) AS (key text, kind text, "storyId" text, value jsonb, "baseSeq" bigint, "changeId" text))
            WITH ORDINALITY AS u(key, kind, story_id, value, base_seq, change_id, ord)
        ), numbered AS (
          SELECT i.*, CASE WHEN i.kind = 'claim' AND i.sent IS NOT NULL AND cn.number IS NOT NULL
            THEN jsonb_set(i.sent, '{number}', to_jsonb(cn.number)) ELSE i.sent END AS value
          FROM input i LEFT JOIN factdesk.claim_numbers cn ON cn.desk_id = p_desk AND cn.key = i.key
        ), judged AS (
          SELECT n.*,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = n.change_id) AS done_seq,
            (SELECT c.value FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = n.change_id) AS done_value,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = n.key) AS cur_seq
          FROM numbered n
        ), fresh AS (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL AND j.done_value IS DISTINCT FROM j.sent THEN j.done_value
                 WHEN j.done_seq IS NULL AND f.new_seq IS NOT NULL AND j.value IS DISTINCT FROM j.sent THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a->>'id', a->>'storyId', a, nextval('factdesk.seq'), session_user FROM jsonb_array_elements(p_activity) a
          ON CONFLICT DO NOTHING;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;
    `
  },
  {
    version: 5,
    name: 'conflicts on the desk: every editor sees an open conflict, and resolving it anywhere closes it',
    sql: `
      -- An open sync conflict, as the library that found it raised it (its fields: that library's value
      -- as local, the desk's as remote). One row per unit: raised again, it opens again. Members write
      -- only through the two functions below; every member of the desk reads them.
      CREATE TABLE factdesk.conflicts (
        desk_id text NOT NULL REFERENCES factdesk.desks(id),
        key text NOT NULL,
        story_id text,
        kind text NOT NULL CHECK (kind IN ('story', 'claim', 'evidence', 'source', 'person', 'settings')),
        unit_id text NOT NULL,
        fields jsonb NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
        raised_by name NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        resolved_by name,
        resolved_at timestamptz,
        resolution text,
        PRIMARY KEY (desk_id, key)
      );
      ALTER TABLE factdesk.conflicts ENABLE ROW LEVEL SECURITY;
      CREATE POLICY conflicts_read ON factdesk.conflicts FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      GRANT SELECT ON factdesk.conflicts TO factdesk_editor;

      CREATE FUNCTION factdesk.raise_conflicts(p_desk text, p_conflicts jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.conflicts (desk_id, key, story_id, kind, unit_id, fields, raised_by)
          SELECT p_desk, c->>'key', c->>'storyId', c->>'kind', c->>'unitId', c->'fields', session_user
          FROM jsonb_array_elements(p_conflicts) c
          ON CONFLICT (desk_id, key) DO UPDATE SET story_id = excluded.story_id, kind = excluded.kind,
            unit_id = excluded.unit_id, fields = excluded.fields, raised_by = excluded.raised_by, raised_at = now(),
            resolved_by = NULL, resolved_at = NULL, resolution = NULL;
        PERFORM pg_notify((SELECT d.channel FROM factdesk.desks d WHERE d.id = p_desk), '');
      END $f$;

      -- Closes an open conflict, recording who settled it and how; false when it was already closed.
      CREATE FUNCTION factdesk.close_conflict(p_desk text, p_key text, p_resolution text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      DECLARE
        v_closed boolean;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        UPDATE factdesk.conflicts SET resolved_by = session_user, resolved_at = now(), resolution = left(p_resolution, 1000)
          WHERE desk_id = p_desk AND key = p_key AND resolved_at IS NULL;
        v_closed := FOUND;
        PERFORM pg_notify((SELECT d.channel FROM factdesk.desks d WHERE d.id = p_desk), '');
        RETURN v_closed;
      END $f$;
      REVOKE ALL ON FUNCTION factdesk.raise_conflicts(text, jsonb), factdesk.close_conflict(text, text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.raise_conflicts(text, jsonb), factdesk.close_conflict(text, text, text) TO factdesk_editor;
    `
  },
  {
    version: 6,
    name: "one open conflict per unit and editor: a second editor's conflict on a unit no longer replaces the first's",
    sql: `
      -- Two editors can each be in conflict with the desk over the same unit (each held a different
      -- edit). One row per unit let the second raise replace the first: the first editor's conflict
      -- vanished from everyone else's view, and when the second was settled the first library took
      -- the desk's values, losing its held edit without anyone choosing (found by the merge core's
      -- property test). Now each raiser has its own row, and settling closes the row it settles.
      ALTER TABLE factdesk.conflicts DROP CONSTRAINT conflicts_pkey;
      ALTER TABLE factdesk.conflicts ADD PRIMARY KEY (desk_id, key, raised_by);

      CREATE OR REPLACE FUNCTION factdesk.raise_conflicts(p_desk text, p_conflicts jsonb) RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.conflicts (desk_id, key, story_id, kind, unit_id, fields, raised_by)
          SELECT p_desk, c->>'key', c->>'storyId', c->>'kind', c->>'unitId', c->'fields', session_user
          FROM jsonb_array_elements(p_conflicts) c
          ON CONFLICT (desk_id, key, raised_by) DO UPDATE SET story_id = excluded.story_id, kind = excluded.kind,
            unit_id = excluded.unit_id, fields = excluded.fields, raised_at = now(),
            resolved_by = NULL, resolved_at = NULL, resolution = NULL;
        PERFORM pg_notify((SELECT d.channel FROM factdesk.desks d WHERE d.id = p_desk), '');
      END $f$;

      -- Closes the open conflict p_raised_by raised on a unit, recording who settled it and how.
      DROP FUNCTION factdesk.close_conflict(text, text, text);
      CREATE FUNCTION factdesk.close_conflict(p_desk text, p_key text, p_raised_by name, p_resolution text) RETURNS boolean
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk AS $f$
      DECLARE
        v_closed boolean;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        UPDATE factdesk.conflicts SET resolved_by = session_user, resolved_at = now(), resolution = left(p_resolution, 1000)
          WHERE desk_id = p_desk AND key = p_key AND raised_by = p_raised_by AND resolved_at IS NULL;
        v_closed := FOUND;
        PERFORM pg_notify((SELECT d.channel FROM factdesk.desks d WHERE d.id = p_desk), '');
        RETURN v_closed;
      END $f$;
      REVOKE ALL ON FUNCTION factdesk.close_conflict(text, text, name, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.close_conflict(text, text, name, text) TO factdesk_editor;
    `
  },
  {
    version: 7,
    name: 'a push is staged with COPY and judged by one call: push_staged; no foreign-key check per row',
    sql: `
      -- A push page reaches the desk as rows COPYed into two staging tables of the pusher's own session,
      -- then one call of push_staged judges and moves them; push_page (a JSON page) now stages its page
      -- the same way and calls push_staged, so there is one judge. The staging tables are TEMPORARY
      -- (seen by their session only, emptied at every commit) and made by open_stage as the desk's
      -- owner: a member may only INSERT into them (COPY), not read, alter or trigger on them, and
      -- push_staged refuses tables the owner did not make. What a member stages is input like a JSON
      -- page: there is no column for seq, by_role or desk_id (the server sets them), and every unit and
      -- entry is checked exactly as before (membership, the lead's settings, shapes, history authors).
      CREATE FUNCTION factdesk.open_stage() RETURNS void
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      BEGIN
        IF to_regclass('pg_temp.factdesk_stage_units') IS NULL THEN
          CREATE TEMPORARY TABLE factdesk_stage_units (
            ord int, key text, kind text, story_id text, value jsonb, base_seq bigint, change_id text
          ) ON COMMIT DELETE ROWS;
          EXECUTE format('GRANT INSERT ON pg_temp.factdesk_stage_units TO %I', session_user);
        END IF;
        IF to_regclass('pg_temp.factdesk_stage_activity') IS NULL THEN
          CREATE TEMPORARY TABLE factdesk_stage_activity (entry jsonb) ON COMMIT DELETE ROWS;
          EXECUTE format('GRANT INSERT ON pg_temp.factdesk_stage_activity TO %I', session_user);
        END IF;
      END $f$;

      -- Only push_staged writes these tables, after checking the caller is a member of p_desk (and so
      -- that the desk exists): the per-row foreign-key check on desk_id (a trigger and a query for
      -- every unit, change and history entry, 200,000 of them in a 500-story first push) guards nothing.
      ALTER TABLE factdesk.units DROP CONSTRAINT IF EXISTS units_desk_id_fkey;
      ALTER TABLE factdesk.changes DROP CONSTRAINT IF EXISTS changes_desk_id_fkey;
      ALTER TABLE factdesk.activity DROP CONSTRAINT IF EXISTS activity_desk_id_fkey;
      ALTER TABLE factdesk.claim_numbers DROP CONSTRAINT IF EXISTS claim_numbers_desk_id_fkey;

      -- One push page, staged: the judging of push_page (schema 4), set-based over the staging tables.
      -- Returns {"prior", "top", "results": [[key, status, seq, stored], ...]} in staging order (ord).
      CREATE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- Who wrote each history entry new to the desk must be the caller (see schema 4).
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          WHERE a.entry->>'by' IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM factdesk.activity x WHERE x.desk_id = p_desk AND x.id = a.entry->>'id');
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
            AND NOT EXISTS (SELECT 1 FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key)
          ORDER BY u.ord
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH judged AS MATERIALIZED (
          SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
            CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL AND cn.number IS NOT NULL AND (u.value->'number') IS DISTINCT FROM to_jsonb(cn.number)
              THEN jsonb_set(u.value, '{number}', to_jsonb(cn.number)) ELSE u.value END AS value,
            c.seq AS done_seq, c.value AS done_value, x.seq AS cur_seq
          FROM pg_temp.factdesk_stage_units u
          LEFT JOIN factdesk.claim_numbers cn ON u.kind = 'claim' AND cn.desk_id = p_desk AND cn.key = u.key
          LEFT JOIN factdesk.changes c ON c.desk_id = p_desk AND c.change_id = u.change_id
          LEFT JOIN factdesk.units x ON x.desk_id = p_desk AND x.key = u.key
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL AND j.done_value IS DISTINCT FROM j.sent THEN j.done_value
                 WHEN j.done_seq IS NULL AND f.new_seq IS NOT NULL AND j.value IS DISTINCT FROM j.sent THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a.entry->>'id', a.entry->>'storyId', a.entry, nextval('factdesk.seq'), session_user FROM pg_temp.factdesk_stage_activity a
          ON CONFLICT DO NOTHING;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;

      -- A JSON page (older clients' way, and handy in psql) is staged and judged by push_staged.
      CREATE OR REPLACE FUNCTION factdesk.push_page(p_desk text, p_units jsonb, p_activity jsonb) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      BEGIN
        PERFORM factdesk.open_stage();
        INSERT INTO pg_temp.factdesk_stage_units (ord, key, kind, story_id, value, base_seq, change_id)
          SELECT u.ord, u.key, u.kind, u.story_id, NULLIF(u.value, 'null'::jsonb), u.base_seq, u.change_id
          FROM ROWS FROM (jsonb_to_recordset(p_units) AS (key text, kind text, "storyId" text, value jsonb, "baseSeq" bigint, "changeId" text))
            WITH ORDINALITY AS u(key, kind, story_id, value, base_seq, change_id, ord);
        INSERT INTO pg_temp.factdesk_stage_activity (entry) SELECT a FROM jsonb_array_elements(p_activity) a;
        RETURN factdesk.push_staged(p_desk);
      END $f$;
      REVOKE ALL ON FUNCTION factdesk.open_stage(), factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.open_stage(), factdesk.push_staged(text) TO factdesk_editor;
    `
  },
  {
    version: 8,
    name: 'push_staged looks each staged unit up by its key: its cost no longer grows with the desk',
    sql: `
      -- Schema 7 joined the staging table with units, changes and claim_numbers (and anti-joined the
      -- history): on a desk of hundreds of thousands of rows the planner hashed the page and scanned
      -- those tables whole, once per page, so a first push of 5,000 stories cost the square of its size.
      -- Each staged unit and entry is now looked up by its key (a subquery per row, always an index
      -- probe), as push_page did before schema 7.
      CREATE OR REPLACE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- Who wrote each history entry new to the desk must be the caller (see schema 4).
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          WHERE a.entry->>'by' IS NOT NULL
            AND (SELECT true FROM factdesk.activity x WHERE x.desk_id = p_desk AND x.id = a.entry->>'id') IS NULL;
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
            AND (SELECT true FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key) IS NULL
          ORDER BY u.ord
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH looked AS MATERIALIZED (
          SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
            CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL
              THEN (SELECT cn.number FROM factdesk.claim_numbers cn WHERE cn.desk_id = p_desk AND cn.key = u.key) END AS number,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = u.change_id) AS done_seq,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u.key) AS cur_seq
          FROM pg_temp.factdesk_stage_units u
        ), judged AS MATERIALIZED (
          SELECT l.ord, l.key, l.kind, l.story_id, l.base_seq, l.change_id, l.done_seq, l.cur_seq,
            CASE WHEN l.renumbered THEN jsonb_set(l.sent, '{number}', to_jsonb(l.number)) ELSE l.sent END AS value,
            l.renumbered,
            -- A change accepted before: the value the desk stored for it when that is not the one sent.
            CASE WHEN l.done_seq IS NOT NULL
              THEN (SELECT c.value FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = l.change_id AND c.value IS DISTINCT FROM l.sent) END AS done_stored
          FROM (SELECT k.*, (k.number IS NOT NULL AND (k.sent->'number') IS DISTINCT FROM to_jsonb(k.number)) AS renumbered FROM looked k) l
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL THEN j.done_stored WHEN f.new_seq IS NOT NULL AND j.renumbered THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a.entry->>'id', a.entry->>'storyId', a.entry, nextval('factdesk.seq'), session_user FROM pg_temp.factdesk_stage_activity a
          ON CONFLICT DO NOTHING;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;

      REVOKE ALL ON FUNCTION factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_staged(text) TO factdesk_editor;
    `
  },
  {
    version: 9,
    name: "push_staged looks up a history entry on the desk only when its author is not already the caller's",
    sql: `
      -- Schema 8 looked every staged history entry up in factdesk.activity to tell whether it was new
      -- (only a new entry's author is checked): 100,000 index probes in a first push of 500 stories,
      -- 1.5 of its 15 s on the server. An entry whose author is already the caller's (recorded in
      -- authors under the caller, and no other member's person) can neither be forged nor add an
      -- author, so those entries are not looked up; what is refused and recorded is unchanged.
      CREATE OR REPLACE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- Who wrote each history entry new to the desk must be the caller (see schema 4). Only the
        -- entries naming a person who is not already the caller's alone (in authors under the caller,
        -- and no other member's person) are looked up in the desk's history: for the others the
        -- answer is known (never forged, already recorded), and a push names the same few people in
        -- all its entries.
        WITH named AS (
          SELECT DISTINCT a.entry->>'by' AS person_id FROM pg_temp.factdesk_stage_activity a WHERE a.entry->>'by' IS NOT NULL
        ), unsettled AS (
          SELECT n.person_id FROM named n
          WHERE NOT (
            EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = n.person_id AND o.role_name = session_user)
            AND NOT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = n.person_id AND m.role_name <> session_user)
          )
        )
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          -- An array, not IN (SELECT ...): a semi-join would let the look-up below run on every staged
          -- entry before the join drops those of settled people; this is a cheap test on the scan, first.
          WHERE a.entry->>'by' = ANY (ARRAY(SELECT w.person_id FROM unsettled w))
            AND (SELECT true FROM factdesk.activity x WHERE x.desk_id = p_desk AND x.id = a.entry->>'id') IS NULL;
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
            AND (SELECT true FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key) IS NULL
          ORDER BY u.ord
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH looked AS MATERIALIZED (
          SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
            CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL
              THEN (SELECT cn.number FROM factdesk.claim_numbers cn WHERE cn.desk_id = p_desk AND cn.key = u.key) END AS number,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = u.change_id) AS done_seq,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u.key) AS cur_seq
          FROM pg_temp.factdesk_stage_units u
        ), judged AS MATERIALIZED (
          SELECT l.ord, l.key, l.kind, l.story_id, l.base_seq, l.change_id, l.done_seq, l.cur_seq,
            CASE WHEN l.renumbered THEN jsonb_set(l.sent, '{number}', to_jsonb(l.number)) ELSE l.sent END AS value,
            l.renumbered,
            -- A change accepted before: the value the desk stored for it when that is not the one sent.
            CASE WHEN l.done_seq IS NOT NULL
              THEN (SELECT c.value FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = l.change_id AND c.value IS DISTINCT FROM l.sent) END AS done_stored
          FROM (SELECT k.*, (k.number IS NOT NULL AND (k.sent->'number') IS DISTINCT FROM to_jsonb(k.number)) AS renumbered FROM looked k) l
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id
            RETURNING 1
        ), logged AS (
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role)
            SELECT j.change_id, p_desk, j.key, f.new_seq, j.value, session_user FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL THEN j.done_stored WHEN f.new_seq IS NOT NULL AND j.renumbered THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a.entry->>'id', a.entry->>'storyId', a.entry, nextval('factdesk.seq'), session_user FROM pg_temp.factdesk_stage_activity a
          ON CONFLICT DO NOTHING;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;

      REVOKE ALL ON FUNCTION factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_staged(text) TO factdesk_editor;
    `
  },
  {
    version: 10,
    name: 'the change log refers to the value its change gave the unit instead of storing it a second time',
    sql: `
      -- Until now every accepted change stored its whole value twice: in its unit and again in
      -- factdesk.changes (8.1 of the 12.7 s of a first push of 500 stories went on writing both). The
      -- log is read only to recognise a change pushed again and to tell its pusher what the desk kept
      -- for it, so a change now names its unit and sequence number and refers to the value: while the
      -- change is the unit's latest (units.change_id), the value is the unit's; when a later change
      -- replaces it, push_staged moves the replaced value into factdesk.superseded, once. Each value is
      -- stored once, a first push stores none twice. Rows logged before this version keep their value
      -- (by_reference false). change_value is the one reading of the rule.
      ALTER TABLE factdesk.changes ADD COLUMN by_reference boolean NOT NULL DEFAULT false;
      ALTER TABLE factdesk.units ADD COLUMN change_id text;

      CREATE TABLE factdesk.superseded (
        desk_id text NOT NULL,
        change_id text NOT NULL,
        value jsonb,
        PRIMARY KEY (desk_id, change_id)
      );
      CREATE TRIGGER superseded_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON factdesk.superseded FOR EACH STATEMENT EXECUTE FUNCTION factdesk.refuse_change();
      ALTER TABLE factdesk.superseded ENABLE ROW LEVEL SECURITY;
      CREATE POLICY superseded_read ON factdesk.superseded FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      GRANT SELECT ON factdesk.superseded TO factdesk_editor;

      -- The value the desk stored for an accepted change (NULL: a delete, or no such change). Runs as
      -- its caller: a member reads only their own desks' rows.
      CREATE FUNCTION factdesk.change_value(p_desk text, p_change text) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = pg_catalog, factdesk AS $f$
        SELECT CASE
            WHEN NOT c.by_reference THEN c.value
            WHEN x.change_id = c.change_id THEN x.value
            ELSE (SELECT s.value FROM factdesk.superseded s WHERE s.desk_id = c.desk_id AND s.change_id = c.change_id)
          END
        FROM factdesk.changes c LEFT JOIN factdesk.units x ON x.desk_id = c.desk_id AND x.key = c.key
        WHERE c.desk_id = p_desk AND c.change_id = p_change
      $f$;
      GRANT EXECUTE ON FUNCTION factdesk.change_value(text, text) TO factdesk_editor;

      -- As schema 9, with the change log by reference (kept, put, logged) and done_stored read through change_value.
      CREATE OR REPLACE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- Who wrote each history entry new to the desk must be the caller (see schema 4). Only the
        -- entries naming a person who is not already the caller's alone (in authors under the caller,
        -- and no other member's person) are looked up in the desk's history: for the others the
        -- answer is known (never forged, already recorded), and a push names the same few people in
        -- all its entries.
        WITH named AS (
          SELECT DISTINCT a.entry->>'by' AS person_id FROM pg_temp.factdesk_stage_activity a WHERE a.entry->>'by' IS NOT NULL
        ), unsettled AS (
          SELECT n.person_id FROM named n
          WHERE NOT (
            EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = n.person_id AND o.role_name = session_user)
            AND NOT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = n.person_id AND m.role_name <> session_user)
          )
        )
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          -- An array, not IN (SELECT ...): a semi-join would let the look-up below run on every staged
          -- entry before the join drops those of settled people; this is a cheap test on the scan, first.
          WHERE a.entry->>'by' = ANY (ARRAY(SELECT w.person_id FROM unsettled w))
            AND (SELECT true FROM factdesk.activity x WHERE x.desk_id = p_desk AND x.id = a.entry->>'id') IS NULL;
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
            AND (SELECT true FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key) IS NULL
          ORDER BY u.ord
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH looked AS MATERIALIZED (
          SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
            CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL
              THEN (SELECT cn.number FROM factdesk.claim_numbers cn WHERE cn.desk_id = p_desk AND cn.key = u.key) END AS number,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = u.change_id) AS done_seq,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u.key) AS cur_seq
          FROM pg_temp.factdesk_stage_units u
        ), judged AS MATERIALIZED (
          SELECT l.ord, l.key, l.kind, l.story_id, l.base_seq, l.change_id, l.done_seq, l.cur_seq,
            CASE WHEN l.renumbered THEN jsonb_set(l.sent, '{number}', to_jsonb(l.number)) ELSE l.sent END AS value,
            l.renumbered,
            -- A change accepted before: the value the desk stored for it when that is not the one sent.
            CASE WHEN l.done_seq IS NOT NULL
              THEN (SELECT v.value FROM (SELECT factdesk.change_value(p_desk, l.change_id) AS value) v WHERE v.value IS DISTINCT FROM l.sent) END AS done_stored
          FROM (SELECT k.*, (k.number IS NOT NULL AND (k.sent->'number') IS DISTINCT FROM to_jsonb(k.number)) AS renumbered FROM looked k) l
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), kept AS (
          -- A value set by reference that this page replaces moves into superseded (the statement's
          -- snapshot still reads the unit as it was before put).
          INSERT INTO factdesk.superseded (desk_id, change_id, value)
            SELECT p_desk, x.change_id, x.value FROM judged j JOIN fresh f ON f.ord = j.ord
              JOIN factdesk.units x ON x.desk_id = p_desk AND x.key = j.key
            WHERE j.cur_seq IS NOT NULL AND x.change_id IS NOT NULL
            ON CONFLICT DO NOTHING
            RETURNING 1
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role, change_id)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user, j.change_id FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id, change_id = excluded.change_id
            RETURNING 1
        ), logged AS (
          -- The change log names the change, its unit and its sequence number; its value is the unit's.
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role, by_reference)
            SELECT j.change_id, p_desk, j.key, f.new_seq, NULL, session_user, true FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL THEN j.done_stored WHEN f.new_seq IS NOT NULL AND j.renumbered THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        INSERT INTO factdesk.activity (desk_id, id, story_id, entry, seq, by_role)
          SELECT p_desk, a.entry->>'id', a.entry->>'storyId', a.entry, nextval('factdesk.seq'), session_user FROM pg_temp.factdesk_stage_activity a
          ON CONFLICT DO NOTHING;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(a.seq) FROM factdesk.activity a WHERE a.desk_id = p_desk)));
      END $f$;

      REVOKE ALL ON FUNCTION factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_staged(text) TO factdesk_editor;
    `
  },
  {
    version: 11,
    name: 'history in batches: one row per story and push page, not one per entry',
    sql: `
      -- A first push of 500 stories wrote 100,000 history rows, one per entry, each with its own
      -- sequence number and three index entries (3.7 of its 12.7 s). History now goes to the desk in
      -- batches: one row per story and push page holding the page's new entries of that story (ids and
      -- entries in the order sent) under one sequence number. A pull reads them through the view
      -- factdesk.activity, one row per entry as before (ord: its place in its batch); a page of a pull
      -- is never cut inside a batch. An entry is the same entry when its story and id are (the desk
      -- already having it, or a page repeating it, drops it as ON CONFLICT did). The rows written so
      -- far become batches of one.
      CREATE TABLE factdesk.history (
        desk_id text NOT NULL,
        story_id text NOT NULL,
        seq bigint NOT NULL,
        ids text[] NOT NULL,
        entries jsonb NOT NULL,
        by_role name NOT NULL,
        PRIMARY KEY (desk_id, seq)
      );
      CREATE INDEX history_story ON factdesk.history (story_id, desk_id);
      INSERT INTO factdesk.history (desk_id, story_id, seq, ids, entries, by_role)
        SELECT a.desk_id, a.story_id, a.seq, ARRAY[a.id], jsonb_build_array(a.entry), a.by_role FROM factdesk.activity a;
      DROP TABLE factdesk.activity;
      CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON factdesk.history FOR EACH STATEMENT EXECUTE FUNCTION factdesk.refuse_change();
      ALTER TABLE factdesk.history ENABLE ROW LEVEL SECURITY;
      CREATE POLICY history_read ON factdesk.history FOR SELECT TO factdesk_editor USING ((SELECT factdesk.my_desks()) @> ARRAY[desk_id]);
      GRANT SELECT ON factdesk.history TO factdesk_editor;

      -- Each entry as a row, read as its reader (security_invoker: the policy above holds for members).
      CREATE VIEW factdesk.activity WITH (security_invoker = true) AS
        SELECT h.desk_id, e.id, h.story_id, e.entry, h.seq, h.by_role, e.ord
        FROM factdesk.history h
          CROSS JOIN LATERAL ROWS FROM (unnest(h.ids), jsonb_array_elements(h.entries)) WITH ORDINALITY AS e(id, entry, ord);
      GRANT SELECT ON factdesk.activity TO factdesk_editor;
      -- Written by nobody: a write is refused for want of the privilege, the owner's by the trigger.
      CREATE TRIGGER activity_read_only INSTEAD OF INSERT OR UPDATE OR DELETE ON factdesk.activity FOR EACH ROW EXECUTE FUNCTION factdesk.refuse_change();

      -- As schema 10, with history in batches (the DELETE of the staged entries the desk has, the INSERT into history).
      CREATE OR REPLACE FUNCTION factdesk.push_staged(p_desk text) RETURNS jsonb
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, factdesk, pg_temp AS $f$
      DECLARE
        v_prior bigint;
        v_results jsonb;
        v_channel text;
        v_forged text;
        v_authors text[];
        r record;
      BEGIN
        IF NOT factdesk.is_member(p_desk) THEN
          RAISE EXCEPTION 'factdesk: % is not a member of desk %', session_user, p_desk USING ERRCODE = 'insufficient_privilege';
        END IF;
        -- The staging tables must be the ones open_stage made: temporary, owned by the desk's owner.
        IF (SELECT count(*) FROM pg_catalog.pg_class c
            WHERE c.oid IN (to_regclass('pg_temp.factdesk_stage_units'), to_regclass('pg_temp.factdesk_stage_activity'))
              AND c.relkind = 'r' AND c.relpersistence = 't' AND c.relowner = (SELECT o.oid FROM pg_catalog.pg_roles o WHERE o.rolname = current_user)
           ) <> 2 THEN
          RAISE EXCEPTION 'factdesk: the staging tables of this push were not made by factdesk.open_stage' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE u.kind = 'settings') AND NOT factdesk.is_lead(p_desk) THEN
          RAISE EXCEPTION 'factdesk: only the desk lead may change desk settings' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF EXISTS (
          SELECT 1 FROM pg_temp.factdesk_stage_units u WHERE NOT COALESCE(
            (u.kind = 'settings' AND u.key = 'settings' AND u.story_id IS NULL)
            OR (u.kind IN ('source', 'person') AND u.key = u.kind || ':' || substr(u.key, length(u.kind) + 2) AND u.story_id IS NULL)
            OR (u.kind = 'story' AND u.key = 'story:' || u.story_id)
            OR (u.kind IN ('claim', 'evidence') AND u.key LIKE u.kind || ':%' AND u.story_id IS NOT NULL),
            false
          ) OR jsonb_typeof(COALESCE(u.value, 'null'::jsonb)) NOT IN ('object', 'null') OR u.ord IS NULL OR u.change_id IS NULL
        ) OR (SELECT count(*) <> count(DISTINCT u.key) OR count(*) <> count(DISTINCT u.ord) FROM pg_temp.factdesk_stage_units u) THEN
          RAISE EXCEPTION 'factdesk: a unit in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF EXISTS (SELECT 1 FROM pg_temp.factdesk_stage_activity a WHERE a.entry IS NULL OR a.entry->>'id' IS NULL OR a.entry->>'storyId' IS NULL) THEN
          RAISE EXCEPTION 'factdesk: an activity entry in this push is malformed' USING ERRCODE = 'invalid_parameter_value';
        END IF;
        PERFORM pg_advisory_xact_lock(hashtext('factdesk:' || p_desk));
        -- History entries the desk already has leave the page first (same story, same id): what stays
        -- is new to the desk (an entry repeated within the page is taken once, when it is written). A story's ids are read from its
        -- batches, one look-up per story of the page (a scalar subquery, so by the story index).
        -- (MATERIALIZED: inlined, the look-up ran once per staged entry.)
        WITH k AS MATERIALIZED (
          SELECT s.story_id, (SELECT array_agg(i.id) FROM factdesk.history h CROSS JOIN LATERAL unnest(h.ids) AS i(id)
              WHERE h.story_id = s.story_id AND h.desk_id = p_desk) AS ids
          FROM (SELECT DISTINCT b.entry->>'storyId' AS story_id FROM pg_temp.factdesk_stage_activity b) s
        )
        DELETE FROM pg_temp.factdesk_stage_activity a USING k
          WHERE k.ids IS NOT NULL AND k.story_id = a.entry->>'storyId' AND a.entry->>'id' = ANY (k.ids);
        -- Who wrote each history entry new to the desk must be the caller (see schema 4): every entry
        -- left on the page is new, and only those naming a person who is not already the caller's
        -- alone (in authors under the caller, and no other member's person) are judged.
        WITH named AS (
          SELECT DISTINCT a.entry->>'by' AS person_id FROM pg_temp.factdesk_stage_activity a WHERE a.entry->>'by' IS NOT NULL
        ), unsettled AS (
          SELECT n.person_id FROM named n
          WHERE NOT (
            EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = n.person_id AND o.role_name = session_user)
            AND NOT EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = n.person_id AND m.role_name <> session_user)
          )
        )
        SELECT COALESCE(array_agg(DISTINCT a.entry->>'by'), '{}') INTO v_authors FROM pg_temp.factdesk_stage_activity a
          -- An array, not IN (SELECT ...): a semi-join would let the look-up below run on every staged
          -- entry before the join drops those of settled people; this is a cheap test on the scan, first.
          WHERE a.entry->>'by' = ANY (ARRAY(SELECT w.person_id FROM unsettled w));
        SELECT w.person_id INTO v_forged FROM unnest(v_authors) AS w(person_id)
          WHERE EXISTS (SELECT 1 FROM factdesk.authors o WHERE o.desk_id = p_desk AND o.person_id = w.person_id AND o.role_name <> session_user)
             OR EXISTS (SELECT 1 FROM factdesk.members m WHERE m.desk_id = p_desk AND m.person_id = w.person_id AND m.role_name <> session_user)
          LIMIT 1;
        IF v_forged IS NOT NULL THEN
          RAISE EXCEPTION 'factdesk: a history entry in this push names % as its author, who is another editor of the desk', v_forged USING ERRCODE = 'insufficient_privilege';
        END IF;
        INSERT INTO factdesk.authors (desk_id, person_id, role_name)
          SELECT p_desk, w.person_id, session_user FROM unnest(v_authors) AS w(person_id) ON CONFLICT DO NOTHING;
        SELECT d.channel INTO v_channel FROM factdesk.desks d WHERE d.id = p_desk;
        SELECT GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(h.seq) FROM factdesk.history h WHERE h.desk_id = p_desk)) INTO v_prior;

        -- Claim numbers (see schema 3): a free number is kept, a taken one becomes the story's next.
        INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
          SELECT p_desk, u.story_id, (u.value->>'number')::int, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
          ORDER BY u.ord ON CONFLICT DO NOTHING;
        FOR r IN
          SELECT u.story_id, u.key FROM pg_temp.factdesk_stage_units u
          WHERE u.kind = 'claim' AND jsonb_typeof(u.value->'number') = 'number'
            AND (SELECT true FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.key = u.key) IS NULL
          ORDER BY u.ord
        LOOP
          INSERT INTO factdesk.claim_numbers (desk_id, story_id, number, key)
            SELECT p_desk, r.story_id, COALESCE(max(c.number), 0) + 1, r.key FROM factdesk.claim_numbers c WHERE c.desk_id = p_desk AND c.story_id = r.story_id;
        END LOOP;

        WITH looked AS MATERIALIZED (
          SELECT u.ord, u.key, u.kind, u.story_id, u.value AS sent, u.base_seq, u.change_id,
            CASE WHEN u.kind = 'claim' AND u.value IS NOT NULL
              THEN (SELECT cn.number FROM factdesk.claim_numbers cn WHERE cn.desk_id = p_desk AND cn.key = u.key) END AS number,
            (SELECT c.seq FROM factdesk.changes c WHERE c.desk_id = p_desk AND c.change_id = u.change_id) AS done_seq,
            (SELECT x.seq FROM factdesk.units x WHERE x.desk_id = p_desk AND x.key = u.key) AS cur_seq
          FROM pg_temp.factdesk_stage_units u
        ), judged AS MATERIALIZED (
          SELECT l.ord, l.key, l.kind, l.story_id, l.base_seq, l.change_id, l.done_seq, l.cur_seq,
            CASE WHEN l.renumbered THEN jsonb_set(l.sent, '{number}', to_jsonb(l.number)) ELSE l.sent END AS value,
            l.renumbered,
            -- A change accepted before: the value the desk stored for it when that is not the one sent.
            CASE WHEN l.done_seq IS NOT NULL
              THEN (SELECT v.value FROM (SELECT factdesk.change_value(p_desk, l.change_id) AS value) v WHERE v.value IS DISTINCT FROM l.sent) END AS done_stored
          FROM (SELECT k.*, (k.number IS NOT NULL AND (k.sent->'number') IS DISTINCT FROM to_jsonb(k.number)) AS renumbered FROM looked k) l
        ), fresh AS MATERIALIZED (
          SELECT f.ord, nextval('factdesk.seq') AS new_seq
          FROM (SELECT j.ord FROM judged j WHERE j.done_seq IS NULL AND COALESCE(j.cur_seq, 0) = COALESCE(j.base_seq, 0) ORDER BY j.ord) f
        ), kept AS (
          -- A value set by reference that this page replaces moves into superseded (the statement's
          -- snapshot still reads the unit as it was before put).
          INSERT INTO factdesk.superseded (desk_id, change_id, value)
            SELECT p_desk, x.change_id, x.value FROM judged j JOIN fresh f ON f.ord = j.ord
              JOIN factdesk.units x ON x.desk_id = p_desk AND x.key = j.key
            WHERE j.cur_seq IS NOT NULL AND x.change_id IS NOT NULL
            ON CONFLICT DO NOTHING
            RETURNING 1
        ), put AS (
          INSERT INTO factdesk.units AS x (desk_id, key, kind, story_id, value, seq, by_role, change_id)
            SELECT p_desk, j.key, j.kind, j.story_id, j.value, f.new_seq, session_user, j.change_id FROM judged j JOIN fresh f ON f.ord = j.ord
            ON CONFLICT (desk_id, key) DO UPDATE SET value = excluded.value, seq = excluded.seq, by_role = excluded.by_role, story_id = excluded.story_id, change_id = excluded.change_id
            RETURNING 1
        ), logged AS (
          -- The change log names the change, its unit and its sequence number; its value is the unit's.
          INSERT INTO factdesk.changes (change_id, desk_id, key, seq, value, by_role, by_reference)
            SELECT j.change_id, p_desk, j.key, f.new_seq, NULL, session_user, true FROM judged j JOIN fresh f ON f.ord = j.ord
            RETURNING 1
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_array(
            j.key,
            CASE WHEN j.done_seq IS NOT NULL OR f.new_seq IS NOT NULL THEN 'applied' ELSE 'stale' END,
            COALESCE(j.done_seq, f.new_seq, j.cur_seq),
            CASE WHEN j.done_seq IS NOT NULL THEN j.done_stored WHEN f.new_seq IS NOT NULL AND j.renumbered THEN j.value END
          ) ORDER BY j.ord), '[]'::jsonb)
          INTO v_results FROM judged j LEFT JOIN fresh f ON f.ord = j.ord;
        -- One history row per story of the page: its new entries in the order sent, under one sequence number.
        -- Numbered in the order the stories' first entries were sent; an entry repeated within the page
        -- is taken once (its first time).
        INSERT INTO factdesk.history (desk_id, story_id, seq, ids, entries, by_role)
          SELECT p_desk, g.story_id, nextval('factdesk.seq'), g.ids, g.entries, session_user FROM (
            SELECT d.story_id, array_agg(d.id ORDER BY d.at) AS ids, jsonb_agg(d.entry ORDER BY d.at) AS entries
            FROM (
              SELECT DISTINCT ON (a.entry->>'storyId', a.entry->>'id') a.entry->>'storyId' AS story_id, a.entry->>'id' AS id, a.entry, a.ctid AS at
              FROM pg_temp.factdesk_stage_activity a ORDER BY a.entry->>'storyId', a.entry->>'id', a.ctid
            ) d
            GROUP BY d.story_id ORDER BY min(d.at)
          ) g;
        TRUNCATE pg_temp.factdesk_stage_units, pg_temp.factdesk_stage_activity;
        PERFORM pg_notify(v_channel, '');
        RETURN jsonb_build_object('prior', COALESCE(v_prior, 0), 'results', v_results,
          'top', GREATEST((SELECT max(u.seq) FROM factdesk.units u WHERE u.desk_id = p_desk), (SELECT max(h.seq) FROM factdesk.history h WHERE h.desk_id = p_desk)));
      END $f$;

      REVOKE ALL ON FUNCTION factdesk.push_staged(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION factdesk.push_staged(text) TO factdesk_editor;
    `
  },
  {
    version: 12,
    name: 'a push page is judged without JIT compilation',
    sql: `
      -- The planner cannot know how many rows a session's staging table holds (it is new to every
      -- session and never analysed), so it priced the judging statement of every page above
      -- jit_above_cost and compiled it with LLVM first: 140-260 ms of each page's 200-590 ms (under
      -- load 6-14) went on compiling a plan that runs once, and a first push of 5,000 stories has 200 pages.
      -- The statements of a push are index probes and inserts over a page of rows: they gain nothing
      -- from JIT. Set on the function, it holds for every statement inside it and for nothing else.
      ALTER FUNCTION factdesk.push_staged(text) SET jit = off;
    `
  },
  {
    version: 13,
    name: 'each field of a unit records the sequence number of its last change',
    sql: `
      -- A client merges the desk's value of a unit three-way against the version it last agreed
      -- (its sequence number is the client's base). Comparing values alone, a field the desk set
      -- A -> B -> A after that version read as unchanged, and a client that had set it to B offline
      -- overwrote the deliberate A without a conflict. So the desk now says when each field last
      -- changed: field_seqs maps a field to the sequence number of the change that last altered it
      -- (a field absent has not changed since the unit was created; NULL: none has). A field newer
      -- than the client's base is the desk's change, whatever its value.
      ALTER TABLE factdesk.units ADD COLUMN field_seqs jsonb;

      -- Kept by the database on every change of a unit, whichever statement makes it: each field the
      -- change alters (added, removed or set to another value) takes the change's sequence number;
      -- bringing a deleted unit back alters every field; a delete keeps them (the unit's own seq tells
      -- it). A new unit has none (no trigger on INSERT: a first push pays nothing).
      CREATE FUNCTION factdesk.stamp_fields() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, factdesk AS $f$
      BEGIN
        IF NEW.value IS NULL OR NEW.seq IS NOT DISTINCT FROM OLD.seq THEN
          NEW.field_seqs := OLD.field_seqs;
        ELSE
          NEW.field_seqs := COALESCE(OLD.field_seqs, '{}'::jsonb) || COALESCE((
            SELECT jsonb_object_agg(f.name, NEW.seq)
            FROM (SELECT jsonb_object_keys(NEW.value) UNION SELECT jsonb_object_keys(COALESCE(OLD.value, '{}'::jsonb))) AS f(name)
            WHERE OLD.value IS NULL OR (NEW.value -> f.name) IS DISTINCT FROM (OLD.value -> f.name)
          ), '{}'::jsonb);
        END IF;
        RETURN NEW;
      END $f$;

      -- Units changed before this version: each field's last change read from the change log (every
      -- accepted change, with the value it gave its unit, see change_value), oldest first; a delete
      -- logged as JSON null is a delete.
      WITH logged AS (
        SELECT c.desk_id, c.key, c.seq,
          NULLIF(CASE WHEN NOT c.by_reference THEN c.value WHEN x.change_id = c.change_id THEN x.value ELSE s.value END, 'null'::jsonb) AS value
        FROM factdesk.changes c
          LEFT JOIN factdesk.units x ON x.desk_id = c.desk_id AND x.key = c.key
          LEFT JOIN factdesk.superseded s ON s.desk_id = c.desk_id AND s.change_id = c.change_id
      ), steps AS (
        SELECT l.desk_id, l.key, l.seq, l.value,
          lag(l.value) OVER w AS before, row_number() OVER w AS n
        FROM logged l WINDOW w AS (PARTITION BY l.desk_id, l.key ORDER BY l.seq)
      ), fields AS (
        SELECT t.desk_id, t.key, f.name, max(t.seq) AS seq
        FROM steps t
          CROSS JOIN LATERAL (SELECT jsonb_object_keys(t.value) UNION SELECT jsonb_object_keys(COALESCE(t.before, '{}'::jsonb))) AS f(name)
        WHERE t.n > 1 AND t.value IS NOT NULL AND jsonb_typeof(t.value) = 'object'
          AND (t.before IS NULL OR (t.value -> f.name) IS DISTINCT FROM (t.before -> f.name))
        GROUP BY t.desk_id, t.key, f.name
      )
      UPDATE factdesk.units u SET field_seqs = g.field_seqs
        FROM (SELECT d.desk_id, d.key, jsonb_object_agg(d.name, d.seq) AS field_seqs FROM fields d GROUP BY d.desk_id, d.key) g
        WHERE u.desk_id = g.desk_id AND u.key = g.key;

      CREATE TRIGGER units_field_seqs BEFORE UPDATE ON factdesk.units FOR EACH ROW EXECUTE FUNCTION factdesk.stamp_fields();
    `
  },
  {
    version: 14,
    name: 'a field a push names as set back to the value it had takes the change’s sequence number too',
    sql: `
      -- The mirror of schema 13: an editor who sets a field A -> B -> A in the library (offline, or
      -- between two syncs) pushes A, which is no change of the field's value, so the trigger left the
      -- field's version as it was, and another editor who had set B offline took A for untouched and
      -- overwrote it in silence. The client now names, with a push, the fields of each unit it set back
      -- to the agreed value: set_config('factdesk.set_back', '{"<change id>": ["field", ...]}', true)
      -- inside the push's transaction. Each field so named (that the value has) takes the change's
      -- sequence number as if its value had changed. Only the units this transaction writes are
      -- stamped, each with its own new sequence number, so a member can add nothing but stamps of its
      -- own changes (a later change of the field than the truth, which makes a conflict, never an
      -- overwrite). Nothing named, the rule is schema 13's.
      CREATE OR REPLACE FUNCTION factdesk.stamp_fields() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, factdesk AS $f$
      DECLARE
        v_set jsonb;
      BEGIN
        IF NEW.value IS NULL OR NEW.seq IS NOT DISTINCT FROM OLD.seq THEN
          NEW.field_seqs := OLD.field_seqs;
        ELSE
          v_set := NULLIF(current_setting('factdesk.set_back', true), '')::jsonb -> NEW.change_id;
          IF jsonb_typeof(v_set) IS DISTINCT FROM 'array' THEN
            v_set := '[]'::jsonb;
          END IF;
          NEW.field_seqs := COALESCE(OLD.field_seqs, '{}'::jsonb) || COALESCE((
            SELECT jsonb_object_agg(f.name, NEW.seq)
            FROM (SELECT jsonb_object_keys(NEW.value) UNION SELECT jsonb_object_keys(COALESCE(OLD.value, '{}'::jsonb))) AS f(name)
            WHERE OLD.value IS NULL OR (NEW.value -> f.name) IS DISTINCT FROM (OLD.value -> f.name)
              OR (NEW.value ? f.name AND v_set ? f.name)
          ), '{}'::jsonb);
        END IF;
        RETURN NEW;
      END $f$;
    `
  },
  {
    version: 15,
    name: 'a change is logged when a later one replaces it; until then its unit names it',
    sql:
      `
      -- Every accepted change had a row in factdesk.changes from the moment it was accepted, though its
      -- unit already named it (units.change_id, schema 10): a first push wrote two rows per unit, and
      -- looked each change id up in the log's index (a random key: 20 of a page's 52 ms of judging, its
      -- insert 13 more). Now a unit names its current change whole (change_id, seq, by_role and at, the
      -- time it was accepted), and the change goes into the log, by reference as before, when a later
      -- change replaces it. A change pushed again is found as its unit's current change (the unit is
      -- looked up by its key anyway) or in the log, so a unit new to the desk costs no look-up of its
      -- change; a change is its unit's (found by key and id). factdesk.changes is now a view of both,
      -- one row per accepted change as before, read-only; change_value(desk, key, change) reads a
      -- change's value by it (change_value(desk, change) finds the key first). Rows logged before this
      -- version stay (their unit's at is NULL: logged already). And when every claim of a page that came
      -- with a number kept it (a first push), no claim is looked up again for its number.
      ALTER TABLE factdesk.changes RENAME TO change_log;
      ALTER INDEX factdesk.changes_pkey RENAME TO change_log_pkey;
      ALTER TABLE factdesk.units ADD COLUMN at timestamptz;

      CREATE VIEW factdesk.changes WITH (security_invoker = true) AS
        SELECT c.change_id, c.desk_id, c.key, c.seq, c.value, c.by_role, c.at, c.by_reference FROM factdesk.change_log c
        UNION ALL
        SELECT x.change_id, x.desk_id, x.key, x.seq, NULL::jsonb, x.by_role, x.at, true FROM factdesk.units x WHERE x.at IS NOT NULL;
      GRANT SELECT ON factdesk.changes TO factdesk_editor;
      CREATE TRIGGER changes_read_only INSTEAD OF INSERT OR UPDATE OR DELETE ON factdesk.changes FOR EACH ROW EXECUTE FUNCTION factdesk.refuse_change();

      -- The value the desk stored for an accepted change of a unit (NULL: a delete, or no such change):
      -- the log's own value (before schema 10), the unit's while the change is its current one, else
      -- the replaced value kept in superseded. Runs as its caller.
      CREATE FUNCTION factdesk.change_value(p_desk text, p_key text, p_change text) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = pg_catalog, factdesk AS $f$
        SELECT CASE
            WHEN NOT c.by_reference THEN c.value
            WHEN x.change_id = c.change_id THEN x.value
            ELSE (SELECT s.value FROM factdesk.superseded s WHERE s.desk_id = c.desk_id AND s.change_id = c.change_id)
          END
        FROM factdesk.changes c LEFT JOIN factdesk.units x ON x.desk_id = c.desk_id AND x.key = c.key
        WHERE c.desk_id = p_desk AND c.key = p_key AND c.change_id = p_change
        LIMIT 1
      $f$;
      GRANT EXECUTE ON FUNCTION factdesk.change_value(text, text, text) TO factdesk_editor;
      -- By change id alone (psql): the change's unit is found first, reading every unit of the desk.
      CREATE OR REPLACE FUNCTION factdesk.change_value(p_desk text, p_change text) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = pg_catalog, factdesk AS $f$
        SELECT factdesk.change_value(p_desk, c.key, p_change) FROM factdesk.changes c
        WHERE c.desk_id = p_desk AND c.change_id = p_change
        LIMIT 1
      $f$;

` + PUSH_STAGED_15
  },
  {
    version: 16,
    name: 'a change is its unit’s in the log and in superseded too',
    sql:
      `
      -- Since schema 15 a change pushed again is found by its unit's key and its id, but the log and
      -- the replaced values (superseded) were still keyed by the change id alone. A member could push a
      -- change of a unit of their own under the id of another unit's change: once both were replaced,
      -- that change was kept out of the log (its id taken) and its replaced value read as the member's
      -- (the value an editor's library takes for it after a crash, and tells a change pushed again).
      -- Both are now keyed by desk, unit and change, so no unit's changes can touch another's. Values
      -- kept before this version take their unit from the log (ids were unique per desk until 15).
      ALTER TABLE factdesk.superseded ADD COLUMN key text;
      ALTER TABLE factdesk.superseded DISABLE TRIGGER superseded_append_only;
      UPDATE factdesk.superseded s SET key = (
        SELECT c.key FROM factdesk.change_log c WHERE c.desk_id = s.desk_id AND c.change_id = s.change_id ORDER BY c.seq LIMIT 1
      );
      DELETE FROM factdesk.superseded WHERE key IS NULL;
      ALTER TABLE factdesk.superseded ENABLE TRIGGER superseded_append_only;
      ALTER TABLE factdesk.superseded ALTER COLUMN key SET NOT NULL;
      ALTER TABLE factdesk.superseded DROP CONSTRAINT superseded_pkey, ADD PRIMARY KEY (desk_id, key, change_id);
      ALTER TABLE factdesk.change_log DROP CONSTRAINT change_log_pkey, ADD PRIMARY KEY (desk_id, key, change_id);

      CREATE OR REPLACE FUNCTION factdesk.change_value(p_desk text, p_key text, p_change text) RETURNS jsonb
      LANGUAGE sql STABLE SET search_path = pg_catalog, factdesk AS $f$
        SELECT CASE
            WHEN NOT c.by_reference THEN c.value
            WHEN x.change_id = c.change_id THEN x.value
            ELSE (SELECT s.value FROM factdesk.superseded s WHERE s.desk_id = c.desk_id AND s.key = c.key AND s.change_id = c.change_id)
          END
        FROM factdesk.changes c LEFT JOIN factdesk.units x ON x.desk_id = c.desk_id AND x.key = c.key
        WHERE c.desk_id = p_desk AND c.key = p_key AND c.change_id = p_change
        LIMIT 1
      $f$;

      -- push_staged as schema 15's, its replaced values kept under their unit's key.
` + PUSH_STAGED_15.replace(PUSH_STAGED_15_KEPT, PUSH_STAGED_16_KEPT)
  }
]

export const LATEST_DESK_SCHEMA = migrations.at(-1)?.version ?? 0

/** Brings the desk schema up to date (or up to `until`); returns the versions it applied. */
export async function migrate(client: ClientBase, until = LATEST_DESK_SCHEMA): Promise<number[]> {
  await client.query(`SELECT pg_advisory_lock(hashtext('factdesk:migrate'))`)
  try {
    await client.query('CREATE SCHEMA IF NOT EXISTS factdesk')
    await client.query(
      'CREATE TABLE IF NOT EXISTS factdesk.schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())'
    )
    const done = new Set(
      (await client.query<{ version: number }>('SELECT version FROM factdesk.schema_migrations')).rows.map(
        (r) => r.version
      )
    )
    const applied: number[] = []
    for (const m of migrations) {
      if (done.has(m.version) || m.version > until) continue
      await client.query('BEGIN')
      try {
        await client.query(m.sql)
        await client.query('INSERT INTO factdesk.schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name
        ])
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
