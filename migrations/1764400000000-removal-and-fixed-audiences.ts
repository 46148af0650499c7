import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Rewrites stored UCIs of 8 or 10 digits, however hyphenated, into IRCC's printed form. */
export const NORMALIZE_UCIS = `
  UPDATE cases SET constituent = jsonb_set(constituent, '{uci}', to_jsonb(
          CASE length(regexp_replace(constituent ->> 'uci', '\\D', '', 'g'))
            WHEN 8 THEN regexp_replace(regexp_replace(constituent ->> 'uci', '\\D', '', 'g'), '^(\\d{4})(\\d{4})$', '\\1-\\2')
            ELSE regexp_replace(regexp_replace(constituent ->> 'uci', '\\D', '', 'g'), '^(\\d{2})(\\d{4})(\\d{4})$', '\\1-\\2-\\3')
          END))
        WHERE constituent ? 'uci' AND length(regexp_replace(constituent ->> 'uci', '\\D', '', 'g')) IN (8, 10);`;

/**
 * Issue 11 (privacy): what is removed stays removed, and what is offered stays with those
 * it was offered to.
 * - Deleting or editing a message rewrites its earlier events in the same transaction: an
 *   index finds a post's events by the post id they carry.
 * - An event may name its audience (offices): only they replay or receive it. A channel
 *   offer's events go to the offices that were members when it was made.
 * - A channel offer keeps those offices (`eligible_office_ids`), so a late joiner neither
 *   sees nor accepts it.
 * - A file can be put on the table for trades (`available_for_trade`).
 * - UCIs are stored in IRCC's printed form: `0000-0000` (8 digits) or `00-0000-0000` (10).
 */
export class RemovalAndFixedAudiences1764400000000 implements MigrationInterface {
  name = 'RemovalAndFixedAudiences1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX events_post_idx ON events (stream, (data ->> 'id'))
        WHERE type IN ('message.posted', 'message.edited');

      ALTER TABLE events ADD COLUMN audience uuid[];
      ALTER TABLE event_outbox ADD COLUMN audience uuid[];
      CREATE OR REPLACE FUNCTION event_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        next_seq bigint;
      BEGIN
        INSERT INTO event_streams AS s (stream, last_seq) VALUES (NEW.stream, 1)
          ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + 1
          RETURNING last_seq INTO next_seq;
        INSERT INTO events (stream, seq, id, type, actor_user_id, actor_office_id, data, audience)
          VALUES (NEW.stream, next_seq, NEW.id, NEW.type, NEW.actor_user_id, NEW.actor_office_id, NEW.data, NEW.audience);
        DELETE FROM event_outbox WHERE id = NEW.id;
        RETURN NULL;
      END $$;

      ALTER TABLE handoffs ADD COLUMN eligible_office_ids uuid[];
      -- Open channel offers made before this migration: their channel's members now (the best we know).
      UPDATE handoffs h SET eligible_office_ids =
        (SELECT coalesce(array_agg(m.office_id), '{}') FROM channel_members m WHERE m.channel_id = h.channel_id)
        WHERE h.channel_id IS NOT NULL;
      ALTER TABLE handoffs ADD CONSTRAINT handoffs_channel_eligible CHECK ((channel_id IS NULL) = (eligible_office_ids IS NULL));

      ALTER TABLE cases ADD COLUMN available_for_trade boolean NOT NULL DEFAULT false;

      ${NORMALIZE_UCIS}
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases DROP COLUMN available_for_trade;
      ALTER TABLE handoffs DROP CONSTRAINT handoffs_channel_eligible;
      ALTER TABLE handoffs DROP COLUMN eligible_office_ids;
      CREATE OR REPLACE FUNCTION event_outbox_commit() RETURNS trigger LANGUAGE plpgsql AS $$
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
      ALTER TABLE event_outbox DROP COLUMN audience;
      ALTER TABLE events DROP COLUMN audience;
      DROP INDEX events_post_idx;
    `);
  }
}
