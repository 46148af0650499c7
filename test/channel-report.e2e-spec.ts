import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

type Count = number | '<5';
interface Group {
  key: string | null;
  opened: Count;
  closed: Count;
  open: Count;
  underReview: Count;
  outcomes: Record<string, Count>;
}
interface Report {
  from: string;
  to: string;
  groups: Group[];
}

describe('channel reports: counts only, small groups hidden and not recoverable', () => {
  let t: TestApp;
  let a: Member;
  let b: Member;
  let channelId: string;

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
  });
  const report = async (query: string) =>
    (await as(b).get(`/channels/${channelId}/report?${query}`).expect(200)).body as Report;
  const opened = (r: Report, key: string) => r.groups.find((g) => g.key === key)!.opened;

  async function files(m: Member, n: number, created: string, overrides: Record<string, unknown> = {}) {
    for (let i = 0; i < n; i++) {
      const { id } = (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as { id: string };
      await t.db.query(`UPDATE cases SET created_at = $2 WHERE id = $1`, [id, created]);
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const party = await world.party();
    a = await world.member((await world.office(party.id)).id);
    b = await world.member((await world.office(party.id)).id);
    const channels = (await as(a).get('/channels').expect(200)).body.items as { id: string; kind: string }[];
    channelId = channels.find((c) => c.kind === 'party')!.id;
    // First quarter of 2026: 8 study permits (5 in A, 3 in B), 1 asylum file, 2 passports; second: 3 study permits.
    await files(a, 5, '2026-01-20T00:00:00Z');
    await files(b, 3, '2026-03-02T00:00:00Z');
    await files(b, 1, '2026-02-20T00:00:00Z', { immigrationType: 'asylum' });
    await files(b, 2, '2026-02-25T00:00:00Z', { category: 'passport', immigrationType: undefined });
    await files(a, 3, '2026-05-05T00:00:00Z');
  });
  afterAll(() => t.close());

  it('answers whole quarters, counts only, in multiples of 5, fewer than 5 as "<5"', async () => {
    const q1 = await report('from=2026-01-01&to=2026-03-31&groupBy=category');
    expect([q1.from, q1.to]).toEqual(['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z']);
    expect([5, 10]).toContain(opened(q1, 'immigration'));
    expect(opened(q1, 'passport')).toBe('<5');
    expect(opened(q1, 'pensions')).toBe('<5'); // none at all is not told apart from a few
    for (const group of q1.groups) {
      expect(Object.keys(group).sort()).toEqual([
        'closed',
        'key',
        'label',
        'open',
        'opened',
        'outcomes',
        'underReview',
      ]);
      for (const value of [
        group.opened,
        group.closed,
        group.open,
        group.underReview,
        ...Object.values(group.outcomes),
      ]) {
        expect(value === '<5' || (typeof value === 'number' && value >= 5 && value % 5 === 0)).toBe(true);
      }
    }
    // 14 files are open now, 12 of them immigration: shown rounded, not exact.
    expect([10, 15]).toContain(q1.groups.find((g) => g.key === 'immigration')!.open);
  });

  it('gives the same answer for any range within the same quarters', async () => {
    const q1 = await report('from=2026-01-01&to=2026-03-31&groupBy=category');
    // Everything opened up to 15 February versus the whole quarter: the late files stay hidden.
    const early = await report('from=2026-01-01&to=2026-02-15&groupBy=category');
    const late = await report('from=2026-02-15T12:00:00Z&to=2026-03-31T23:00:00Z&groupBy=category');
    expect(early).toEqual(q1);
    expect(late).toEqual(q1);
  });

  it('cannot be differenced: overlapping ranges or groups never give back a hidden count', async () => {
    // The second quarter alone holds 3 study permits: hidden.
    const q2 = await report('from=2026-04-01&to=2026-06-30&groupBy=immigrationType');
    expect(opened(q2, 'study_permit')).toBe('<5');
    const q1 = await report('from=2026-01-01&to=2026-03-31&groupBy=immigrationType');
    const both = await report('from=2026-01-01&to=2026-06-30&groupBy=immigrationType');
    const rangeDifference = (opened(both, 'study_permit') as number) - (opened(q1, 'study_permit') as number);
    expect([0, 5]).toContain(rangeDifference);
    expect(rangeDifference).not.toBe(3);
    // The one asylum file: hidden by type, and category minus the other types does not give it back.
    expect(opened(q1, 'asylum')).toBe('<5');
    const byCategory = await report('from=2026-01-01&to=2026-03-31&groupBy=category');
    const groupDifference = (opened(byCategory, 'immigration') as number) - (opened(q1, 'study_permit') as number);
    // Rounding may put the category below the type; either way the gap is a multiple of 5 (abs: -5 % 5 is -0).
    expect(Math.abs(groupDifference) % 5).toBe(0);
    expect(groupDifference).not.toBe(1);
    // Asking again gives the same rounding: averaging repeated requests cancels nothing.
    expect(await report('from=2026-01-01&to=2026-06-30&groupBy=immigrationType')).toEqual(both);
  });

  it('groups by month over whole quarters, and refuses bad input', async () => {
    const byMonth = await report('from=2026-02-10&to=2026-02-20&groupBy=month');
    expect(byMonth.groups.map((g) => g.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const query of ['groupBy=office', 'from=2026-05-01&to=2026-01-01', 'to=soon']) {
      expect((await as(b).get(`/channels/${channelId}/report?${query}`).expect(400)).body.code).toBe(
        'validation_failed',
      );
    }
  });
});
