import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Live events and audit rows are numbered at COMMIT instead of when they are written.
 *
 * A transaction puts them in an outbox table; a deferred trigger moves each row into the
 * event log or the audit trail while the COMMIT runs. So a stream's counter and the audit
 * chain head are locked only for the commit itself, never across a round trip to a busy
 * app, and writers to one channel (or to the trail, which is one chain) no longer queue
 * behind each other's network and event-loop delays. Outbox rows never outlive their
 * transaction, so the tables are unlogged.
 */
export class CommitTimeNumbering1764200000000 implements MigrationInterface {
  name = 'CommitTimeNumbering1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE event_outbox (
        id uuid PRIMARY KEY,
        stream text NOT NULL,
        type text NOT NULL,
        actor_user_id uuid,
        actor_office_id uuid,
        data jsonb NOT NULL
      );
      CREATE FUNCTION event_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        next_seq bigint;
      BEGIN
        INSERT INTO event_streams AS s (stream, last_seq) VALUES (NEW.stream, 1)
          ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + 1
          RETURNING last_seq INTO next_seq;
        INSERT INTO events (stream, seq, id, type, actor_user_id, actor_office_id, data)
          VALUES (NEW.stream, next_seq, NEW.id, NEW.type, NEW.actor_user_id, NEW.actor_office_id, NEW.data);
        DELETE FROM event_outbox WHERE id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER event_outbox_commit AFTER INSERT ON event_outbox
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_outbox_commit();
      -- After its commit the app reads its events back by id to publish them. Not built
      -- CONCURRENTLY: that waits for every open snapshot, including a second node's waiting
      -- on the migration lock held by this one. The log is pruned, so the build is short.
      CREATE INDEX events_id_idx ON events (id);

      CREATE UNLOGGED TABLE audit_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        action text NOT NULL,
        actor_id uuid,
        office_id uuid,
        case_id uuid,
        target_type text,
        target_id uuid,
        data jsonb NOT NULL
      );
      -- The insert into audit_events runs its chaining trigger (audit_append) as before.
      CREATE FUNCTION audit_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO audit_events (id, action, actor_id, office_id, case_id, target_type, target_id, data)
          VALUES (NEW.id, NEW.action, NEW.actor_id, NEW.office_id, NEW.case_id, NEW.target_type, NEW.target_id, NEW.data);
        DELETE FROM audit_outbox WHERE id = NEW.id;
        RETURN NULL;
      END $$;
      CREATE CONSTRAINT TRIGGER audit_outbox_commit AFTER INSERT ON audit_outbox
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_outbox_commit();
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE event_outbox, audit_outbox;
      DROP FUNCTION event_outbox_commit, audit_outbox_commit;
      DROP INDEX events_id_idx;
    `);
  }
}
