import type { Page } from 'playwright-core';
import { apiToken, CARLETON, DEMO_PASSWORD, NEPEAN, openPage, screenshot, signIn, consoleSession } from './browser.js';

/** Presses Tab until the focused element matches; fails after `limit` presses. */
async function tabTo(page: Page, matches: (focused: { text: string; label: string }) => boolean, limit = 80) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const focused = (await page.evaluate(
      `(() => { const e = document.activeElement; return { text: (e?.textContent ?? '').trim(), label: (e?.labels?.[0]?.textContent ?? e?.getAttribute('aria-label') ?? '').trim() }; })()`,
    )) as { text: string; label: string };
    if (matches(focused)) return;
  }
  throw new Error('the focus never reached the element');
}

describe('console: forms and the keyboard', () => {
  const session = consoleSession();

  const caseCount = async () => Number((await session.app.db.query('SELECT count(*) AS n FROM cases')).rows[0].n);
  const login = (email: string) => apiToken(session.app, email);

  it('bad input shows the server’s field errors next to the fields, and nothing is saved', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.getByRole('link', { name: 'New file' }).click();
    await page.getByRole('heading', { level: 1, name: 'New file' }).waitFor();
    const before = await caseCount();
    await page.getByLabel('Summary').fill('Study permit extension refused');
    await page.getByLabel('Full name').fill('Test Person');
    await page.getByLabel('UCI', { exact: true }).fill('12-34');
    await page.getByLabel("Constituent's email").fill('not-an-email');
    await page.getByRole('button', { name: 'Create the file' }).click();
    await page.getByText('Some fields need attention: see the messages next to them.').waitFor();

    for (const label of ['UCI', "Constituent's email"]) {
      const field = page.getByLabel(label, { exact: true });
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
      const message = await page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).innerText();
      expect(message.length).toBeGreaterThan(3);
    }
    expect(await page.getByLabel('Full name').getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'new-file-errors-en');
    expect(await caseCount()).toBe(before);

    // Corrected, it saves once and opens the new file.
    await page.getByLabel('UCI', { exact: true }).fill('1234-5678');
    await page.getByLabel("Constituent's email").fill('');
    await page.getByRole('button', { name: 'Create the file' }).click();
    await page.getByRole('heading', { level: 1, name: /^File \d{5}-/ }).waitFor();
    expect(await caseCount()).toBe(before + 1);
    expect(errors.filter((e) => !/400/.test(e))).toEqual([]);
    await context.close();
  }, 180_000);

  it('keyboard only: triage → open the emergency file → hand it off; read an urgent alert → acknowledge it', async () => {
    const nepean = await login(NEPEAN);
    const { rows } = await session.app.db.query<{ id: string; reference: string }>(
      `SELECT c.id, c.reference FROM cases c JOIN users u ON u.office_id = c.handling_office_id
       WHERE u.email = $1 AND c.urgency = 'emergency'`,
      [NEPEAN],
    );
    const file = rows[0]!;
    const consent = await session.app
      .http()
      .post(`/api/v1/cases/${file.id}/consents`)
      .set('Authorization', `Bearer ${nepean}`)
      .send({ scope: 'share_with_offices', grantedAt: new Date().toISOString(), evidence: 'IMM 5476 signed' });
    expect(consent.status).toBe(201);

    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await page.goto('/');
    await tabTo(page, (f) => f.label === 'Email');
    await page.keyboard.type(NEPEAN);
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();

    await tabTo(page, (f) => f.text === file.reference);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: `File ${file.reference}` }).waitFor();
    await tabTo(page, (f) => f.text === 'Hand off this file…');
    await page.keyboard.press('Enter');
    await page.getByRole('radio').first().waitFor();
    await tabTo(page, (f) => f.text === '' && f.label.length > 0 && /\(\d{5}\)/.test(f.label));
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.label === 'Note for the other office');
    await page.keyboard.type('Removal in 36 hours; you have stay-of-removal experience');
    await tabTo(page, (f) => f.text === 'Send the offer');
    await page.keyboard.press('Enter');
    await page.getByText('The offer was sent.').waitFor();
    const offers = await session.app.db.query(`SELECT status FROM handoffs WHERE case_id = $1`, [file.id]);
    expect(offers.rows).toEqual([{ status: 'offered' }]);

    // An urgent alert arrives; the keyboard reaches its Acknowledge button.
    const carleton = await login(CARLETON);
    const channel = await session.app.db.query<{ id: string }>(
      `SELECT c.id FROM channels c JOIN channel_members m ON m.channel_id = c.id
       JOIN users u ON u.office_id = m.office_id WHERE u.email = $1 AND c.kind = 'party'`,
      [CARLETON],
    );
    await session.app
      .http()
      .post(`/api/v1/channels/${channel.rows[0]!.id}/alerts`)
      .set('Authorization', `Bearer ${carleton}`)
      .send({ title: 'IRCC portal outage', body: 'The portal is down until 18:00.', severity: 'urgent' })
      .expect(201);
    await page.getByText('Urgent: IRCC portal outage').waitFor();
    await page.keyboard.press('Escape');
    await page.evaluate('document.activeElement?.blur(); window.scrollTo(0, 0)');
    await tabTo(page, (f) => f.text === 'Acknowledge', 200);
    await page.keyboard.press('Enter');
    await page.getByText('Urgent: IRCC portal outage').waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
