import { createHash } from 'node:crypto';
import pg from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { type AppConfig, ConfigError } from '../config/app-config.js';
import { auditKeyFingerprint } from '../security/audit-key.js';
import { migrateDatabase, pendingMigrations } from './migrate.js';
import { rowsOf } from './rows.js';
import type { ResolvedDatabase } from './resolve-database.js';

/** What a connection's role could do to the audit trail that the app's role must not. */
export interface RoleCheck {
  user: string;
  problems: string[];
  canCreateRoles: boolean;
}

// The trail: the app reads it and appends through the outbox, nothing more.
const READ_ONLY = ['audit_events', 'audit_chain_head', 'migrations'];
const INSERT_ONLY = ['audit_outbox'];
const READ_AND_INSERT = ['audit_key_check'];

/**
 * Migrations run as the owner; the server runs as a restricted role. Resolves which
 * connection is which, migrates and grants with the owner's when there is one, refuses
 * (in production) an app connection that could rewrite the trail, checks AUDIT_KEY
 * against the trail's, and returns the URL the app must use.
 */
export async function prepareDatabase(
  config: AppConfig,
  database: ResolvedDatabase,
  migrations: (new () => MigrationInterface)[],
  log: (line: string) => void = () => undefined,
): Promise<string> {
  let appUrl = database.url;
  let ownerUrl = database.migrationUrl;
  let derive = Boolean(database.deriveAppRole) && !config.ALLOW_PRIVILEGED_DATABASE_ROLE;
  if (!ownerUrl) {
    const role = await inspectRole(appUrl);
    if (role.problems.length > 0 && !config.ALLOW_PRIVILEGED_DATABASE_ROLE) {
      if (config.NODE_ENV === 'production') throw new ConfigError(privileged(role));
      if (!role.canCreateRoles) log(`warning: ${privileged(role)}`);
      derive = role.canCreateRoles;
    }
    if (role.problems.length > 0) ownerUrl = appUrl;
  }
  if (derive && ownerUrl) appUrl = derivedAppUrl(ownerUrl, (await inspectRole(ownerUrl)).user);
  if (ownerUrl) {
    await migrateDatabase(ownerUrl, migrations, async (runner) => {
      if (appUrl === ownerUrl) return;
      await ensureAppRole(runner, appUrl, derive);
      await grantAppRole(runner, userOf(appUrl));
    });
  } else {
    const pending = await pendingMigrations(appUrl, migrations);
    if (pending.length > 0) {
      throw new ConfigError(
        `The database lacks migrations ${pending.join(', ')}: run \`npm run migrate\` with MIGRATION_DATABASE_URL ` +
          `set to the owner's connection (or give this server MIGRATION_DATABASE_URL)`,
      );
    }
  }
  const role = await inspectRole(appUrl);
  if (role.problems.length > 0 && !config.ALLOW_PRIVILEGED_DATABASE_ROLE) {
    if (config.NODE_ENV === 'production') throw new ConfigError(privileged(role));
    log(`warning: ${privileged(role)}`);
  }
  if (config.AUDIT_KEY) await checkAuditKey(appUrl, config.AUDIT_KEY);
  return appUrl;
}

/** Asks the server what the connection's role may do. */
export async function inspectRole(url: string): Promise<RoleCheck> {
  const [row] = await query<{
    user: string;
    superuser: boolean;
    createrole: boolean;
    owns_database: boolean;
    owns_trail: boolean | null;
    may_rewrite: boolean | null;
  }>(
    url,
    `SELECT r.rolname AS user, r.rolsuper AS superuser, r.rolcreaterole AS createrole,
       pg_has_role(current_user, d.datdba, 'MEMBER') AS owns_database,
       (SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c
         WHERE c.oid = to_regclass('audit_events')) AS owns_trail,
       (SELECT bool_or(has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE')
                    OR has_table_privilege(c.oid, 'TRUNCATE') OR has_table_privilege(c.oid, 'INSERT'))
         FROM pg_class c WHERE c.oid IN (to_regclass('audit_events'), to_regclass('audit_chain_head'))) AS may_rewrite
     FROM pg_roles r, pg_database d WHERE r.rolname = current_user AND d.datname = current_database()`,
  );
  const problems = [
    row.superuser && 'is a superuser',
    row.createrole && 'may create roles (CREATEROLE)',
    row.owns_database && 'owns the database',
    row.owns_trail && 'owns the audit tables',
    row.may_rewrite && 'may write to audit_events or audit_chain_head directly',
  ].filter((problem): problem is string => typeof problem === 'string');
  return { user: row.user, problems, canCreateRoles: row.superuser || row.createrole };
}

