import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ChannelsAndEventLog1764000000000 implements MigrationInterface {
  name = 'ChannelsAndEventLog1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await this.createEventLog(db);
    await db.query(`
      CREATE TABLE channels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('party', 'region', 'custom')),
        name text NOT NULL,
        party_id uuid REFERENCES parties(id),
        created_by uuid REFERENCES users(id),
        -- the creating office's lead manages a region or custom channel's members
        owner_office_id uuid REFERENCES offices(id),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        CHECK ((kind = 'party') = (party_id IS NOT NULL))
      );
      -- Each party has exactly one party channel.
      CREATE UNIQUE INDEX channels_one_per_party ON channels (party_id) WHERE kind = 'party';

      CREATE TABLE channel_members (
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        office_id uuid NOT NULL REFERENCES offices(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (channel_id, office_id)
      );
      CREATE INDEX channel_members_office_idx ON channel_members (office_id);

      -- The feed: messages and policy-change alerts, oldest first by (created_at, id).
      CREATE TABLE channel_posts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES channels(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('message', 'alert')),
        author_id uuid NOT NULL REFERENCES users(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        body text NOT NULL,
        reply_to_id uuid REFERENCES channel_posts(id),
        case_id uuid REFERENCES cases(id),
        title text,
        severity text CHECK (severity IN ('info', 'important', 'urgent')),
        categories text[] NOT NULL DEFAULT '{}',
        immigration_types text[] NOT NULL DEFAULT '{}',
        effective_date date,
        source_url text,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        edited_at timestamptz,
        deleted_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        CHECK ((kind = 'alert') = (title IS NOT NULL AND severity IS NOT NULL))
      );
      CREATE INDEX channel_posts_feed_idx ON channel_posts (channel_id, created_at, id);
      CREATE INDEX channel_posts_alerts_idx ON channel_posts (created_at DESC, id DESC) WHERE kind = 'alert';

      CREATE TABLE alert_acks (
        alert_id uuid NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        acked_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        PRIMARY KEY (alert_id, user_id)
      );
      CREATE INDEX alert_acks_office_idx ON alert_acks (alert_id, office_id);

      -- An urgent alert nobody in an office acknowledged in time is raised again, once.
      CREATE TABLE alert_reminders (
        alert_id uuid NOT NULL REFERENCES channel_posts(id) ON DELETE CASCADE,
        office_id uuid NOT NULL REFERENCES offices(id),
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (alert_id, office_id)
      );

      -- Parties that exist already get their channel, with their offices as members.
      INSERT INTO channels (kind, name, party_id) SELECT 'party', name, id FROM parties;
      INSERT INTO channel_members (channel_id, office_id)
        SELECT c.id, o.id FROM channels c JOIN offices o ON o.party_id = c.party_id WHERE c.kind = 'party';
    `);
  }

  /**
   * The durable log behind live events (a transactional outbox). Each stream has its own
   * counter row: a writer locks only its stream's row until commit, so seqs rise by one per
   * stream with no gaps, and writers to different streams never wait for each other.
   */
  private async createEventLog(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_streams (
        stream text PRIMARY KEY,
        last_seq bigint NOT NULL
      );
      CREATE TABLE events (
        stream text NOT NULL,
        seq bigint NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        type text NOT NULL,
        at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        actor_user_id uuid,
        actor_office_id uuid,
        data jsonb NOT NULL DEFAULT '{}',
        PRIMARY KEY (stream, seq)
      );
      CREATE INDEX events_at_idx ON events (at);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DROP TABLE alert_reminders, alert_acks, channel_posts, channel_members, channels, events, event_streams`,
    );
  }
}
