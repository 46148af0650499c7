import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Documents kept with a file (keyed by the case, so they go where the case goes), their
 * bytes in PostgreSQL chunks or in a bucket, letter templates per office, and consents
 * whose evidence is an uploaded consent form.
 */
export class DocumentsAndLetters1764900000000 implements MigrationInterface {
  name = 'DocumentsAndLetters1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL
          CHECK (kind IN ('consent_form', 'ircc_letter', 'identity', 'evidence', 'correspondence', 'other')),
        title text,
        filename text NOT NULL,
        media_type text NOT NULL,
        bytes bigint NOT NULL CHECK (bytes > 0),
        sha256 text NOT NULL,
        store text NOT NULL CHECK (store IN ('pg', 'bucket')),
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        deleted_at timestamptz,
        deleted_by uuid REFERENCES users (id),
        deleted_reason text
      );
      CREATE INDEX documents_by_case ON documents (case_id, uploaded_at, id);

      -- The bytes, in chunks: no value is ever a whole 20 MB file. The row of the document is
      -- written after its chunks (its kind may arrive after the file), hence the deferred key.
      CREATE TABLE document_chunks (
        document_id uuid NOT NULL REFERENCES documents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        seq integer NOT NULL,
        data bytea NOT NULL,
        PRIMARY KEY (document_id, seq)
      );
      -- PDFs, JPEGs and DOCX are compressed already: do not spend CPU trying again.
      ALTER TABLE document_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

      CREATE TABLE letter_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        office_id uuid NOT NULL REFERENCES offices (id),
        name text NOT NULL,
        language text NOT NULL CHECK (language IN ('en', 'fr')),
        kind text NOT NULL CHECK (kind IN ('support_letter', 'ircc_enquiry', 'constituent_update', 'other')),
        body text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX letter_templates_by_office ON letter_templates (office_id, created_at, id);

      -- A consent may point at its signed form; deleting the form leaves the consent without evidence.
      ALTER TABLE case_consents
        ADD COLUMN document_id uuid REFERENCES documents (id),
        ADD COLUMN evidence_removed_at timestamptz;
      CREATE INDEX case_consents_by_document ON case_consents (document_id) WHERE document_id IS NOT NULL;

      -- The riding's member of Parliament, for letters signed in their name.
      ALTER TABLE offices ADD COLUMN mp_name text;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE offices DROP COLUMN mp_name;
      ALTER TABLE case_consents DROP COLUMN document_id, DROP COLUMN evidence_removed_at;
      DROP TABLE letter_templates;
      DROP TABLE document_chunks;
      DROP TABLE documents;
    `);
  }
}