/**
 * Without MIGRATION_DATABASE_URL, in development: a restricted role named after the owner,
 * whose password only a holder of the owner's credentials can compute (so every node on
 * one database derives the same one, and nothing needs storing).
 */
export function derivedAppUrl(ownerUrl: string, owner: string): string {
  const url = new URL(ownerUrl);
  const password = createHash('sha256')
    .update(`riding-relay app role|${url.host}|${owner}|${decodeURIComponent(url.password)}`)
    .digest('base64url');
  url.username = encodeURIComponent(`${owner}_app`.slice(0, 63));
  url.password = password;
  return url.toString();
}

/** Creates the role of `appUrl` when missing (with the URL's password); resets its password only when asked and it cannot sign in. */
export async function ensureAppRole(runner: QueryRunner, appUrl: string, resetPassword: boolean): Promise<void> {
  const role = userOf(appUrl);
  const password = decodeURIComponent(new URL(appUrl).password);
  const withPassword = password ? ` PASSWORD ${literal(password)}` : '';
  const found = rowsOf(await runner.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [role]));
  if (found.length === 0) {
    try {
      await runner.query(
        `CREATE ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT${withPassword}`,
      );
      return;
    } catch (error) {
      // Roles belong to the whole cluster: another database's start may have just made it.
      if (!['42710', '23505'].includes((error as { code?: string }).code ?? '')) throw error;
    }
  }
  if (resetPassword && password && !(await canSignIn(appUrl))) {
    await runner.query(`ALTER ROLE ${ident(role)} LOGIN${withPassword}`);
  }
}

/**
 * What the app's role may do: read and write the application's tables, read the audit
 * trail and append to it through the outbox only. Granted anew at every start (so tables
 * of later migrations are covered) in one transaction; nothing the app needs is ever
 * revoked, so nodes already running never miss a privilege.
 */
export async function grantAppRole(runner: QueryRunner, role: string): Promise<void> {
  const to = ident(role);
  await runner.startTransaction();
  try {
    const [{ schema }] = rowsOf<{ schema: string }>(await runner.query('SELECT current_schema() AS schema'));
    await runner.query(`
      REVOKE CREATE ON SCHEMA ${ident(schema)} FROM PUBLIC;
      GRANT USAGE ON SCHEMA ${ident(schema)} TO ${to};
      GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${ident(schema)} TO ${to};
      GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${to};
      REVOKE ALL ON ${[...READ_ONLY, ...INSERT_ONLY, ...READ_AND_INSERT].join(', ')} FROM ${to};
      GRANT SELECT ON ${[...READ_ONLY, ...READ_AND_INSERT].join(', ')} TO ${to};
      GRANT INSERT ON ${[...INSERT_ONLY, ...READ_AND_INSERT].join(', ')} TO ${to};
    `);
    await runner.commitTransaction();
  } catch (error) {
    await runner.rollbackTransaction();
    throw error;
  }
}

/** Refuses an AUDIT_KEY other than the one the trail is chained with (the first start records it). */
export async function checkAuditKey(url: string, key: string): Promise<void> {
  const fingerprint = auditKeyFingerprint(key);
  let row: { fingerprint: string } | undefined;
  // Two first starts at once: the one whose insert lost sees the winner's row on a second look.
  for (let attempt = 0; !row && attempt < 2; attempt++) {
    [row] = await query<{ fingerprint: string }>(
      url,
      `WITH added AS (
         INSERT INTO audit_key_check (id, fingerprint) VALUES (1, $1) ON CONFLICT (id) DO NOTHING RETURNING fingerprint
       )
       SELECT fingerprint FROM added UNION ALL SELECT fingerprint FROM audit_key_check`,
      [fingerprint],
    );
  }
  if (!row) throw new Error('audit_key_check: no row after inserting one');
  if (row.fingerprint !== fingerprint) {
    throw new ConfigError(
      'AUDIT_KEY is not the key this audit trail is chained with: start every node with the AUDIT_KEY it was first started with',
    );
  }
}

function privileged(role: RoleCheck): string {
  return (
    `DATABASE_URL connects as "${role.user}", which ${role.problems.join(', ')}: with it the server could rewrite ` +
    `its own audit trail. Point DATABASE_URL at a restricted role and MIGRATION_DATABASE_URL at the owner ` +
    `(migrations and grants run with it), or set ALLOW_PRIVILEGED_DATABASE_ROLE=1 to run as it anyway.`
  );
}

function userOf(url: string): string {
  const user = decodeURIComponent(new URL(url).username);
  if (!user) throw new ConfigError('DATABASE_URL must name its user when MIGRATION_DATABASE_URL is set');
  return user;
}

async function canSignIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
