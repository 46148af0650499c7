import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The assistant's day: the triage queue, follow-ups, the contact log and checklists.
 *
 * The queue orders an office's open files by when each is due, so that time is kept on the
 * case row: the intake window's end, the earliest open follow-up and the reply due on the
 * latest unanswered IRCC enquiry are columns maintained by the writes that change them, and
 * `due_at` (the earliest of those and the deadline) is a stored generated column the queue's
 * index covers. A page of the queue is then one index range scan, like the plain list.
 */
export class TheAssistantsDay1764700000000 implements MigrationInterface {
  name = 'TheAssistantsDay1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases
        ADD COLUMN intake_due_at timestamptz,
        ADD COLUMN follow_up_due_at timestamptz,
        ADD COLUMN ircc_reply_due_at timestamptz,
        -- LEAST ignores NULLs; 'infinity' sorts a file with nothing due last and keeps cursors comparable.
        ADD COLUMN due_key timestamptz NOT NULL GENERATED ALWAYS AS
          (COALESCE(LEAST(deadline, intake_due_at, follow_up_due_at, ircc_reply_due_at), 'infinity')) STORED,
        ADD COLUMN urgency_rank smallint NOT NULL GENERATED ALWAYS AS
          (CASE urgency WHEN 'emergency' THEN 0 WHEN 'priority' THEN 1 ELSE 2 END) STORED;
      CREATE INDEX cases_queue_idx ON cases (handling_office_id, due_key, urgency_rank, created_at, id)
        WHERE status NOT IN ('resolved', 'closed');

      CREATE TABLE follow_ups (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        due_at timestamptz NOT NULL,
        note text NOT NULL,
        assignee_id uuid REFERENCES users(id),
        done_at timestamptz,
        done_by uuid REFERENCES users(id),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        -- set once, by the node that raised follow_up.due
        due_notified_at timestamptz
      );
      CREATE INDEX follow_ups_case_idx ON follow_ups (case_id, due_at, id);
      CREATE INDEX follow_ups_open_idx ON follow_ups (due_at, id) WHERE done_at IS NULL;

      CREATE TABLE interactions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        -- the office that logged it (MCMPS minutes are counted against it)
        office_id uuid NOT NULL REFERENCES offices(id),
        kind text NOT NULL,
        direction text NOT NULL,
        occurred_at timestamptz NOT NULL,
        duration_minutes integer,
        summary text NOT NULL,
        ircc_reference text,
        reply_due_at timestamptz,
        answered_at timestamptz,
        answered_by uuid REFERENCES interactions(id),
        overdue_notified_at timestamptz,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        CHECK ((kind = 'ircc_enquiry') = (reply_due_at IS NOT NULL))
      );
      CREATE INDEX interactions_case_idx ON interactions (case_id, occurred_at DESC, id DESC);
      CREATE INDEX interactions_office_idx ON interactions (office_id, kind, occurred_at);
      CREATE INDEX interactions_open_enquiries_idx ON interactions (reply_due_at)
        WHERE kind = 'ircc_enquiry' AND answered_at IS NULL;

      CREATE TABLE checklist_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        name text NOT NULL,
        category text NOT NULL,
        immigration_type text,
        items jsonb NOT NULL,
        shared_with_channel_ids uuid[] NOT NULL DEFAULT '{}',
        version integer NOT NULL DEFAULT 1,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp()),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((category = 'immigration') OR immigration_type IS NULL)
      );
      CREATE INDEX checklist_templates_office_idx ON checklist_templates (office_id, category);
      CREATE INDEX checklist_templates_shared_idx ON checklist_templates USING gin (shared_with_channel_ids);

      CREATE TABLE case_checklist_items (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        template_id uuid REFERENCES checklist_templates(id),
        position integer NOT NULL,
        text text NOT NULL,
        note text,
        done_at timestamptz,
        done_by uuid REFERENCES users(id),
        UNIQUE (case_id, position)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE case_checklist_items, checklist_templates, interactions, follow_ups;
      DROP INDEX cases_queue_idx;
      ALTER TABLE cases DROP COLUMN due_key, DROP COLUMN urgency_rank, DROP COLUMN intake_due_at,
        DROP COLUMN follow_up_due_at, DROP COLUMN ircc_reply_due_at;
    `);
  }
}
