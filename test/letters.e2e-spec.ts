import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, type Member, World } from './support/world.js';
import { pdfText } from './support/pdf-text.js';

const API = '/api/v1';

const EN = `Re: {{constituent.fullName}} (UCI {{constituent.uci}}, application {{constituent.applicationNumber}})
Our file {{case.reference}}, {{today}}.
{{mp.name}}, Member of Parliament for {{office.name}}`;

const FR = `Objet : {{constituent.fullName}} (IUC {{constituent.uci}}, demande {{constituent.applicationNumber}})
Notre dossier {{case.reference}}, le {{today}}.
Je vous prie d'agréer l'expression de mes sentiments distingués — « {{mp.name}} », député·e de {{office.nameFr}}.`;

const longDate = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'America/Toronto' }).format(new Date());

describe('letter templates and letters', () => {
  let t: TestApp;
  let lead: Member;
  let assistant: Member;
  let otherLead: Member;
  let office: { id: string; code: string };
  let caseId: string;
  let reference: string;

  const send = (m: Member, method: 'get' | 'post', path: string) =>
    t.http()[method](`${API}${path}`).set('Authorization', `Bearer ${m.token}`);
  const template = (m: Member, body: string, language = 'en') =>
    send(m, 'post', '/letter-templates').send({
      name: `Support (${language})`,
      language,
      kind: 'support_letter',
      body,
    });

  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const party = (await world.party()).id;
    office = await world.office(party);
    const other = await world.office(party);
    lead = await world.member(office.id, 'office_lead');
    assistant = await world.member(office.id);
    otherLead = await world.member(other.id, 'office_lead');
    await t.db.query(
      `UPDATE offices SET mp_name = 'Élise Côté-Brûlé', name_fr = 'Circonscription Lévis—Bellechasse' WHERE id = $1`,
      [office.id],
    );
    const kase = await send(assistant, 'post', '/cases')
      .send(
        caseBody({
          constituent: { fullName: 'Zoé Lefèbvre-Çelik', uci: '1234-5678', applicationNumber: 'W308811223' },
        }),
      )
      .expect(201);
    caseId = kase.body.id as string;
    reference = kase.body.reference as string;
  });
  afterAll(() => t?.close());

  it('the office lead saves a template; GET lists and reads it', async () => {
    const res = await template(lead, EN).expect(201);
    expect(res.body).toMatchObject({
      officeId: office.id,
      language: 'en',
      kind: 'support_letter',
      body: EN,
      version: 1,
    });
    const list = await send(assistant, 'get', '/letter-templates').expect(200);
    expect((list.body.items as { id: string }[]).map((item) => item.id)).toContain(res.body.id);
    await send(assistant, 'get', `/letter-templates/${res.body.id}`).expect(200);
    await send(otherLead, 'get', `/letter-templates/${res.body.id}`).expect(404);
    const others = await send(otherLead, 'get', '/letter-templates').expect(200);
    expect((others.body.items as { id: string }[]).map((item) => item.id)).not.toContain(res.body.id);
  });

  it.each([
    ['an unknown field', 'Dear {{constituent.email}}'],
    ['a misspelt field', 'Dear {{constituent.fullname}}'],
    ['a section', '{{#constituent.uci}}UCI {{constituent.uci}}{{/constituent.uci}}'],
    ['an inverted section', '{{^mp.name}}no MP{{/mp.name}}'],
    ['a partial', '{{> header}}'],
    ['a delimiter change', '{{=<% %>=}}<% today %>'],
    ['an unclosed tag', 'Dear {{constituent.fullName'],
  ])('refuses %s at save time (400)', async (_, body) => {
    const res = await template(lead, body).expect(400);
    expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: 'body' }] });
  });

  it('only an office lead writes templates (403 for an assistant)', async () => {
    const res = await template(assistant, EN).expect(403);
    expect(res.body.code).toBe('forbidden');
  });

  it.each([
    [
      'en',
      EN,
      () => [
        `Re: Zoé Lefèbvre-Çelik (UCI 1234-5678, application W308811223)`,
        `Our file ${reference}, ${longDate('en-CA')}.`,
        `Élise Côté-Brûlé, Member of Parliament for Riding ${office.code}`,
      ],
    ],
    [
      'fr',
      FR,
      () => [
        `Objet : Zoé Lefèbvre-Çelik (IUC 1234-5678, demande W308811223)`,
        `Notre dossier ${reference}, le ${longDate('fr-CA')}.`,
        `Je vous prie d'agréer l'expression de mes sentiments distingués — « Élise Côté-Brûlé », député·e de`,
        `Circonscription Lévis—Bellechasse.`,
      ],
    ],
  ] as const)('renders a letter in %s to a correspondence PDF, accents and all', async (language, body, expected) => {
    const saved = await template(lead, body, language).expect(201);
    const res = await send(assistant, 'post', `/cases/${caseId}/letters`)
      .send({ templateId: saved.body.id })
      .expect(201);
    expect(res.body).toMatchObject({
      caseId,
      kind: 'correspondence',
      mediaType: 'application/pdf',
      title: `Support (${language})`,
      filename: `${reference}-support_letter-${language}.pdf`,
    });
    const pdf = await send(assistant, 'get', `/documents/${res.body.id}/content`)
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (chunk: Buffer) => chunks.push(chunk));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const lines = await pdfText(pdf.body as Buffer);
    // Lines wrap where the page ends them: compare with the whitespace folded.
    const fold = (value: string) => value.replace(/\s+/g, ' ').trim();
    const text = fold(lines.join(' '));
    for (const line of expected()) expect(text).toContain(fold(line));
    // The letterhead, in the letter's language.
    expect(lines[1]).toBe(
      language === 'fr'
        ? 'Bureau de circonscription — Circonscription Lévis—Bellechasse'
        : `Constituency office — Riding ${office.code}`,
    );
  });

  it("another office's template, or another office's file, is a 404", async () => {
    const mine = await template(lead, EN).expect(201);
    const theirs = await template(otherLead, EN).expect(201);
    await send(assistant, 'post', `/cases/${caseId}/letters`).send({ templateId: theirs.body.id }).expect(404);
    await send(otherLead, 'post', `/cases/${caseId}/letters`).send({ templateId: mine.body.id }).expect(404);
    await send(assistant, 'post', `/cases/${caseId}/letters`).send({ templateId: 'nope' }).expect(400);
  });

  it('a letter under an Idempotency-Key is written once; the key with another template is 422', async () => {
    const first = await template(lead, EN).expect(201);
    const second = await template(lead, EN).expect(201);
    const letters = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM documents WHERE case_id = $1 AND kind = 'correspondence'`,
          [caseId],
        )
      ).rows[0].n;
    const write = (templateId: string) =>
      send(assistant, 'post', `/cases/${caseId}/letters`).set('Idempotency-Key', 'letter-once').send({ templateId });
    const before = await letters();
    const written = await write(first.body.id).expect(201);
    const again = await write(first.body.id).expect(201);
    expect(again.body).toEqual(written.body);
    const reused = await write(second.body.id);
    expect({ status: reused.status, code: reused.body.code }).toEqual({ status: 422, code: 'idempotency_key_reused' });
    expect(await letters()).toBe(before + 1);
  });

  it('every new route is in the OpenAPI document, and document.added in the AsyncAPI one', async () => {
    const docs = await t.http().get('/api/docs-json').expect(200);
    const paths = docs.body.paths as Record<string, Record<string, { requestBody?: { content: object } }>>;
    expect(Object.keys(paths['/api/v1/cases/{id}/documents']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/cases/{id}/documents'].post.requestBody!.content)).toEqual([
      'multipart/form-data',
    ]);
    expect(Object.keys(paths['/api/v1/documents/{id}/content'])).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/documents/{id}'])).toEqual(['delete']);
    expect(Object.keys(paths['/api/v1/letter-templates']).sort()).toEqual(['get', 'post']);
    expect(Object.keys(paths['/api/v1/letter-templates/{id}'])).toEqual(['get']);
    expect(Object.keys(paths['/api/v1/cases/{id}/letters'])).toEqual(['post']);
    // Both ways of adding a document are safe to retry, and say so.
    for (const path of ['/api/v1/cases/{id}/documents', '/api/v1/cases/{id}/letters']) {
      const post = paths[path].post as { parameters: { name: string; in: string }[]; responses: object };
      expect(post.parameters).toContainEqual(expect.objectContaining({ name: 'Idempotency-Key', in: 'header' }));
      expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['409', '422']));
    }
    const asyncapi = await t.http().get('/api/docs-asyncapi.json').expect(200);
    expect(JSON.stringify(asyncapi.body)).toContain('document.added');
  });
});
