import type { Page } from 'playwright-core';
import { ADMIN, PASSWORD } from '../support/test-app.js';
import {
  apiToken,
  CARLETON,
  signIn,
  checkScreen,
  fieldError,
  NEPEAN,
  openPage,
  consoleSession,
  switchLanguage,
} from './browser.js';

/** A datetime-local value `seconds` from now, in the browser's time zone, to the second. */
const localIn = (page: Page, seconds: number) =>
  page.evaluate((s) => {
    const at = new Date(Date.now() + s * 1000);
    return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 19);
  }, seconds);

async function signInAs(page: Page, email: string, password: string, heading: string) {
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

// A seat changing hands in the console: the admin schedules it on the directory screen, the
// job applies it (every second here), and the office's new team reviews the files left open.
describe('console: a seat changes hands', () => {
  const session = consoleSession({ JOB_INTERVAL_SECONDS: '1' });
  let admin: string;
  beforeAll(async () => {
    const res = await session.app
      .http()
      .post('/api/v1/auth/login')
      .send({ email: ADMIN.email, password: ADMIN.password });
    admin = res.body.accessToken as string;
  });

  const as = (token: string) => ({
    get: (path: string) => session.app.http().get(`/api/v1${path}`).set('Authorization', `Bearer ${token}`),
    post: (path: string, body: object) =>
      session.app.http().post(`/api/v1${path}`).set('Authorization', `Bearer ${token}`).send(body),
  });

  it('the admin schedules it, then a new member keeps a file only after recording a consent', async () => {
    const office = (
      await session.app.db.query<{ id: string; name: string; party_id: string }>(
        `SELECT o.id, o.name, o.party_id FROM offices o JOIN users u ON u.office_id = o.id WHERE u.email = $1`,
        [NEPEAN],
      )
    ).rows[0]!;
    const parties = (await as(admin).get('/parties?limit=200').expect(200)).body.items as {
      id: string;
      name: string;
      shortName: string;
    }[];
    const next = parties.find((party) => party.id !== office.party_id)!;

    // The admin, on the directory screen.
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signInAs(page, ADMIN.email, ADMIN.password, 'Directory');
    await page.getByLabel('Search the offices (code or name)').fill(office.name);
    await page.getByRole('button', { name: `Schedule a seat change for ${office.name}` }).click();
    const form = page.getByRole('form', { name: `Seat change: ${office.name}` });
    await page.getByText('No seat change scheduled.').waitFor();

    // No date: the server's error sits next to the field, and nothing is scheduled.
    await form.getByRole('button', { name: 'Schedule the seat change' }).click();
    expect((await fieldError(page, form.getByLabel('Takes effect on'))).length).toBeGreaterThan(3);
    expect((await as(admin).get(`/offices/${office.id}/transitions`).expect(200)).body.items).toEqual([]);
    await checkScreen(page, 'seat-change-errors', 'en');

    await form.getByLabel('Takes effect on').fill(await localIn(page, 8));
    await form.getByLabel('New party').selectOption({ label: `${next.name} (${next.shortName})` });
    await form.getByRole('button', { name: 'Schedule the seat change' }).click();
    await page.getByRole('status').getByText('Seat change scheduled.', { exact: true }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Scheduled' }).filter({ hasText: next.shortName }).waitFor();
    const [scheduled] = (await as(admin).get(`/offices/${office.id}/transitions`).expect(200)).body.items;
    expect(scheduled).toMatchObject({ status: 'scheduled', changesParty: true, partyId: next.id });
    await switchLanguage(page, 'fr');
    await page.getByRole('listitem').filter({ hasText: 'Prévu' }).waitFor();
    await checkScreen(page, 'seat-change', 'fr');
    await switchLanguage(page, 'en');
    await checkScreen(page, 'seat-change', 'en');

    // The job applies it; the list says so once reopened.
    let applied: { status: string; filesUnderReview: number } = scheduled;
    for (let i = 0; i < 60 && applied.status !== 'applied'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      applied = (await as(admin).get(`/offices/${office.id}/transitions`).expect(200)).body.items[0];
    }
    expect(applied.status).toBe('applied');
    expect(applied.filesUnderReview).toBeGreaterThan(1);
    await page.reload();
    await page.getByLabel('Search the offices (code or name)').fill(office.name);
    await page.getByRole('button', { name: `Schedule a seat change for ${office.name}` }).click();
    await page.getByRole('listitem').filter({ hasText: 'Done' }).filter({ hasText: 'under review' }).waitFor();
    await context.close();

    // The new team's first member, invited by the admin.
    const email = `new.assistant.${Date.now()}@test.riding-relay.ca`;
    const invited = await as(admin)
      .post(`/offices/${office.id}/members`, {
        email,
        displayName: 'Noor Newteam',
        role: 'assistant',
        languages: ['en', 'fr'],
      })
      .expect(201);
    await session.app
      .http()
      .post('/api/v1/auth/invitations/accept')
      .send({ token: invited.body.invitation.token, password: PASSWORD })
      .expect(200);
    const member = (await session.app.http().post('/api/v1/auth/login').send({ email, password: PASSWORD }).expect(200))
      .body.accessToken as string;

    const team = await openPage(session.browser, session.app.baseUrl);
    const p = team.page;
    await signInAs(p, email, PASSWORD, 'Triage queue');
    const marked = p.getByRole('row').filter({ has: p.getByText('Under review', { exact: true }) });
    await marked.first().waitFor();
    expect(await marked.count()).toBe(applied.filesUnderReview);
    await p.getByLabel('Under review only').check();
    await p.waitForURL(/review=1/);
    await checkScreen(p, 'queue-under-review', 'en');
    const link = marked.first().getByRole('link');
    const reference = await link.innerText();
    const file = (await session.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE reference = $1`, [reference]))
      .rows[0]!;
    await link.click();

    const panel = p.getByRole('region', { name: 'Under review: the seat changed hands' });
    await panel.getByRole('button', { name: 'Keep this file' }).click();
    await panel
      .getByRole('alert')
      .getByText(/no consent has been recorded since the seat changed hands/)
      .waitFor();
    await panel.getByRole('link', { name: 'Go to Consents' }).waitFor();
    expect((await as(member).get(`/cases/${file.id}`).expect(200)).body.transitionReview).toBe(true);
    await checkScreen(p, 'file-under-review', 'en');
    await switchLanguage(p, 'fr');
    await p.getByRole('region', { name: 'À revoir : le siège a changé de mains' }).waitFor();
    await checkScreen(p, 'file-under-review', 'fr');
    await switchLanguage(p, 'en');

    // A fresh consent, then the file is kept.
    const consents = p.getByRole('region', { name: 'Consents' });
    await consents.getByLabel('Granted on').fill(await localIn(p, -60));
    await consents.getByLabel('Evidence').fill('IMM 5476 signed again for the new team');
    await consents.getByRole('button', { name: 'Record the consent' }).click();
    await consents.getByRole('listitem').filter({ hasText: 'IMM 5476 signed again for the new team' }).waitFor();
    await panel.getByRole('button', { name: 'Keep this file' }).click();
    await panel.waitFor({ state: 'detached' });
    expect((await as(member).get(`/cases/${file.id}`).expect(200)).body).toMatchObject({
      transitionReview: false,
      status: 'open',
    });

    // Back on the queue, its marker is gone; the others still carry theirs.
    await p.goto('/');
    const row = p.getByRole('row').filter({ has: p.getByRole('link', { name: reference, exact: true }) });
    await row.waitFor();
    expect(await row.getByText('Under review', { exact: true }).count()).toBe(0);
    await p
      .getByRole('row')
      .filter({ has: p.getByText('Under review', { exact: true }) })
      .first()
      .waitFor();
    expect(await marked.count()).toBe(applied.filesUnderReview - 1);

    // In French, another file is closed as referred.
    await switchLanguage(p, 'fr');
    await p.getByLabel('À revoir seulement').check();
    const frMarked = p.getByRole('row').filter({ has: p.getByText('À revoir', { exact: true }) });
    await frMarked.first().waitFor();
    await checkScreen(p, 'queue-under-review', 'fr');
    const other = await frMarked.first().getByRole('link').innerText();
    await frMarked.first().getByRole('link').click();
    await p.getByRole('button', { name: 'Fermer comme aiguillé' }).click();
    await p.getByRole('region', { name: 'À revoir : le siège a changé de mains' }).waitFor({ state: 'detached' });
    const { rows } = await session.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE reference = $1`, [other]);
    expect((await as(member).get(`/cases/${rows[0]!.id}`).expect(200)).body).toMatchObject({
      status: 'closed',
      outcome: 'referred',
      transitionReview: false,
    });
    expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
    expect(team.errors.filter((e) => !/409/.test(e))).toEqual([]);
    await team.context.close();
  }, 300_000);

  it('the reports screen draws the caseload as a chart beside its table', async () => {
    const range = { from: '2025-01-01', to: '2026-12-31', groupBy: 'category' };
    const report = (
      await as(await apiToken(session.app, CARLETON))
        .get('/reports/caseload')
        .query(range)
        .expect(200)
    ).body as { groups: { label: string; opened: number; closed: number }[] };
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, CARLETON);
    await page.goto(`/reports?${new URLSearchParams(range).toString()}`);
    const chart = page.getByRole('img', { name: /^Chart of the files opened and closed/ });
    await chart.waitFor();
    // A bar per group with files (an empty one draws nothing), labelled with its number.
    for (const series of ['opened', 'closed'] as const)
      expect(await chart.locator(`.bar-${series} .recharts-bar-rectangle`).count()).toBe(
        report.groups.filter((group) => group[series] > 0).length,
      );
    const drawn = await chart.locator('text').allTextContents();
    for (const group of report.groups) {
      const numbers = [group.opened, group.closed].filter((n) => n > 0).map(String);
      expect(drawn).toEqual(expect.arrayContaining([group.label, ...numbers]));
    }
    await checkScreen(page, 'reports-chart', 'en');
    await switchLanguage(page, 'fr');
    await page.getByRole('img', { name: /^Graphique des dossiers/ }).waitFor();
    await checkScreen(page, 'reports-chart', 'fr');
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
