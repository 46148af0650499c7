import type { Page } from 'playwright-core';
import {
  apiToken,
  openAndCheck,
  LEAD_NEPEAN,
  NEPEAN,
  openPage,
  screenshot,
  signIn,
  consoleSession,
  switchLanguage,
} from './browser.js';

/** A datetime-local value `minutes` from now, in the browser's time zone. */
const localIn = (page: Page, minutes: number) =>
  page.evaluate((m) => {
    const at = new Date(Date.now() + m * 60_000);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  }, minutes);

// The assistant's day in the console: My day (/follow-ups), a file's follow-ups, contact log
// and checklist, and the IRCC liaison (/liaison). Jobs run every second, so follow_up.due
// arrives while the test watches.
describe('console: the assistant’s day', () => {
  const session = consoleSession({ JOB_INTERVAL_SECONDS: '1' });
  let token: string;
  beforeAll(async () => {
    token = await apiToken(session.app, NEPEAN);
  });

  const get = (path: string) => session.app.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const post = (path: string, body: object) =>
    session.app.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body);

  /** Nepean's open demo file of this immigration type. */
  async function nepeanFile(immigrationType: string) {
    const { rows } = await session.app.db.query<{ id: string; reference: string }>(
      `SELECT c.id, c.reference FROM cases c JOIN users u ON u.office_id = c.handling_office_id
       WHERE u.email = $1 AND c.immigration_type = $2`,
      [NEPEAN, immigrationType],
    );
    return rows[0]!;
  }
  const followUpCount = async () =>
    Number((await session.app.db.query('SELECT count(*) AS n FROM follow_ups')).rows[0].n);

  it('a follow-up added on a file for today is on My day; marked done there, it leaves the list and is done', async () => {
    const file = await nepeanFile('family_reunification');
    // One already late, to see how an overdue follow-up is told apart.
    const late = await post(`/cases/${file.id}/follow-ups`, {
      dueAt: new Date(Date.now() - 3600_000).toISOString(),
      note: 'Call the sponsor back (missed)',
    });
    expect(late.status).toBe(201);

    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${file.id}`);
    const section = page.getByRole('region', { name: 'Follow-ups' });
    const form = section.getByRole('form', { name: 'Add a follow-up' });

    // Bad input first: no date. The server's message sits next to the field; nothing is stored.
    const before = await followUpCount();
    await form.getByLabel('Note').fill('Ask IRCC about the medical exam');
    await form.getByRole('button', { name: 'Add the follow-up' }).click();
    await form.getByText('Some fields need attention: see the messages next to them.').waitFor();
    const due = form.getByLabel('Due', { exact: true });
    expect(await due.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await due.getAttribute('aria-describedby'))!.split(' ');
    expect((await page.locator(`[id="${describedBy.at(-1)}"]`).innerText()).length).toBeGreaterThan(3);
    expect(await form.getByLabel('Note').getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'follow-up-errors-en');
    expect(await followUpCount()).toBe(before);

    // Corrected: due later today, assigned to the caller (the default).
    await due.fill(await localIn(page, 30));
    await form.getByRole('button', { name: 'Add the follow-up' }).click();
    await section.getByRole('listitem').filter({ hasText: 'Ask IRCC about the medical exam' }).waitFor();
    expect(await followUpCount()).toBe(before + 1);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My day' }).click();
    await page.getByRole('heading', { level: 1, name: 'My day' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Ask IRCC about the medical exam' });
    await row.getByRole('link', { name: file.reference }).waitFor();
    await row.getByText('Sam Assistant (you)').waitFor();
    expect(await row.getByText('Overdue').count()).toBe(0);
    const missed = page.getByRole('row').filter({ hasText: 'Call the sponsor back (missed)' });
    await missed.getByText('Overdue', { exact: true }).waitFor();
    await screenshot(page, 'my-day-en');

    await row.getByRole('button', { name: 'Mark done' }).click();
    await row.waitFor({ state: 'detached' });
    const { body } = await get(`/cases/${file.id}/follow-ups`).expect(200);
    const done = body.items.find((item: { note: string }) => item.note === 'Ask IRCC about the medical exam');
    expect(done.doneAt).not.toBeNull();
    expect((await get('/follow-ups').expect(200)).body.items.map((item: { id: string }) => item.id)).not.toContain(
      done.id,
    );

    // The filter in the URL: only what is late.
    await page.goto('/follow-ups?due=overdue');
    await missed.waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'Update the sponsor on the enquiry' }).count()).toBe(0);
    expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);

  it('an IRCC enquiry logged on a file is on the liaison screen, overdue ones first', async () => {
    const created = await post('/cases', {
      category: 'immigration',
      immigrationType: 'work_permit',
      summary: 'Work permit renewal stuck',
      urgency: 'routine',
      complexity: 'simple',
      languages: ['en'],
      constituent: { fullName: 'Liaison Test Person' },
    });
    expect(created.status).toBe(201);
    const file = created.body as { id: string; reference: string };
    // An older enquiry on another file, already past its reply due time.
    const late = await nepeanFile('stay_of_removal');
    const day = 86_400_000;
    await post(`/cases/${late.id}/interactions`, {
      kind: 'ircc_enquiry',
      direction: 'outbound',
      occurredAt: new Date(Date.now() - 3 * day).toISOString(),
      replyDueAt: new Date(Date.now() - day).toISOString(),
      summary: 'Follow-up enquiry on the H&C application',
      irccReference: 'MCMPS-2026-0999',
    }).expect(201);

    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${file.id}`);
    const log = page.getByRole('region', { name: 'Contact log' });
    await log.getByText('No contact logged yet.').waitFor();
    const form = log.getByRole('form', { name: 'Log a contact' });
    await form.getByLabel('Kind of contact').selectOption('ircc_enquiry');
    await form.getByLabel('Direction').selectOption('outbound');
    await form.getByLabel('Summary').fill('Asked IRCC why the renewal is past the processing time');
    await form.getByLabel('IRCC reference (optional)').fill('MCMPS-2026-2001');
    await form.getByRole('button', { name: 'Log the contact' }).click();
    const entry = log.getByRole('listitem').filter({ hasText: 'MCMPS-2026-2001' });
    await entry.getByText('IRCC enquiry', { exact: true }).waitFor();
    await entry.getByText(/reply due/).waitFor();
    expect(await entry.getByText('Overdue').count()).toBe(0);
    const { body: logged } = await get(`/cases/${file.id}/interactions`).expect(200);
    expect(logged.items).toMatchObject([{ kind: 'ircc_enquiry', irccReference: 'MCMPS-2026-2001', answeredAt: null }]);

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'IRCC liaison' }).click();
    await page.getByRole('heading', { level: 1, name: 'IRCC liaison' }).waitFor();
    const rows = page.getByRole('table').getByRole('row');
    await rows.filter({ hasText: file.reference }).waitFor();
    // The header row, then the overdue enquiry before every one that is not.
    const first = rows.nth(1);
    await first.getByRole('link', { name: late.reference }).waitFor();
    await first.getByText('Overdue', { exact: true }).waitFor();
    expect(await rows.filter({ hasText: file.reference }).getByText('Overdue').count()).toBe(0);
    await page.getByText('45 minutes').first().waitFor(); // the demo's MCMPS slots over four weeks
    await screenshot(page, 'liaison-en');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('a ticked checklist item stays ticked after a reload, with who ticked it', async () => {
    const file = await nepeanFile('stay_of_removal');
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${file.id}`);
    const checklist = page.getByRole('region', { name: 'Checklist' });
    const item = checklist.getByRole('checkbox', { name: 'Signed consent (IMM 5476) on file' });
    expect(await item.isChecked()).toBe(false);
    const saved = page.waitForResponse((res) => res.request().method() === 'PATCH' && /checklist/.test(res.url()));
    await item.check();
    expect((await saved).status()).toBe(200);
    await checklist.getByText('done by Sam Assistant (you)').waitFor();
    await page.reload();
    await checklist.getByRole('checkbox', { name: 'Signed consent (IMM 5476) on file' }).waitFor();
    expect(await checklist.getByRole('checkbox', { name: 'Signed consent (IMM 5476) on file' }).isChecked()).toBe(true);
    const { body } = await get(`/cases/${file.id}/checklist`).expect(200);
    const ticked = body.items.filter((i: { doneAt: string | null }) => i.doneAt);
    expect(ticked.map((i: { text: string }) => i.text)).toEqual(['Signed consent (IMM 5476) on file']);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('My day refreshes without a reload when a follow-up falls due (follow_up.due)', async () => {
    const file = await nepeanFile('family_reunification');
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto('/follow-ups?due=overdue');
    await page.getByText('Live', { exact: true }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: /follow-up/ })
      .waitFor();
    const note = 'Phone the constituent about the interview date';
    await post(`/cases/${file.id}/follow-ups`, {
      dueAt: new Date(Date.now() + 3000).toISOString(),
      note,
    }).expect(201);
    // Not late yet when the list was read; the event makes it read again once it is.
    const row = page.getByRole('row').filter({ hasText: note });
    await row.waitFor({ timeout: 15_000 });
    await row.getByText('Overdue', { exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);

  it('an office lead writes a checklist template; bad input is refused next to its field; a new file gets it', async () => {
    const lead = await apiToken(session.app, LEAD_NEPEAN);
    const count = async () =>
      Number((await session.app.db.query('SELECT count(*) AS n FROM checklist_templates')).rows[0].n);
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, LEAD_NEPEAN);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Office' }).click();
    await page.getByRole('link', { name: 'Checklist templates' }).click();
    await page.getByRole('heading', { level: 1, name: 'Checklist templates' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Stay of removal request' }).waitFor();

    const form = page.getByRole('form', { name: 'Write a template' });
    await form.getByLabel('Name').fill('Passport, urgent travel');
    await form.getByLabel('Category').selectOption('passport');
    const before = await count();
    await form.getByRole('button', { name: 'Create the template' }).click();
    const steps = form.getByLabel('Steps');
    await form.getByText('Some fields need attention: see the messages next to them.').waitFor();
    expect(await steps.getAttribute('aria-invalid')).toBe('true');
    expect(await count()).toBe(before);

    await steps.fill('Proof of travel (ticket or itinerary)\nService Canada urgent service requested');
    await form.getByRole('checkbox').first().check();
    await form.getByRole('button', { name: 'Create the template' }).click();
    await page.getByRole('heading', { level: 3, name: 'Passport, urgent travel' }).waitFor();
    expect(await count()).toBe(before + 1);
    await screenshot(page, 'checklist-templates-en');

    // Edited in place (If-Match its version).
    await page.getByRole('button', { name: 'Edit Passport, urgent travel' }).click();
    const edit = page.getByRole('form', { name: 'Edit “Passport, urgent travel”' });
    await edit.getByLabel('Name').fill('Passport: urgent travel');
    await edit.getByRole('button', { name: 'Save the changes' }).click();
    await page.getByRole('heading', { level: 3, name: 'Passport: urgent travel' }).waitFor();

    const { body: templates } = await session.app
      .http()
      .get('/api/v1/checklist-templates')
      .set('Authorization', `Bearer ${lead}`)
      .expect(200);
    const written = templates.items.find((item: { name: string }) => item.name === 'Passport: urgent travel');
    expect(written).toMatchObject({ category: 'passport', immigrationType: null, version: 2 });
    expect(written.items).toHaveLength(2);
    expect(written.sharedWithChannelIds).toHaveLength(1);
    const created = await post('/cases', {
      category: 'passport',
      summary: 'Passport needed for a funeral abroad',
      urgency: 'priority',
      complexity: 'simple',
      languages: ['en'],
      constituent: { fullName: 'Template Test Person' },
    }).expect(201);
    const { body: checklist } = await get(`/cases/${created.body.id}/checklist`).expect(200);
    expect(checklist.items.map((item: { text: string }) => item.text)).toEqual([
      'Proof of travel (ticket or itinerary)',
      'Service Canada urgent service requested',
    ]);
    expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);

  it('the new screens in English and French: no axe violation, nothing left untranslated', async () => {
    const file = await nepeanFile('stay_of_removal');
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, LEAD_NEPEAN);
    const screens: [string, string][] = [
      ['my-day', '/follow-ups'],
      ['liaison', '/liaison'],
      ['file-day', `/files/${file.id}`],
      ['checklist-templates', '/office/checklists'],
    ];
    const texts: Record<string, string> = {};
    for (const language of ['en', 'fr'] as const) {
      if (language === 'fr') await switchLanguage(page, 'fr');
      for (const [name, path] of screens) texts[`${name}-${language}`] = await openAndCheck(page, path, language, name);
    }
    for (const [name] of screens) expect(texts[`${name}-en`]).not.toEqual(texts[`${name}-fr`]);
    // The lead assigns to any member of the office.
    await page.goto(`/files/${file.id}`);
    const assignee = page.getByRole('form', { name: 'Ajouter un suivi' }).getByLabel('Responsable');
    await assignee.getByRole('option', { name: 'Sam Assistant' }).waitFor({ state: 'attached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 300_000);
});
