import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Members are invited instead of given a password by whoever adds them: an invited account
 * has no password until its one-time, expiring token is accepted. Only the token's hash is kept.
 */
export class Invitations1764500000000 implements MigrationInterface {
  name = 'Invitations1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL;
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id),
        token_hash text NOT NULL UNIQUE,
        invited_by uuid REFERENCES users(id),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX invitations_user_idx ON invitations (user_id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE invitations;
      UPDATE users SET password_hash = '!' WHERE password_hash IS NULL;
      ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL;
    `);
  }
}
