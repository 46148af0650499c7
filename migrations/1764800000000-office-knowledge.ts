import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Office knowledge: a file's outcome and when it was closed, files under review after a seat
 * changes hands, precedents shared to channels, and scheduled seat transitions.
 *
 * Search folds accents with `relay_fold` (translate, immutable) rather than the `unaccent`
 * extension: that extension is a contrib module some PostgreSQL builds and hosts do not ship,
 * and creating it needs CREATE on the database. lower() alone folds no accented capital
 * under the C locale, so capitals are listed too.
 */
export class OfficeKnowledge1764800000000 implements MigrationInterface {
  name = 'OfficeKnowledge1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE cases
        ADD COLUMN outcome text CHECK (outcome IN ('approved', 'refused', 'withdrawn', 'referred', 'no_action', 'other')),
        ADD COLUMN closed_at timestamptz,
        ADD COLUMN review_since timestamptz;
      -- Files already resolved or closed say nothing of how they ended.
      UPDATE cases SET outcome = 'other', closed_at = updated_at WHERE status IN ('resolved', 'closed');
      ALTER TABLE cases ADD CONSTRAINT cases_outcome_when_done
        CHECK ((status IN ('resolved', 'closed')) = (outcome IS NOT NULL AND closed_at IS NOT NULL));
      CREATE INDEX cases_closed_idx ON cases (handling_office_id, closed_at) WHERE closed_at IS NOT NULL;

      CREATE FUNCTION relay_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
        SELECT translate(lower($1),
          'àâäáãåāçćčèéêëēėęìíîïīįłñńòóôöõøōœùúûüūýÿžźżÀÂÄÁÃÅĀÇĆČÈÉÊËĒĖĘÌÍÎÏĪĮŁÑŃÒÓÔÖÕØŌŒÙÚÛÜŪÝŽŹŻŸ''’',
          'aaaaaaaccceeeeeeeiiiiiilnnoooooooouuuuuyyzzzaaaaaaaccceeeeeeeiiiiiilnnoooooooouuuuuyzzzy  ')
      $$;

      CREATE TABLE precedents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        channel_id uuid NOT NULL REFERENCES channels(id),
        office_id uuid NOT NULL REFERENCES offices(id),
        case_id uuid NOT NULL REFERENCES cases(id),
        created_by uuid NOT NULL REFERENCES users(id),
        category text NOT NULL,
        immigration_type text,
        outcome text NOT NULL,
        days_open integer NOT NULL,
        title text NOT NULL,
        lessons text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        -- English and French stems, plus the plain words (form numbers, acronyms), accents folded.
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('english', relay_fold(title)), 'A') ||
          setweight(to_tsvector('french', relay_fold(title)), 'A') ||
          setweight(to_tsvector('simple', relay_fold(title)), 'A') ||
          to_tsvector('english', relay_fold(lessons)) ||
          to_tsvector('french', relay_fold(lessons)) ||
          to_tsvector('simple', relay_fold(lessons))
        ) STORED
      );
      CREATE INDEX precedents_channel_idx ON precedents (channel_id, created_at DESC, id DESC);
      CREATE INDEX precedents_search_idx ON precedents USING gin (search);

      CREATE TABLE office_transitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices(id),
        -- false: the office keeps its party; true: it moves to to_party_id (null: no party)
        changes_party boolean NOT NULL,
        to_party_id uuid REFERENCES parties(id),
        from_party_id uuid REFERENCES parties(id),
        effective_at timestamptz NOT NULL,
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT date_trunc('milliseconds', now()),
        applied_at timestamptz,
        deactivated_accounts integer,
        files_under_review integer
      );
      CREATE INDEX office_transitions_due_idx ON office_transitions (effective_at) WHERE applied_at IS NULL;
      CREATE INDEX office_transitions_office_idx ON office_transitions (office_id, created_at DESC);

      -- The secret that seeds the rounding of channel reports: the same cell always rounds the same way.
      CREATE TABLE report_secrets (id int PRIMARY KEY CHECK (id = 1), secret text NOT NULL);
      INSERT INTO report_secrets VALUES (1, md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text));
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE report_secrets;
      DROP TABLE office_transitions;
      DROP TABLE precedents;
      DROP FUNCTION relay_fold(text);
      ALTER TABLE cases DROP CONSTRAINT cases_outcome_when_done;
      ALTER TABLE cases DROP COLUMN outcome, DROP COLUMN closed_at, DROP COLUMN review_since;
    `);
  }
}
