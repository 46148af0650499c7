import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class Foundation1763900000000 implements MigrationInterface {
  name = 'Foundation1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE parties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL UNIQUE,
        short_name text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE offices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE,
        name text NOT NULL,
        name_fr text NOT NULL,
        province char(2) NOT NULL,
        level text NOT NULL CHECK (level IN ('federal', 'provincial')),
        party_id uuid REFERENCES parties(id),
        case_counter integer NOT NULL DEFAULT 0,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX offices_party_idx ON offices (party_id);
      CREATE INDEX offices_province_idx ON offices (province);

      -- Stored in both directions so "neighbours of X" is one index lookup.
      CREATE TABLE office_neighbours (
        office_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        neighbour_id uuid NOT NULL REFERENCES offices(id) ON DELETE CASCADE,
        PRIMARY KEY (office_id, neighbour_id),
        CHECK (office_id <> neighbour_id)
      );

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        display_name text NOT NULL,
        role text NOT NULL CHECK (role IN ('assistant', 'office_lead', 'admin')),
        languages text[] NOT NULL DEFAULT '{}',
        office_id uuid REFERENCES offices(id),
        password_hash text NOT NULL,
        active boolean NOT NULL DEFAULT true,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((role = 'admin') = (office_id IS NULL))
      );
      CREATE INDEX users_office_idx ON users (office_id);

      CREATE TABLE refresh_families (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoke_reason text
      );
      CREATE INDEX refresh_families_user_idx ON refresh_families (user_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL REFERENCES refresh_families(id),
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        handling_office_id uuid NOT NULL REFERENCES offices(id),
        home_office_id uuid NOT NULL REFERENCES offices(id),
        assignee_id uuid REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        category text NOT NULL,
        immigration_type text,
        summary text NOT NULL,
        urgency text NOT NULL,
        complexity text NOT NULL,
        deadline timestamptz,
        languages text[] NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'open',
        constituent jsonb NOT NULL,
        version integer NOT NULL DEFAULT 1,
        -- millisecond precision, as clients see it, so (created_at, id) cursors compare exactly
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((category = 'immigration') OR immigration_type IS NULL)
      );
      CREATE INDEX cases_handling_idx ON cases (handling_office_id, created_at DESC, id DESC);
      CREATE INDEX cases_home_idx ON cases (home_office_id, created_at DESC, id DESC);
      CREATE INDEX cases_summary_search_idx ON cases USING gin (to_tsvector('simple', summary));

      CREATE TABLE case_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        author_id uuid NOT NULL REFERENCES users(id),
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())
      );
      CREATE INDEX case_notes_case_idx ON case_notes (case_id, created_at, id);
      CREATE INDEX case_notes_search_idx ON case_notes USING gin (to_tsvector('simple', body));

      CREATE TABLE case_consents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        scope text NOT NULL,
        granted_at timestamptz NOT NULL,
        expires_at timestamptz,
        evidence text NOT NULL,
        recorded_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        revoked_by uuid REFERENCES users(id)
      );
      CREATE INDEX case_consents_case_idx ON case_consents (case_id);

      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        status integer,
        body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      );
      CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);
    `);
    await this.createAuditTrail(db);
  }

  /**
   * The audit trail is a hash chain kept by the database itself: a trigger numbers each
   * row and hashes it with its predecessor while holding the chain head's row lock, so
   * concurrent transactions append in commit order and the app cannot forge the chain.
   */
  private async createAuditTrail(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_events (
        seq bigint PRIMARY KEY,
        id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
        occurred_at timestamptz NOT NULL,
        action text NOT NULL,
        actor_id uuid,
        office_id uuid,
        case_id uuid,
        target_type text,
        target_id uuid,
        data jsonb NOT NULL DEFAULT '{}',
        prev_hash text NOT NULL,
        hash text NOT NULL
      );
      CREATE INDEX audit_case_idx ON audit_events (case_id, seq) WHERE case_id IS NOT NULL;
      CREATE INDEX audit_office_idx ON audit_events (office_id, seq);
      CREATE INDEX audit_actor_idx ON audit_events (actor_id, seq);
      CREATE INDEX audit_action_idx ON audit_events (action, seq);
      CREATE INDEX audit_time_idx ON audit_events (occurred_at);

      CREATE TABLE audit_chain_head (
        id integer PRIMARY KEY CHECK (id = 1),
        seq bigint NOT NULL,
        hash text NOT NULL
      );
      INSERT INTO audit_chain_head VALUES (1, 0, 'genesis');

      CREATE FUNCTION audit_row_hash(
        seq bigint, prev_hash text, id uuid, occurred_at timestamptz, action text, actor_id uuid,
        office_id uuid, case_id uuid, target_type text, target_id uuid, data jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(convert_to(concat_ws('|',
          seq, prev_hash, id, (extract(epoch FROM occurred_at) * 1000000)::bigint, action,
          coalesce(actor_id::text, '-'), coalesce(office_id::text, '-'), coalesce(case_id::text, '-'),
          coalesce(target_type, '-'), coalesce(target_id::text, '-'), data::text
        ), 'UTF8')), 'hex')
      $$;

      CREATE FUNCTION audit_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head record;
      BEGIN
        SELECT h.seq, h.hash INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.occurred_at := clock_timestamp();
        NEW.hash := audit_row_hash(NEW.seq, NEW.prev_hash, NEW.id, NEW.occurred_at, NEW.action, NEW.actor_id,
          NEW.office_id, NEW.case_id, NEW.target_type, NEW.target_id, NEW.data);
        UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_events_append BEFORE INSERT ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_append();

      CREATE FUNCTION audit_forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit trail is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$;
      CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_forbid_change();

      -- The head moves only from inside audit_append().
      CREATE FUNCTION audit_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF pg_trigger_depth() < 2 THEN
          RAISE EXCEPTION 'the audit chain head moves only by appending' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
        FOR EACH ROW EXECUTE FUNCTION audit_head_guard();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE audit_chain_head, audit_events, idempotency_keys, case_consents, case_notes, cases,
        refresh_tokens, refresh_families, users, office_neighbours, offices, parties;
      DROP FUNCTION audit_head_guard, audit_forbid_change, audit_append, audit_row_hash;
    `);
  }
}
