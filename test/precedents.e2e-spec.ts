import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';
import { LiveClient } from './support/live-client.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

interface Precedent {
  id: string;
  channelId: string;
  officeId: string;
  category: string;
  immigrationType: string | null;
  outcome: string;
  daysOpen: number;
  title: string;
  lessons: string;
}

describe('precedents', () => {
  let t: TestApp;
  let world: World;
  let a: Member;
  let sameParty: Member;
  let otherParty: Member;
  let channelId: string;
  let resolvedId: string;

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
  });
  const count = async () => Number((await t.db.query(`SELECT count(*) FROM precedents`)).rows[0].count);
  const share = (m: Member, caseId: string, body: object) => as(m).post(`/cases/${caseId}/precedent`, body);
  const search = async (m: Member, query: string) =>
    ((await as(m).get(`/precedents?${query}`).expect(200)).body.items as Precedent[]).map((p) => p.title);

  async function resolvedFile(m: Member, overrides: Record<string, unknown> = {}): Promise<string> {
    const { id } = (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as { id: string };
    await as(m).patch(`/cases/${id}`, { status: 'resolved', outcome: 'approved' }).expect(200);
    return id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    const party = await world.party();
    a = await world.member((await world.office(party.id)).id);
    sameParty = await world.member((await world.office(party.id)).id);
    otherParty = await world.member((await world.office((await world.party()).id)).id);
    const channels = (await as(a).get('/channels').expect(200)).body.items as { id: string; kind: string }[];
    channelId = channels.find((c) => c.kind === 'party')!.id;
    resolvedId = await resolvedFile(a);
    // Opened 12 days before it was resolved.
    await t.db.query(`UPDATE cases SET created_at = closed_at - interval '12 days 3 hours' WHERE id = $1`, [
      resolvedId,
    ]);
  });
  afterAll(() => t.close());

  it('shares what a resolved file taught to a channel, announced on its stream, never the constituent', async () => {
    const live = await LiveClient.connect(t.baseUrl, sameParty.token);
    await live.send('subscribe', { channelId });
    const res = await share(a, resolvedId, {
      channelId,
      title: 'Study permit refusal reversed with a corrected letter of acceptance',
      lessons: 'Ask the school for a corrected LOA and a PAL; section 25 H&C was not needed. Form IMM 5476 first.',
    }).expect(201);
    const precedent = res.body as Precedent;
    expect(precedent).toMatchObject({
      channelId,
      category: 'immigration',
      immigrationType: 'study_permit',
      outcome: 'approved',
      daysOpen: 12,
    });
    expect(Object.keys(precedent).sort()).toEqual(
      [
        'id',
        'channelId',
        'officeId',
        'category',
        'immigrationType',
        'outcome',
        'daysOpen',
        'title',
        'lessons',
        'createdAt',
      ].sort(),
    );
    const [event] = (await live.waitFor((events) => events.some((e) => e.type === 'precedent.shared'))).filter(
      (e) => e.type === 'precedent.shared',
    );
    expect(event).toMatchObject({ stream: `channel:${channelId}`, data: { id: precedent.id, daysOpen: 12 } });
    const everything = JSON.stringify([precedent, event]);
    for (const secret of CONSTITUENT_SECRETS) expect(everything).not.toContain(secret);
    live.close();
    // Another office of the channel finds it; an office outside the channel does not.
    expect(await search(sameParty, 'q=letter')).toContain(precedent.title);
    expect(await search(otherParty, 'q=letter')).toEqual([]);
  });

  it.each([
    ['title', 'UCI 1234-5678 refusal', 'uci'],
    ['lessons', 'Application E001234567 went through after the review', 'application'],
    ['lessons', 'Reply to zeb@example.org with the decision', 'e-mail'],
    ['lessons', 'Call back at 613-555-0199 after 5', 'phone'],
    ['title', 'What Zebulon taught us', 'name'],
    ['lessons', 'The Marchetti family needed a PAL', 'name'],
    ['lessons', 'Born 1990-02-14, so a minor at the time of application', 'birth'],
    ['lessons', 'Her file (14/02/1990) was mislaid', 'birth'],
  ])('refuses personal data in %s (%j) with 400 contains_personal_data naming the field', async (field, text, what) => {
    const before = await count();
    const body = { channelId, title: 'A fine title', lessons: 'Plain lessons', [field]: text };
    const res = await share(a, resolvedId, body).expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ code: 'contains_personal_data', errors: [{ field }] });
    expect(res.body.errors[0].message).toMatch(new RegExp(what === 'application' ? 'application number' : what, 'i'));
    expect(JSON.stringify(res.body)).not.toContain(text);
    expect(await count()).toBe(before);
  });

  it('does not refuse ordinary casework text', async () => {
    for (const lessons of [
      'Section 25 H&C: a strong establishment letter mattered more than anything else.',
      'Since the public policy of 2024-01-22 and the 2023-2024 cap, attach the PAL with IMM 5476 and IMM 5532.',
      'IRCC call centre 1-888-242-2100 was slower than the web form; processing took 120 days in Q3 2024.',
    ]) {
      await share(a, resolvedId, { channelId, title: 'Ordinary lesson', lessons }).expect(201);
    }
  });

  it('is refused for an open file, a channel the office is not in, and bad input, storing nothing', async () => {
    const before = await count();
    const { id: openId } = (await as(a).post('/cases', caseBody()).expect(201)).body as { id: string };
    expect((await share(a, openId, { channelId, title: 'x', lessons: 'y' }).expect(409)).body.code).toBe('conflict');
    const otherChannel = ((await as(otherParty).get('/channels').expect(200)).body.items as { id: string }[])[0].id;
    await share(a, resolvedId, { channelId: otherChannel, title: 'x', lessons: 'y' }).expect(404);
    for (const body of [
      {},
      { channelId, title: '', lessons: 'y' },
      { channelId, title: 'x'.repeat(201), lessons: 'y' },
      { channelId: 'nope', title: 'x', lessons: 'y' },
      { channelId, title: 'x', lessons: 'y', constituent: { fullName: 'x' } },
      { channelId, title: 42, lessons: 'y' },
    ]) {
      expect((await share(a, resolvedId, body).expect(400)).body.code).toBe('validation_failed');
    }
    expect(await count()).toBe(before);
  });

  it('searches in French and English, accents folded, with filters', async () => {
    const refused = await resolvedFile(a, { immigrationType: 'asylum' });
    await as(a).patch(`/cases/${refused}`, { outcome: 'refused' }).expect(200);
    await share(a, refused, {
      channelId,
      title: 'Demande d’asile : réfugiés déboutés et examen des risques avant renvoi',
      lessons:
        'Les délais de l’ERAR sont longs; préparer les pièces justificatives dès le dépôt. Écrire au député tôt.',
    }).expect(201);
    await share(a, resolvedId, {
      channelId,
      title: 'Sponsorship of spouses delayed by medical exams',
      lessons: 'Refugees and spouses alike: book the medical exams early, before the biometrics.',
    }).expect(201);
    const french = 'Demande d’asile : réfugiés déboutés et examen des risques avant renvoi';
    const english = 'Sponsorship of spouses delayed by medical exams';
    expect(await search(sameParty, 'q=réfugié')).toContain(french); // French stem, accents typed
    expect(await search(sameParty, 'q=refugies')).toContain(french); // accents left out
    expect(await search(sameParty, 'q=DÉLAI')).toContain(french);
    expect(await search(sameParty, 'q=ecrire depute')).toContain(french);
    expect(await search(sameParty, 'q=delays')).toContain(english); // English stem
    expect(await search(sameParty, 'q=examens medicaux')).not.toContain(english);
    expect(await search(sameParty, 'q=exam')).toEqual(expect.arrayContaining([english]));
    expect(await search(sameParty, 'q=IMM 5476')).toEqual([
      'Ordinary lesson',
      'Study permit refusal reversed with a corrected letter of acceptance',
    ]);
    expect(await search(sameParty, 'q=refugees')).toEqual(expect.arrayContaining([english]));
    expect(await search(sameParty, 'q=asile&outcome=refused&immigrationType=asylum')).toEqual([french]);
    expect(await search(sameParty, 'q=asile&outcome=approved')).toEqual([]);
    expect(await search(sameParty, 'category=passport')).toEqual([]);
    await as(sameParty).get('/precedents?outcome=perhaps').expect(400);
    await as(sameParty).get('/precedents?after=garbage').expect(400);
  });

  it('pages newest first with a cursor', async () => {
    const first = (await as(sameParty).get('/precedents?limit=2').expect(200)).body;
    expect(first.items).toHaveLength(2);
    const second = (await as(sameParty).get(`/precedents?limit=2&after=${first.nextCursor}`).expect(200)).body;
    expect(second.items[0].id).not.toBe(first.items[1].id);
  });
});
