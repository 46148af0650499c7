import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chain is keyed, and only the owner may touch it.
 *
 * New rows are chained with HMAC-SHA-256 under AUDIT_KEY, a secret that is not in the
 * database: the writer hands the key's inner and outer pads to its transaction
 * (`relay.audit_ikey`, `relay.audit_okey`, local settings), and the commit trigger hashes
 * with them. Someone who can rewrite rows but lacks the key can no longer recompute the
 * chain. Rows already written keep their plain SHA-256 link and say so (`alg`), so
 * `verify` still checks them; a plain row after a keyed one is refused as a downgrade.
 *
 * The server runs as a restricted role (see database-roles.ts) that may only INSERT into
 * `audit_outbox`: the commit trigger moves rows into the trail as the owner (SECURITY
 * DEFINER), so the role never needs INSERT, UPDATE or DELETE on the trail itself.
 */
export class KeyedAuditChain1764600000000 implements MigrationInterface {
  name = 'KeyedAuditChain1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_events ADD COLUMN alg text NOT NULL DEFAULT 'sha256';
      ALTER TABLE audit_events ALTER COLUMN alg SET DEFAULT 'hmac-sha256';

      -- The same message as audit_row_hash, keyed: sha256(okey || sha256(ikey || message)).
      CREATE FUNCTION audit_row_hmac(
        ikey bytea, okey bytea, seq bigint, prev_hash text, id uuid, occurred_at timestamptz, action text,
        actor_id uuid, office_id uuid, case_id uuid, target_type text, target_id uuid, data jsonb
      ) RETURNS text LANGUAGE sql IMMUTABLE AS $$
        SELECT encode(sha256(okey || sha256(ikey || convert_to(concat_ws('|',
          seq, prev_hash, id, (extract(epoch FROM occurred_at) * 1000000)::bigint, action,
          coalesce(actor_id::text, '-'), coalesce(office_id::text, '-'), coalesce(case_id::text, '-'),
          coalesce(target_type, '-'), coalesce(target_id::text, '-'), data::text
        ), 'UTF8'))), 'hex')
      $$;

      CREATE OR REPLACE FUNCTION audit_append() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        head record;
        ikey text := current_setting('relay.audit_ikey', true);
        okey text := current_setting('relay.audit_okey', true);
      BEGIN
        IF coalesce(ikey, '') = '' OR coalesce(okey, '') = '' THEN
          RAISE EXCEPTION 'audit rows are chained with AUDIT_KEY, which this transaction did not give'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        SELECT h.seq, h.hash INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
        NEW.seq := head.seq + 1;
        NEW.prev_hash := head.hash;
        NEW.occurred_at := clock_timestamp();
        NEW.alg := 'hmac-sha256';
        NEW.hash := audit_row_hmac(decode(ikey, 'hex'), decode(okey, 'hex'), NEW.seq, NEW.prev_hash, NEW.id,
          NEW.occurred_at, NEW.action, NEW.actor_id, NEW.office_id, NEW.case_id, NEW.target_type, NEW.target_id,
          NEW.data);
        UPDATE audit_chain_head SET seq = NEW.seq, hash = NEW.hash WHERE id = 1;
        RETURN NEW;
      END $$;

      -- Which key the trail is chained with, as an HMAC of a constant: a node started with
      -- another AUDIT_KEY is refused at start instead of writing rows that never verify.
      CREATE TABLE audit_key_check (
        id integer PRIMARY KEY CHECK (id = 1),
        fingerprint text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TRIGGER audit_key_check_no_change BEFORE UPDATE OR DELETE ON audit_key_check
        FOR EACH ROW EXECUTE FUNCTION audit_forbid_change();
    `);
    // The outbox's commit trigger writes the trail as the owner, with a search path the
    // caller cannot redirect (pg_temp last, so a temporary table cannot stand in).
    await db.query(`
      DO $$ BEGIN
        EXECUTE format('ALTER FUNCTION audit_outbox_commit() SECURITY DEFINER SET search_path = %I, pg_temp',
          current_schema());
        EXECUTE format('ALTER FUNCTION audit_append() SET search_path = %I, pg_temp', current_schema());
      END $$;
      REVOKE EXECUTE ON FUNCTION audit_outbox_commit(), audit_append(), audit_forbid_change(), audit_head_guard()
        FROM PUBLIC;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      GRANT EXECUTE ON FUNCTION audit_outbox_commit(), audit_append(), audit_forbid_change(), audit_head_guard()
        TO PUBLIC;
      ALTER FUNCTION audit_outbox_commit() SECURITY INVOKER RESET search_path;
      ALTER FUNCTION audit_append() RESET search_path;
      DROP TABLE audit_key_check;
      CREATE OR REPLACE FUNCTION audit_append() RETURNS trigger LANGUAGE plpgsql AS $$
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
      DROP FUNCTION audit_row_hmac;
      ALTER TABLE audit_events DROP COLUMN alg;
    `);
  }
}
