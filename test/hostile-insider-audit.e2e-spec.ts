import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { ConfigError, loadConfig } from '../libs/platform/src/config/app-config.js';
import { prepareDatabase } from '../libs/platform/src/database/database-roles.js';
import { MIGRATIONS } from '../migrations/index.js';
import { AUDIT_KEY, startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const run = promisify(execFile);

/**
 * A hostile insider holds what the server holds: its DATABASE_URL and its environment.
 * With the app's credentials the trail cannot be changed; with the owner's (a DBA, a
 * restored backup) it can, but without AUDIT_KEY the change shows, and a head saved
 * outside the database shows a rewound tail.
 */
describe('the audit trail against a hostile insider', () => {
  let t: TestApp;
  let world: World;
  let admin: Member;
  let alice: Member;
  let app: pg.Pool; // the server's own credentials

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    admin = await world.admin();
    const party = await world.party();
    alice = await world.member((await world.office(party.id)).id);
    for (let i = 0; i < 3; i++) await newCase();
    app = new pg.Pool({ connectionString: t.appUrl, max: 2 });
  });
  afterAll(async () => {
    await app?.end();
    await t?.close();
  });

  const newCase = async () =>
    (await t.http().post(`${API}/cases`).auth(alice.token, BEARER).send(caseBody()).expect(201)).body.id as string;
  const verify = async () =>
    (await t.http().get(`${API}/audit/verify`).auth(admin.token, BEARER).expect(200)).body as {
      ok: boolean;
      checked: number;
      firstBadSeq: number | null;
    };
  const lastSeq = async () => Number((await t.db.query('SELECT max(seq) AS n FROM audit_events')).rows[0].n);
  const snapshot = async () => (await t.db.query('SELECT * FROM audit_events ORDER BY seq')).rows;

  /** `npm run audit:verify` as an operator runs it, with the server's environment. */
  async function auditVerify(...args: string[]): Promise<{ code: number; out: string }> {
    const env = { PATH: process.env.PATH ?? '', NODE_ENV: 'test', DATABASE_URL: t.appUrl, AUDIT_KEY };
    try {
      const { stdout } = await run(process.execPath, [resolve('dist/scripts/audit-verify.js'), ...args], { env });
      return { code: 0, out: stdout };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: `${failed.stdout}${failed.stderr}` };
    }
  }

  /** As the owner, with the guard triggers off, in one transaction that turns them back on. */
  async function asOwnerWithoutTriggers(work: (db: pg.PoolClient) => Promise<unknown>): Promise<void> {
    const db = await t.db.connect();
    try {
      await db.query('BEGIN');
      await db.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
      await db.query('ALTER TABLE audit_chain_head DISABLE TRIGGER USER');
      await work(db);
      await db.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
      await db.query('ALTER TABLE audit_chain_head ENABLE TRIGGER USER');
      await db.query('COMMIT');
    } catch (error) {
      await db.query('ROLLBACK');
      throw error;
    } finally {
      db.release();
    }
  }

  /** Keeps a copy of the trail (microseconds and all) for restore(). */
  async function backup(): Promise<Record<string, unknown>[]> {
    await t.db.query('DROP TABLE IF EXISTS audit_backup');
    await t.db.query('CREATE TABLE audit_backup AS SELECT * FROM audit_events');
    return snapshot();
  }

  /** Puts the trail and its head back as backup() found them. */
  async function restore(): Promise<void> {
    await asOwnerWithoutTriggers(async (db) => {
      await db.query('DELETE FROM audit_events');
      await db.query('INSERT INTO audit_events SELECT * FROM audit_backup');
      await db.query(
        'UPDATE audit_chain_head SET (seq, hash) = (SELECT seq, hash FROM audit_backup ORDER BY seq DESC LIMIT 1)',
      );
    });
    expect(await verify()).toMatchObject({ ok: true, firstBadSeq: null });
  }

  it('runs the server as a restricted role, not as the owner', async () => {
    const { rows } = await t.db.query<{ usename: string }>(
      `SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
    );
    expect(rows.map((r) => r.usename)).toEqual(['relay_test_app']);
    const [role] = (await app.query('SELECT rolsuper, rolcreaterole FROM pg_roles WHERE rolname = current_user')).rows;
    expect(role).toEqual({ rolsuper: false, rolcreaterole: false });
  });

  describe("with the app's credentials", () => {
    it.each([
      ['UPDATE a row', `UPDATE audit_events SET action = 'auth.nothing' WHERE seq = 1`],
      ['DELETE a row', 'DELETE FROM audit_events WHERE seq = 1'],
      ['TRUNCATE the trail', 'TRUNCATE audit_events'],
      ['insert a row directly', `INSERT INTO audit_events (action) VALUES ('auth.login')`],
      ['rewind the chain head', 'UPDATE audit_chain_head SET seq = 1'],
      ['drop pending outbox rows', 'DELETE FROM audit_outbox'],
      ['disable the triggers', 'ALTER TABLE audit_events DISABLE TRIGGER USER'],
      ['drop the guard trigger', 'DROP TRIGGER audit_events_no_update ON audit_events'],
      [
        'replace the chaining function',
        'CREATE OR REPLACE FUNCTION audit_append() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql',
      ],
      ['turn triggers off for the session', 'SET session_replication_role = replica'],
      ['forget the key in use', 'DELETE FROM audit_key_check'],
      ['create a table of its own', 'CREATE TABLE audit_shadow (id int)'],
    ])('cannot %s', async (_name, sql) => {
      const before = await snapshot();
      await expect(app.query(sql)).rejects.toThrow(/permission denied|must be owner|must be superuser/);
      expect(await snapshot()).toEqual(before);
    });

    it('cannot drive the trail-writing function from a trigger of its own', async () => {
      const db = await app.connect();
      try {
        await db.query('CREATE TEMP TABLE fake_outbox (id uuid, action text)');
        await expect(
          db.query(
            `CREATE TRIGGER forge AFTER INSERT ON fake_outbox FOR EACH ROW EXECUTE FUNCTION audit_outbox_commit()`,
          ),
        ).rejects.toThrow(/permission denied/);
      } finally {
        db.release(true);
      }
    });

    it('cannot append a row without AUDIT_KEY; a row appended with a guessed key is named by verify', async () => {
      const rows = await backup();
      await expect(app.query(`INSERT INTO audit_outbox (action, data) VALUES ('case.viewed', '{}')`)).rejects.toThrow(
        /AUDIT_KEY/,
      );
      expect(await snapshot()).toEqual(rows);

      const guess = (byte: string) => byte.repeat(128);
      const db = await app.connect();
      try {
        await db.query('BEGIN');
        await db.query(`SELECT set_config('relay.audit_ikey', $1, true), set_config('relay.audit_okey', $2, true)`, [
          guess('36'),
          guess('5c'),
        ]);
        await db.query(`INSERT INTO audit_outbox (action, data) VALUES ('case.viewed', '{}')`);
        await db.query('COMMIT');
      } finally {
        db.release();
      }
      expect(await verify()).toEqual({ ok: false, checked: rows.length + 1, firstBadSeq: rows.length + 1 });
      await restore();
    });
  });

  describe("with the owner's credentials but not AUDIT_KEY", () => {
    it('a row rewritten and the chain after it recomputed without the key is named by verify', async () => {
      const rows = await backup();
      const target = Math.floor(rows.length / 2);
      // What an owner could do before the chain was keyed: rewrite, then relink every later row.
      await asOwnerWithoutTriggers(async (db) => {
        await db.query(`UPDATE audit_events SET data = '{"view": "nothing"}' WHERE seq = $1`, [target]);
        await db.query(
          `DO $$ DECLARE r record; prev text; BEGIN
             SELECT hash INTO prev FROM audit_events WHERE seq = ${target - 1};
             FOR r IN SELECT * FROM audit_events WHERE seq >= ${target} ORDER BY seq LOOP
               UPDATE audit_events SET prev_hash = prev, alg = 'sha256',
                 hash = audit_row_hash(r.seq, prev, r.id, r.occurred_at, r.action, r.actor_id, r.office_id,
                                       r.case_id, r.target_type, r.target_id, r.data)
                 WHERE seq = r.seq RETURNING hash INTO prev;
             END LOOP;
             UPDATE audit_chain_head SET hash = prev;
           END $$`,
        );
      });
      expect(await verify()).toEqual({ ok: false, checked: rows.length, firstBadSeq: target });
      await restore();
    });

    it('a rewound tail passes a plain verify but not `npm run audit:verify --since-head` with the saved head', async () => {
      const saved = await auditVerify();
      expect(saved.code).toBe(0);
      const head = /head \(keep it[^:]*: (\d+:[0-9a-f]{64})/.exec(saved.out)?.[1];
      expect(head).toBeDefined();
      expect(Number(head!.split(':')[0])).toBe(await lastSeq());

      const rows = await backup();
      const keep = rows.length - 3;
      await asOwnerWithoutTriggers(async (db) => {
        await db.query('DELETE FROM audit_events WHERE seq > $1', [keep]);
        await db.query('UPDATE audit_chain_head SET seq = $1, hash = $2', [keep, rows[keep - 1].hash]);
      });
      // Cutting the end off leaves a whole chain: only the saved head can tell.
      expect(await verify()).toEqual({ ok: true, checked: keep, firstBadSeq: null });
      const checked = await auditVerify('--since-head', head!);
      expect(checked.code).toBe(1);
      expect(checked.out).toMatch(new RegExp(`TAMPERED: first bad sequence number ${keep + 1} `));
      expect(checked.out).toContain(`before the saved head ${head!.split(':')[0]}`);

      await restore();
      expect((await auditVerify(`--since-head=${head!}`)).code).toBe(0);
    }, 180_000);
  });

  describe('GET /audit/verify runs one at a time', () => {
    it('a caller arriving while this node verifies gets that run’s answer', async () => {
      // Hold the trail still so the first verification waits while the second arrives.
      const db = await t.db.connect();
      try {
        await db.query('BEGIN');
        await db.query('LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE');
        const first = t
          .http()
          .get(`${API}/audit/verify`)
          .auth(admin.token, BEARER)
          .then((res) => res);
        await new Promise((done) => setTimeout(done, 300));
        const second = t
          .http()
          .get(`${API}/audit/verify`)
          .auth(admin.token, BEARER)
          .then((res) => res);
        await new Promise((done) => setTimeout(done, 300));
        await db.query('COMMIT');
        const answers = await Promise.all([first, second]);
        expect(answers.map((res) => res.status)).toEqual([200, 200]);
        expect(answers[1].body).toEqual(answers[0].body);
      } finally {
        db.release();
      }
    });

    it('while another node verifies: 409 audit_verify_running', async () => {
      const db = await t.db.connect();
      try {
        await db.query('BEGIN');
        await db.query('SELECT pg_advisory_xact_lock(7301746677)'); // the verification lock
        const res = await t.http().get(`${API}/audit/verify`).auth(admin.token, BEARER);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 409, code: 'audit_verify_running' });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      } finally {
        await db.query('COMMIT');
        db.release();
      }
      await verify();
    });
  });
});

/**
 * What main.ts runs before the server starts (prepareDatabase), called here directly: a
 * spawned server would test the same code, only slower.
 */
describe('start-up checks of the database role and the audit key', () => {
  let database: { url: string; appUrl: string; drop(): Promise<void> };
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  const prepare = (env: Record<string, string>) =>
    prepareDatabase(
      loadConfig({ JWT_SECRET, AUDIT_KEY, ...env }),
      { url: env.DATABASE_URL, migrationUrl: env.MIGRATION_DATABASE_URL, stop: async () => undefined },
      MIGRATIONS,
    );

  it('in production, refuses an app connection that is a superuser or owns the trail, naming the variables', async () => {
    const refused = prepare({ NODE_ENV: 'production', DATABASE_URL: database.url });
    await expect(refused).rejects.toThrow(ConfigError);
    await expect(refused).rejects.toThrow(/DATABASE_URL connects as "[^"]+", which is a superuser/);
    await expect(refused).rejects.toThrow(/MIGRATION_DATABASE_URL at the owner/);
    await expect(refused).rejects.toThrow(/ALLOW_PRIVILEGED_DATABASE_ROLE=1/);
    // The owner named as the app's connection next to itself is refused too.
    await expect(
      prepare({ NODE_ENV: 'production', DATABASE_URL: database.url, MIGRATION_DATABASE_URL: database.url }),
    ).rejects.toThrow(/which is a superuser/);
    // Explicitly allowed, it runs as the owner.
    await expect(
      prepare({ NODE_ENV: 'production', DATABASE_URL: database.url, ALLOW_PRIVILEGED_DATABASE_ROLE: '1' }),
    ).resolves.toBe(database.url);
  });

  it('in production, accepts the restricted role, with or without the owner for migrations', async () => {
    await expect(prepare({ NODE_ENV: 'production', DATABASE_URL: database.appUrl })).resolves.toBe(database.appUrl);
    await expect(
      prepare({ NODE_ENV: 'production', DATABASE_URL: database.appUrl, MIGRATION_DATABASE_URL: database.url }),
    ).resolves.toBe(database.appUrl);
  });

  it('in production, requires AUDIT_KEY and a DATABASE_URL (no embedded PostgreSQL unless allowed)', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ NODE_ENV: 'production', JWT_SECRET, ...env });
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    };
    expect(problems({ DATABASE_URL: database.appUrl })).toContain('AUDIT_KEY: required when NODE_ENV=production');
    expect(problems({ DATABASE_URL: database.appUrl, AUDIT_KEY: 'too-short' })).toContain(
      'AUDIT_KEY must be at least 32 characters',
    );
    const embedded = problems({ AUDIT_KEY });
    expect(embedded).toContain('DATABASE_URL: required when NODE_ENV=production');
    expect(embedded).toContain('ALLOW_EMBEDDED_POSTGRES=1');
    expect(problems({ AUDIT_KEY, ALLOW_EMBEDDED_POSTGRES: '1' })).toBe('');
    expect(problems({ AUDIT_KEY, DATABASE_URL: database.appUrl })).toBe('');
  });

  it('refuses an AUDIT_KEY other than the one the trail is chained with', async () => {
    await prepare({ NODE_ENV: 'test', DATABASE_URL: database.appUrl }); // the first start records the key
    await expect(
      prepare({
        NODE_ENV: 'test',
        DATABASE_URL: database.appUrl,
        AUDIT_KEY: 'another-audit-key-that-is-long-enough-0000',
      }),
    ).rejects.toThrow('AUDIT_KEY is not the key this audit trail is chained with');
  });

  it('in development, given only the owner, derives a restricted role that cannot touch the trail', async () => {
    const appUrl = await prepare({ NODE_ENV: 'development', DATABASE_URL: database.url });
    const owner = new pg.Client({ connectionString: database.url });
    const derived = new pg.Client({ connectionString: appUrl });
    await owner.connect();
    await derived.connect();
    try {
      const ownerName = (await owner.query<{ u: string }>('SELECT current_user AS u')).rows[0].u;
      expect((await derived.query<{ u: string }>('SELECT current_user AS u')).rows[0].u).toBe(`${ownerName}_app`);
      await derived.query('SELECT count(*) FROM cases');
      await expect(derived.query('DELETE FROM audit_events')).rejects.toThrow(/permission denied/);
      await expect(derived.query('ALTER TABLE audit_events DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
      // Every node on the database derives the same role and password.
      await expect(prepare({ NODE_ENV: 'development', DATABASE_URL: database.url })).resolves.toBe(appUrl);
    } finally {
      await derived.end();
      await owner.end();
    }
  });
});
