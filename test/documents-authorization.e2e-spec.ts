import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { caseBody, type Member, World } from './support/world.js';
import { SAMPLES } from './support/samples.js';

/**
 * Who may call what on documents, letters and letter templates.
 *
 * Offices: A handles the file, H is the file's home office (the constituent's riding), O
 * shares A's party, Q is of another party. Personas (the columns):
 *   none        no Authorization header
 *   assistant   an assistant of A
 *   lead        the office lead of A
 *   home        an assistant of H: sees the file's status, never its documents
 *   outsider    an assistant of O
 *   otherParty  an assistant of Q
 *   admin       the directory admin (no office): 403 office_required on every route here
 */
const API = '/api/v1';
const PERSONAS = ['none', 'assistant', 'lead', 'home', 'outsider', 'otherParty', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type SignedIn = Exclude<Persona, 'none'>;
type Route = MatrixRoute<Persona>;
type Method = 'get' | 'post' | 'delete';

/** A's members get `own`; other offices 404 and the admin office_required unless overridden. */
function statuses(own: number, overrides: Partial<Record<Persona, Expected>> = {}): Record<Persona, Expected> {
  const others = { home: 404, outsider: 404, otherParty: 404, admin: OFFICE_REQUIRED } as const;
  return { none: 401, assistant: own, lead: own, ...others, ...overrides };
}

let t: TestApp;
let offices: { A: string; H: string; O: string; Q: string };
const members = {} as Record<SignedIn, Member>;
let shared: { caseId: string; documentId: string; templateId: string };

function request(p: Persona, method: Method, path: string) {
  const req = t.http()[method](`${API}${path}`);
  return p === 'none' ? req : req.set('Authorization', `Bearer ${members[p].token}`);
}

const uploadAs = (p: Persona, caseId: string, kind = 'evidence') =>
  request(p, 'post', `/cases/${caseId}/documents`)
    .field('kind', kind)
    .attach('file', SAMPLES[0].bytes, { filename: 'letter.pdf', contentType: 'application/pdf' });

async function newDocument(kind = 'evidence'): Promise<string> {
  const res = await uploadAs('assistant', shared.caseId, kind).expect(201);
  return res.body.id as string;
}

async function documentRow(id: string) {
  const { rows } = await t.db.query<{ deleted_at: Date | null }>(`SELECT deleted_at FROM documents WHERE id = $1`, [
    id,
  ]);
  return rows[0];
}

const count = async (sql: string, params: unknown[]) => (await t.db.query<{ n: number }>(sql, params)).rows[0].n;

const ROUTES: Route[] = [
  {
    name: 'POST /cases/:id/documents',
    expect: statuses(201),
    async run(p) {
      const before = await count(`SELECT count(*)::int AS n FROM documents WHERE case_id = $1`, [shared.caseId]);
      const res = await uploadAs(p, shared.caseId);
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*)::int AS n FROM documents WHERE case_id = $1`, [shared.caseId])).toBe(
            before + (allowed ? 1 : 0),
          ),
      };
    },
  },
  {
    name: 'GET /cases/:id/documents',
    expect: statuses(200),
    async run(p) {
      const res = await request(p, 'get', `/cases/${shared.caseId}/documents?limit=200`);
      return {
        res,
        verify: (allowed) =>
          void (allowed && expect((res.body.items as { id: string }[]).map((d) => d.id)).toContain(shared.documentId)),
      };
    },
  },
  {
    name: 'GET /documents/:id/content',
    expect: statuses(200),
    async run(p) {
      const res = await request(p, 'get', `/documents/${shared.documentId}/content`);
      return { res, verify: (allowed) => void (allowed && expect(res.headers['etag']).toMatch(/^"[0-9a-f]{64}"$/)) };
    },
  },
  {
    name: 'DELETE /documents/:id',
    expect: statuses(204),
    async run(p) {
      const id = await newDocument();
      const res = await request(p, 'delete', `/documents/${id}?reason=duplicate`);
      return {
        res,
        verify: async (allowed) => expect((await documentRow(id)).deleted_at !== null).toBe(allowed),
      };
    },
  },
  {
    // A cases route: the home office sees the file and is told it may not change it (403).
    name: 'POST /cases/:id/consents (documentId)',
    expect: statuses(201, { home: 403 }),
    async run(p) {
      const documentId = await newDocument('consent_form');
      const res = await request(p, 'post', `/cases/${shared.caseId}/consents`).send({
        scope: 'share_with_offices',
        grantedAt: new Date().toISOString(),
        documentId,
      });
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*)::int AS n FROM case_consents WHERE document_id = $1`, [documentId])).toBe(
            allowed ? 1 : 0,
          ),
      };
    },
  },
  {
    name: 'GET /letter-templates',
    expect: statuses(200, { home: 200, outsider: 200, otherParty: 200 }),
    async run(p) {
      const res = await request(p, 'get', '/letter-templates?limit=200');
      const own = p === 'assistant' || p === 'lead';
      return {
        res,
        verify: (allowed) =>
          void (
            allowed &&
            expect((res.body.items as { id: string }[]).some((item) => item.id === shared.templateId)).toBe(own)
          ),
      };
    },
  },
  {
    name: 'POST /letter-templates',
    expect: statuses(403, { lead: 201, home: 403, outsider: 403, otherParty: 403 }),
    async run(p) {
      const name = `Template ${randomUUID()}`;
      const res = await request(p, 'post', '/letter-templates').send({
        name,
        language: 'fr',
        kind: 'constituent_update',
        body: 'Bonjour {{constituent.fullName}}',
      });
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*)::int AS n FROM letter_templates WHERE name = $1`, [name])).toBe(
            allowed ? 1 : 0,
          ),
      };
    },
  },
  {
    name: 'GET /letter-templates/:id',
    expect: statuses(200),
    async run(p) {
      const res = await request(p, 'get', `/letter-templates/${shared.templateId}`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(shared.templateId)) };
    },
  },
  {
    name: 'POST /cases/:id/letters',
    expect: statuses(201),
    async run(p) {
      const before = await count(`SELECT count(*)::int AS n FROM documents WHERE kind = 'correspondence'`, []);
      const res = await request(p, 'post', `/cases/${shared.caseId}/letters`).send({ templateId: shared.templateId });
      return {
        res,
        verify: async (allowed) =>
          expect(await count(`SELECT count(*)::int AS n FROM documents WHERE kind = 'correspondence'`, [])).toBe(
            before + (allowed ? 1 : 0),
          ),
      };
    },
  },
];
const ROWS = matrixRows(ROUTES, PERSONAS);

describe('documents and letters authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const partyP = (await world.party()).id;
    const partyR = (await world.party()).id;
    offices = {
      A: (await world.office(partyP)).id,
      H: (await world.office(partyP)).id,
      O: (await world.office(partyP)).id,
      Q: (await world.office(partyR)).id,
    };
    members.assistant = await world.member(offices.A);
    members.lead = await world.member(offices.A, 'office_lead');
    members.home = await world.member(offices.H);
    members.outsider = await world.member(offices.O);
    members.otherParty = await world.member(offices.Q);
    members.admin = await world.admin();
    const kase = await request('assistant', 'post', '/cases')
      .send(caseBody({ homeOfficeId: offices.H }))
      .expect(201);
    shared = { caseId: kase.body.id as string, documentId: '', templateId: '' };
    shared.documentId = await newDocument();
    const template = await request('lead', 'post', '/letter-templates')
      .send({ name: 'Support', language: 'en', kind: 'support_letter', body: 'Re: {{constituent.fullName}}' })
      .expect(201);
    shared.templateId = template.body.id as string;
    // The home office does see the file itself (status only): its 404s below are the documents'.
    await request('home', 'get', `/cases/${shared.caseId}`).expect(200);
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));

  describe('a document the caller cannot see is indistinguishable from one that does not exist', () => {
    const probes: [string, Method, (id: string) => string][] = [
      ['GET /documents/:id/content', 'get', (id) => `/documents/${id}/content`],
      ['DELETE /documents/:id', 'delete', (id) => `/documents/${id}?reason=x`],
      ['GET /cases/:id/documents', 'get', (id) => `/cases/${id}/documents`],
      ['GET /letter-templates/:id', 'get', (id) => `/letter-templates/${id}`],
    ];
    const rows = probes.flatMap((probe) =>
      (['home', 'outsider', 'otherParty', 'admin'] as const).map((p) => [p, ...probe] as const),
    );
    const target = (name: string) =>
      name.startsWith('GET /cases') ? shared.caseId : name.includes('letter') ? shared.templateId : shared.documentId;

    it.each(rows)('as %s: %s', async (persona, name, method, path) => {
      const hidden = await request(persona, method, path(target(name)));
      const absent = await request(persona, method, path(randomUUID()));
      expect({ status: hidden.status, code: hidden.body.code }).toEqual(
        persona === 'admin' ? { status: 403, code: OFFICE_REQUIRED } : { status: 404, code: 'not_found' },
      );
      expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
      expect(hidden.text).toBe(absent.text);
    });

    it('the shared document is still there after every probe', async () => {
      expect((await documentRow(shared.documentId)).deleted_at).toBeNull();
    });
  });
});
