import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

interface Group {
  key: string | null;
  label: string;
  opened: number | string;
  closed: number | string;
  open: number | string;
  underReview: number | string;
  medianDaysToClose?: number | null;
  outcomes: Record<string, number | string>;
}
interface Report {
  groupBy: string;
  from: string;
  to: string;
  groups: Group[];
}

/** A minimal RFC 4180 reader. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('office knowledge: outcomes and reports', () => {
  let t: TestApp;
  let world: World;
  let a: Member;
  let b: Member;

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
  });

  /** A file whose dates, status and outcome are set in the database, so the figures can be worked out by hand. */
  async function file(
    m: Member,
    spec: { category?: string; type?: string | null; created: string; closed?: string; outcome?: string },
  ): Promise<string> {
    const category = spec.category ?? 'immigration';
    const body = caseBody({
      category,
      immigrationType: category === 'immigration' ? (spec.type ?? 'study_permit') : undefined,
    });
    const { id } = (await as(m).post('/cases', body).expect(201)).body as { id: string };
    await t.db.query(
      `UPDATE cases SET created_at = $2, closed_at = $3, outcome = $4,
         status = CASE WHEN $3::timestamptz IS NULL THEN 'open' ELSE 'resolved' END WHERE id = $1`,
      [id, spec.created, spec.closed ?? null, spec.outcome ?? null],
    );
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    const party = await world.party();
    // An office whose names a spreadsheet would run as formulas, with accents.
    const officeA = await world.office(party.id, {
      name: '=HYPERLINK("http://x","Riding")',
      nameFr: '@Lévis—Lotbinière, "Ouest"',
    });
    a = await world.member(officeA.id);
    b = await world.member((await world.office(party.id)).id);
    // Immigration: closed after 10, 30, 2 and 1 days (median of an even count: (2 + 10) / 2 = 6).
    await file(a, { created: '2026-01-10T00:00:00Z', closed: '2026-01-20T00:00:00Z', outcome: 'approved' });
    await file(a, { created: '2026-01-05T00:00:00Z', closed: '2026-02-04T00:00:00Z', outcome: 'refused' });
    await file(a, { created: '2026-02-01T00:00:00Z', closed: '2026-02-03T00:00:00Z', outcome: 'approved' });
    await file(a, { created: '2026-03-31T23:59:59.999Z' }); // last instant in the range
    await file(a, { created: '2026-04-01T00:00:00Z' }); // first instant after it
    await file(a, { created: '2025-12-31T00:00:00Z', closed: '2026-01-01T00:00:00Z', outcome: 'other' }); // closed on the first instant
    // Passport: 3, 5 and 7 days (median of an odd count: 5).
    await file(a, {
      category: 'passport',
      created: '2026-01-15T00:00:00Z',
      closed: '2026-01-18T00:00:00Z',
      outcome: 'no_action',
    });
    await file(a, {
      category: 'passport',
      created: '2026-02-15T00:00:00Z',
      closed: '2026-02-20T00:00:00Z',
      outcome: 'approved',
    });
    await file(a, {
      category: 'passport',
      created: '2026-03-01T00:00:00Z',
      closed: '2026-03-08T00:00:00Z',
      outcome: 'withdrawn',
    });
    // Opened long before the range and still open.
    await file(a, { category: 'employment_insurance', created: '2025-06-01T00:00:00Z' });
    // Another office's file never counts.
    await file(b, { created: '2026-01-10T00:00:00Z', closed: '2026-01-11T00:00:00Z', outcome: 'approved' });
  });
  afterAll(() => t.close());

  describe('outcomes', () => {
    it('are required to resolve or close a file, and nothing changes without one', async () => {
      const { id, version } = (await as(a).post('/cases', caseBody()).expect(201)).body as {
        id: string;
        version: number;
      };
      for (const status of ['resolved', 'closed']) {
        const res = await as(a).patch(`/cases/${id}`, { status }).expect(400);
        expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'outcome' }] });
      }
      const bad = await as(a).patch(`/cases/${id}`, { status: 'resolved', outcome: 'maybe' }).expect(400);
      expect(bad.body.code).toBe('validation_failed');
      const onOpen = await as(a).patch(`/cases/${id}`, { outcome: 'approved' }).expect(400);
      expect(onOpen.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
      const unchanged = (await as(a).get(`/cases/${id}`).expect(200)).body;
      expect(unchanged).toMatchObject({ status: 'open', outcome: null, transitionReview: false, version });

      const resolved = (await as(a).patch(`/cases/${id}`, { status: 'resolved', outcome: 'approved' }).expect(200))
        .body;
      expect(resolved).toMatchObject({ status: 'resolved', outcome: 'approved' });
      // Closing a resolved file asks again; reopening clears it.
      await as(a).patch(`/cases/${id}`, { status: 'closed' }).expect(400);
      const reopened = (await as(a).patch(`/cases/${id}`, { status: 'open' }).expect(200)).body;
      expect(reopened.outcome).toBeNull();
      const closed = (await as(a).patch(`/cases/${id}`, { status: 'closed', outcome: 'withdrawn' }).expect(200)).body;
      expect(closed.outcome).toBe('withdrawn');
      const listed = (await as(a).get('/cases?status=closed').expect(200)).body.items as Record<string, unknown>[];
      expect(listed.find((c) => c.id === id)).toMatchObject({ outcome: 'withdrawn', transitionReview: false });
      await t.db.query(`UPDATE cases SET created_at = '2020-01-01' WHERE id = $1`, [id]); // out of every range below
      await t.db.query(`UPDATE cases SET closed_at = '2020-01-02' WHERE id = $1`, [id]);
    });
  });

  describe('GET /reports/caseload', () => {
    const caseload = async (query: string) =>
      (await as(a).get(`/reports/caseload?${query}`).expect(200)).body as Report;
    const group = (report: Report, key: string | null) => report.groups.find((g) => g.key === key)!;

    it('by category: hand-computed figures, empty groups listed, range edges included and excluded', async () => {
      const report = await caseload('from=2026-01-01&to=2026-03-31&groupBy=category');
      expect(report).toMatchObject({
        groupBy: 'category',
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-04-01T00:00:00.000Z',
      });
      expect(report.groups.map((g) => g.key)).toEqual([
        'immigration',
        'employment_insurance',
        'pensions',
        'passport',
        'taxation',
        'veterans',
        'other',
      ]);
      expect(group(report, 'immigration')).toEqual({
        key: 'immigration',
        label: 'Immigration',
        opened: 4,
        closed: 4,
        open: 2,
        underReview: 0,
        medianDaysToClose: 6,
        outcomes: { approved: 2, refused: 1, withdrawn: 0, referred: 0, no_action: 0, other: 1 },
      });
      expect(group(report, 'passport')).toMatchObject({ opened: 3, closed: 3, open: 0, medianDaysToClose: 5 });
      expect(group(report, 'passport').outcomes).toMatchObject({ approved: 1, no_action: 1, withdrawn: 1 });
      expect(group(report, 'employment_insurance')).toMatchObject({
        opened: 0,
        closed: 0,
        open: 1,
        medianDaysToClose: null,
      });
      expect(group(report, 'pensions')).toEqual({
        key: 'pensions',
        label: 'Pensions',
        opened: 0,
        closed: 0,
        open: 0,
        underReview: 0,
        medianDaysToClose: null,
        outcomes: { approved: 0, refused: 0, withdrawn: 0, referred: 0, no_action: 0, other: 0 },
      });
      // A date-time `to` is exclusive: the file opened on the last millisecond of March drops out.
      const exclusive = await caseload('from=2026-01-01T00:00:00Z&to=2026-03-31T23:59:59.999Z&groupBy=category');
      expect(group(exclusive, 'immigration')).toMatchObject({ opened: 3, closed: 4 });
      // `from` is inclusive: a range starting a millisecond later loses the file closed at midnight.
      const later = await caseload('from=2026-01-01T00:00:00.001Z&to=2026-03-31&groupBy=category');
      expect(group(later, 'immigration')).toMatchObject({ opened: 4, closed: 3, medianDaysToClose: 10 });
    });

    it('by month: every month of the range, opened by opening month, closed by closing month', async () => {
      const report = await caseload('from=2026-01-01&to=2026-03-31&groupBy=month&lang=fr');
      expect(report.groups.map((g) => [g.key, g.label])).toEqual([
        ['2026-01', 'janvier 2026'],
        ['2026-02', 'février 2026'],
        ['2026-03', 'mars 2026'],
      ]);
      expect(group(report, '2026-01')).toMatchObject({ opened: 3, closed: 3, open: 0, medianDaysToClose: 3 });
      expect(group(report, '2026-02')).toMatchObject({ opened: 2, closed: 3, open: 0, medianDaysToClose: 5 });
      expect(group(report, '2026-03')).toMatchObject({ opened: 2, closed: 1, open: 1, medianDaysToClose: 7 });
    });

    it('by outcome, urgency and immigration type, with a "none" group only when it has files', async () => {
      const byOutcome = await caseload('from=2026-01-01&to=2026-03-31&groupBy=outcome');
      expect(group(byOutcome, 'approved')).toMatchObject({ opened: 3, closed: 3 });
      expect(group(byOutcome, 'referred')).toMatchObject({ opened: 0, closed: 0 });
      expect(group(byOutcome, null)).toMatchObject({ label: 'None', opened: 1, open: 3 });
      const byUrgency = await caseload('from=2026-01-01&to=2026-03-31&groupBy=urgency');
      expect(group(byUrgency, 'priority')).toMatchObject({ opened: 7, closed: 7, open: 3 });
      expect(group(byUrgency, 'emergency')).toMatchObject({ opened: 0, closed: 0, open: 0 });
      const byType = await caseload('from=2026-01-01&to=2026-03-31&groupBy=immigrationType');
      expect(group(byType, 'study_permit')).toMatchObject({ opened: 4, closed: 4, medianDaysToClose: 6 });
      expect(group(byType, null)).toMatchObject({ opened: 3, closed: 3, open: 1 });
    });

    it('refuses bad ranges and groupings with 400', async () => {
      for (const query of [
        'from=2026-02-01&to=2026-01-01',
        'from=yesterday',
        'groupBy=office',
        'from=2000-01-01&to=2026-01-01',
        'lang=de',
      ]) {
        const res = await as(a).get(`/reports/caseload?${query}`).expect(400);
        expect(res.body.code).toBe('validation_failed');
      }
    });
  });

  describe('GET /reports/caseload.csv', () => {
    it('is RFC 4180 UTF-8 that reads back as the JSON, with formula-looking cells neutralised', async () => {
      const query = 'from=2026-01-01&to=2026-03-31&groupBy=category&lang=fr';
      const json = (await as(a).get(`/reports/caseload?${query}`).expect(200)).body as Report;
      const res = await as(a)
        .get(`/reports/caseload.csv?${query}`)
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      const text = res.body as string;
      expect(text.endsWith('\r\n')).toBe(true);
      const [header, ...rows] = parseCsv(text);
      expect(header).toEqual([
        'office',
        'groupBy',
        'key',
        'label',
        'from',
        'to',
        'opened',
        'closed',
        'open',
        'underReview',
        'medianDaysToClose',
        'approved',
        'refused',
        'withdrawn',
        'referred',
        'no_action',
        'other',
      ]);
      expect(rows).toHaveLength(json.groups.length);
      for (const [i, g] of json.groups.entries()) {
        const row = rows[i];
        expect(row[0]).toBe('\'@Lévis—Lotbinière, "Ouest"'); // neutralised, quoted, accents intact
        expect(row.slice(2)).toEqual([
          g.key ?? '',
          g.label,
          json.from,
          json.to,
          String(g.opened),
          String(g.closed),
          String(g.open),
          String(g.underReview),
          g.medianDaysToClose === null ? '' : String(g.medianDaysToClose),
          ...['approved', 'refused', 'withdrawn', 'referred', 'no_action', 'other'].map((o) => String(g.outcomes[o])),
        ]);
      }
      expect(rows.map((row) => row[3])).toContain('Impôt');
      const english = await as(a).get('/reports/caseload.csv?from=2026-01-01&to=2026-03-31').expect(200);
      expect(parseCsv(english.text)[1][0]).toBe('\'=HYPERLINK("http://x","Riding")');
    });
  });
});
