import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HandoffsAndTrades1764100000000 implements MigrationInterface {
  name = 'HandoffsAndTrades1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE handoffs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        from_office_id uuid NOT NULL REFERENCES offices(id),
        to_office_id uuid REFERENCES offices(id),
        channel_id uuid REFERENCES channels(id),
        note text NOT NULL,
        -- the redacted summary offered: category, type, urgency, complexity, deadline, languages
        summary jsonb NOT NULL,
        status text NOT NULL DEFAULT 'offered' CHECK (status IN ('offered', 'accepted', 'declined', 'withdrawn', 'expired')),
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        accepted_by_office_id uuid REFERENCES offices(id),
        reason text,
        version integer NOT NULL DEFAULT 1,
        CHECK ((to_office_id IS NULL) <> (channel_id IS NULL))
      );
      -- At most one open offer per case.
      CREATE UNIQUE INDEX handoffs_one_open_per_case ON handoffs (case_id) WHERE status = 'offered';
      CREATE INDEX handoffs_from_idx ON handoffs (from_office_id, created_at DESC);
      CREATE INDEX handoffs_to_idx ON handoffs (to_office_id, created_at DESC) WHERE to_office_id IS NOT NULL;
      CREATE INDEX handoffs_channel_idx ON handoffs (channel_id, created_at DESC) WHERE channel_id IS NOT NULL;
      CREATE INDEX handoffs_open_expiry_idx ON handoffs (expires_at) WHERE status = 'offered';

      ALTER TABLE channel_posts DROP CONSTRAINT channel_posts_kind_check;
      ALTER TABLE channel_posts ADD CONSTRAINT channel_posts_kind_check CHECK (kind IN ('message', 'alert', 'handoff'));
      ALTER TABLE channel_posts ADD COLUMN handoff_id uuid REFERENCES handoffs(id);

      CREATE TABLE trades (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        proposer_office_id uuid NOT NULL REFERENCES offices(id),
        counterparty_office_id uuid NOT NULL REFERENCES offices(id),
        note text NOT NULL,
        status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'declined', 'withdrawn', 'expired')),
        expires_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        decided_at timestamptz,
        decided_by uuid REFERENCES users(id),
        reason text,
        version integer NOT NULL DEFAULT 1,
        CHECK (proposer_office_id <> counterparty_office_id)
      );
      CREATE INDEX trades_proposer_idx ON trades (proposer_office_id, created_at DESC);
      CREATE INDEX trades_counterparty_idx ON trades (counterparty_office_id, created_at DESC);
      CREATE INDEX trades_open_expiry_idx ON trades (expires_at) WHERE status = 'proposed';

      CREATE TABLE trade_cases (
        trade_id uuid NOT NULL REFERENCES trades(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        -- give: from the proposer to the counterparty; take: the other way
        side text NOT NULL CHECK (side IN ('give', 'take')),
        summary jsonb NOT NULL,
        PRIMARY KEY (trade_id, case_id)
      );

      -- Every file that changed office, for the ledger between offices.
      CREATE TABLE case_transfers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        from_office_id uuid NOT NULL REFERENCES offices(id),
        to_office_id uuid NOT NULL REFERENCES offices(id),
        via text NOT NULL CHECK (via IN ('handoff', 'trade')),
        via_id uuid NOT NULL,
        category text NOT NULL,
        complexity text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX case_transfers_from_idx ON case_transfers (from_office_id);
      CREATE INDEX case_transfers_to_idx ON case_transfers (to_office_id);

      -- case.deadline_near is raised once per file and threshold.
      CREATE TABLE case_deadline_notices (
        case_id uuid NOT NULL REFERENCES cases(id),
        threshold_hours integer NOT NULL,
        deadline timestamptz NOT NULL,
        raised_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, threshold_hours, deadline)
      );
      CREATE INDEX cases_deadline_idx ON cases (deadline) WHERE deadline IS NOT NULL;
      CREATE INDEX cases_office_status_idx ON cases (handling_office_id, status);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX cases_deadline_idx, cases_office_status_idx;
      DROP TABLE case_deadline_notices, case_transfers, trade_cases, trades;
      ALTER TABLE channel_posts DROP COLUMN handoff_id;
      DROP TABLE handoffs;
    `);
  }
}
