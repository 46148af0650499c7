import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every node keeps a short cache of what each session may do (see SessionCache). When a
 * session is revoked or its user's role, office or standing changes, the database tells
 * every node on commit, naming the user, so no node goes on trusting what it remembered.
 */
export class SessionChangeNotices1764300000000 implements MigrationInterface {
  name = 'SessionChangeNotices1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The trigger's argument names the column holding the user id.
      CREATE FUNCTION notify_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('relay_session_changed', to_jsonb(OLD) ->> TG_ARGV[0]);
        RETURN NULL;
      END $$;
      CREATE TRIGGER users_session_changed AFTER UPDATE OF role, office_id, active OR DELETE ON users
        FOR EACH ROW EXECUTE FUNCTION notify_session_changed('id');
      CREATE TRIGGER refresh_families_session_changed AFTER UPDATE OF revoked_at OR DELETE ON refresh_families
        FOR EACH ROW EXECUTE FUNCTION notify_session_changed('user_id');
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TRIGGER users_session_changed ON users;
      DROP TRIGGER refresh_families_session_changed ON refresh_families;
      DROP FUNCTION notify_session_changed;
    `);
  }
}
