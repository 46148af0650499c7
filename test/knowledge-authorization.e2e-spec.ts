import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { caseBody, World, type Member } from './support/world.js';

/**
 * Who may call what on reports, precedents and seat transitions.
 *
 * Offices A and B belong to party P (so both are in P's channel); Q to party R. Files under
 * test are handled by A and their constituent lives in B's riding (B is their home office).
 *
 * Personas: none (no token), assistant and lead of A, home (an assistant of B), otherParty
 * (an assistant of Q), admin (no office: 403 office_required on reports and precedents, which
 * are an office's; it schedules and reads seat transitions).
 */
const API = '/api/v1';
const PERSONAS = ['none', 'assistant', 'lead', 'home', 'otherParty', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type SignedIn = Exclude<Persona, 'none'>;
type Route = MatrixRoute<Persona>;

let t: TestApp;
let world: World;
let offices: { A: string; B: string; Q: string };
let channelP: string;
const members = {} as Record<SignedIn, Member>;

function send(member: Member | undefined, method: 'get' | 'post', path: string, body?: object) {
  const req = t.http()[method](`${API}${path}`);
  if (member) req.set('Authorization', `Bearer ${member.token}`);
  return body === undefined ? req : req.send(body);
}
const call = (p: Persona, method: 'get' | 'post', path: string, body?: object) =>
  send(p === 'none' ? undefined : members[p], method, path, body);
const count = async (sql: string, params: unknown[]) => Number((await t.db.query(sql, params)).rows[0].count);

/** A fresh file of A whose constituent lives in B's riding. */
async function fileOfA(status: 'open' | 'resolved' = 'open'): Promise<string> {
  const res = await send(members.assistant, 'post', '/cases', caseBody({ homeOfficeId: offices.B })).expect(201);
  const id = res.body.id as string;
  if (status === 'resolved') {
    await send(members.assistant, 'post', `/cases/${id}/consents`, {
      scope: 'share_with_offices',
      grantedAt: new Date().toISOString(),
      evidence: 'on file',
    });
    await t
      .http()
      .patch(`${API}/cases/${id}`)
      .set('Authorization', `Bearer ${members.assistant.token}`)
      .send({ status: 'resolved', outcome: 'approved' })
      .expect(200);
  }
  return id;
}

/** `signedIn` for every office member, office_required for the admin, unless overridden. */
const everyone = (signedIn: number, overrides: Partial<Record<Persona, Expected>> = {}): Record<Persona, Expected> => ({
  none: 401,
  assistant: signedIn,
  lead: signedIn,
  home: signedIn,
  otherParty: signedIn,
  admin: OFFICE_REQUIRED,
  ...overrides,
});

const ROUTES: Route[] = [
  {
    name: 'GET /reports/caseload',
    expect: everyone(200),
    async run(p) {
      const res = await call(p, 'get', '/reports/caseload?groupBy=category');
      return {
        res,
        // Each office sees its own files only: A has files, the others none.
        verify: (allowed) => {
          if (!allowed) return;
          const immigration = (res.body.groups as { key: string; opened: number }[]).find(
            (g) => g.key === 'immigration',
          );
          expect(immigration!.opened > 0).toBe(p === 'assistant' || p === 'lead');
        },
      };
    },
  },
  {
    name: 'GET /reports/caseload.csv',
    expect: everyone(200),
    run: async (p) => ({ res: await call(p, 'get', '/reports/caseload.csv') }),
  },
  {
    name: 'GET /channels/:id/report',
    expect: everyone(200, { otherParty: 404 }),
    run: async (p) => ({ res: await call(p, 'get', `/channels/${channelP}/report`) }),
  },
  {
    name: 'GET /channels/:id/report (unknown channel)',
    expect: everyone(404),
    run: async (p) => ({ res: await call(p, 'get', `/channels/${randomUUID()}/report`) }),
  },
  {
    name: 'POST /cases/:id/precedent',
    expect: everyone(201, { home: 403, otherParty: 404 }),
    async run(p) {
      const caseId = await fileOfA('resolved');
      const res = await call(p, 'post', `/cases/${caseId}/precedent`, {
        channelId: channelP,
        title: 'What worked',
        lessons: 'Ask early for the PAL',
      });
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*) FROM precedents WHERE case_id = $1`, [caseId])).toBe(allowed ? 1 : 0),
      };
    },
  },
  {
    name: 'GET /precedents',
    expect: everyone(200),
    async run(p) {
      const res = await call(p, 'get', '/precedents?limit=200');
      return {
        res,
        // Precedents of P's channel are seen by its offices only.
        verify: (allowed) => {
          if (!allowed) return;
          const seen = (res.body.items as { channelId: string }[]).some((item) => item.channelId === channelP);
          expect(seen).toBe(p === 'assistant' || p === 'lead' || p === 'home');
        },
      };
    },
  },
  {
    name: 'POST /cases/:id/continue',
    expect: everyone(200, { home: 403, otherParty: 404 }),
    async run(p) {
      const caseId = await fileOfA();
      await t.db.query(`UPDATE cases SET review_since = now() - interval '1 minute' WHERE id = $1`, [caseId]);
      await send(members.assistant, 'post', `/cases/${caseId}/consents`, {
        scope: 'share_with_offices',
        grantedAt: new Date().toISOString(),
        evidence: 'IMM 5476 signed again',
      }).expect(201);
      const res = await call(p, 'post', `/cases/${caseId}/continue`, {});
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*) FROM cases WHERE id = $1 AND review_since IS NULL`, [caseId])).toBe(
            allowed ? 1 : 0,
          ),
      };
    },
  },
  {
    name: 'POST /offices/:id/transitions',
    expect: everyone(403, { none: 401, admin: 201 }),
    async run(p) {
      const office = (await world.office(null)).id;
      const res = await call(p, 'post', `/offices/${office}/transitions`, {
        effectiveAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      });
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*) FROM office_transitions WHERE office_id = $1`, [office])).toBe(
            allowed ? 1 : 0,
          ),
      };
    },
  },
  {
    name: 'GET /offices/:id/transitions',
    expect: everyone(200, { home: 404, otherParty: 404, admin: 200 }),
    run: async (p) => ({ res: await call(p, 'get', `/offices/${offices.A}/transitions`) }),
  },
];
const ROWS = matrixRows(ROUTES, PERSONAS);

describe('office knowledge authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    const partyP = (await world.party()).id;
    const partyR = (await world.party()).id;
    offices = {
      A: (await world.office(partyP)).id,
      B: (await world.office(partyP)).id,
      Q: (await world.office(partyR)).id,
    };
    members.assistant = await world.member(offices.A);
    members.lead = await world.member(offices.A, 'office_lead');
    members.home = await world.member(offices.B);
    members.otherParty = await world.member(offices.Q);
    members.admin = await world.admin();
    const channels = await send(members.assistant, 'get', '/channels').expect(200);
    channelP = (channels.body.items as { id: string; kind: string }[]).find((c) => c.kind === 'party')!.id;
    // One precedent in P's channel, and an open file of A, so the lists have something to hide.
    const seed = await fileOfA('resolved');
    await send(members.assistant, 'post', `/cases/${seed}/precedent`, {
      channelId: channelP,
      title: 'Seed',
      lessons: 'Seed lessons',
    }).expect(201);
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));

  it('an unknown case is the same 404 as a hidden one', async () => {
    const hidden = await fileOfA('resolved');
    for (const path of ['precedent', 'continue']) {
      const body = { channelId: channelP, title: 'x', lessons: 'y' };
      const a = await call('otherParty', 'post', `/cases/${hidden}/${path}`, path === 'continue' ? {} : body);
      const b = await call('otherParty', 'post', `/cases/${randomUUID()}/${path}`, path === 'continue' ? {} : body);
      expect([a.status, a.text]).toEqual([b.status, b.text]);
    }
  });
});
