import { CARLETON, NEPEAN, openPage, screenshot, signIn, consoleSession, apiToken, partyChannel } from './browser.js';

// Two offices, each in its own browser context, on one server: what one does appears in the
// other's console without a reload.
describe('console: live between offices', () => {
  const session = consoleSession();

  it('an urgent alert posted by one office appears on the other’s open screen within 2 s; its acknowledgement comes back live', async () => {
    const a = await openPage(session.browser, session.app.baseUrl);
    const b = await openPage(session.browser, session.app.baseUrl);
    await signIn(a.page, NEPEAN); // stays on the triage queue
    await signIn(b.page, CARLETON);
    const channelId = await partyChannel(session.app, CARLETON);
    expect(await partyChannel(session.app, NEPEAN)).toBe(channelId); // same party
    await b.page.goto(`/channels/${channelId}`);
    await a.page.getByText('Live', { exact: true }).waitFor();
    await b.page.getByText('Live', { exact: true }).waitFor();

    const alertForm = b.page.getByRole('form', { name: 'Post an alert' });
    await alertForm.getByLabel('Title').fill('Removals paused for Haiti');
    await alertForm.getByLabel('What changed').fill('CBSA paused removals to Haiti effective today.');
    await alertForm.getByLabel('Severity').selectOption('urgent');
    await alertForm.getByLabel('Immigration').check();
    const response = b.page.waitForResponse((res) => res.url().endsWith(`/channels/${channelId}/alerts`));
    await alertForm.getByRole('button', { name: 'Post the alert' }).click();
    expect((await response).status()).toBe(201);
    const posted = Date.now(); // committed: the server has answered

    const banner = a.page.getByRole('region', { name: 'Urgent alerts' });
    await banner.getByText('Urgent: Removals paused for Haiti').waitFor({ timeout: 2_000 });
    expect(Date.now() - posted).toBeLessThan(2_000);
    await banner.getByRole('link', { name: /of your open files/ }).waitFor();
    await screenshot(a.page, 'urgent-alert-en');

    await banner.getByRole('button', { name: 'Acknowledge' }).click();
    await banner.getByText('Urgent: Removals paused for Haiti').waitFor({ state: 'detached' });
    await b.page.getByText('Acknowledged by 1 person (Sam Assistant)').waitFor({ timeout: 5_000 });
    await screenshot(b.page, 'channel-acknowledged-en');
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 180_000);

  it('a handoff offered in office A’s console is accepted in office B’s: A sees status only, B sees the constituent', async () => {
    const a = await openPage(session.browser, session.app.baseUrl);
    const b = await openPage(session.browser, session.app.baseUrl);
    await signIn(a.page, NEPEAN);
    await signIn(b.page, CARLETON);
    await a.page.getByRole('link', { name: /-00002$/ }).click(); // the family reunification file
    await a.page.getByRole('heading', { level: 1, name: /^File / }).waitFor();
    const caseUrl = a.page.url();

    const consent = a.page.getByRole('region', { name: 'Consents' });
    const now = new Date(Date.now() - 60_000 - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await consent.getByLabel('Granted on').fill(now);
    await consent.getByLabel('Evidence').fill('IMM 5476 signed, scanned to file');
    await consent.getByRole('button', { name: 'Record the consent' }).click();
    await consent.getByText('Active', { exact: false }).first().waitFor();

    const handoff = a.page.getByRole('region', { name: 'Hand off' });
    await handoff.getByRole('button', { name: 'Hand off this file…' }).click();
    await handoff.getByRole('radio', { name: /Carleton \(35020\)/ }).check();
    await handoff.getByText('What the other office will see').waitFor();
    expect(await handoff.getByText('Demo Constituent Two').count()).toBe(0); // the preview is redacted
    await handoff.getByLabel('Note for the other office').fill('French-speaking family; you have the expertise');
    await screenshot(a.page, 'handoff-en');
    await handoff.getByRole('button', { name: 'Send the offer' }).click();
    await handoff.getByText('The offer was sent.').waitFor();

    await b.page.getByRole('link', { name: 'Handoffs and trades' }).click();
    const incoming = b.page.getByRole('region', { name: 'Incoming offers' });
    await incoming.getByText('French-speaking family; you have the expertise').waitFor();
    expect(await b.page.getByText('Demo Constituent Two').count()).toBe(0);
    await incoming.getByRole('button', { name: 'Accept' }).click();
    await incoming.getByText('Accepted').waitFor();

    // A's open file turns to the read-only status view, live.
    await a.page.getByText('This file is handled by another office: you see its status only.').waitFor();
    expect(a.page.url()).toBe(caseUrl);
    expect(await a.page.getByText('Demo Constituent Two').count()).toBe(0);

    await incoming.getByRole('link', { name: 'Open the file' }).click();
    await b.page.getByText('Demo Constituent Two').waitFor();
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 180_000);

  it('a message posted while the server restarts appears once the page reconnects, once', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    const channelId = await partyChannel(session.app, NEPEAN);
    await page.goto(`/channels/${channelId}`);
    await page.getByText('Live', { exact: true }).waitFor();
    const carleton = await apiToken(session.app, CARLETON);

    await session.app.server.stop();
    await page.getByText('Reconnecting…').waitFor();
    await session.app.server.start(120_000);
    const body = `Posted during the restart ${Date.now()}`;
    const res = await session.app
      .http()
      .post(`/api/v1/channels/${channelId}/messages`)
      .set('Authorization', `Bearer ${carleton}`)
      .send({ body });
    expect(res.status).toBe(201);
    await page.getByText('Live', { exact: true }).waitFor({ timeout: 15_000 });
    await page.getByText(body).waitFor({ timeout: 10_000 });
    await page.waitForTimeout(1_000);
    expect(await page.getByText(body).count()).toBe(1);
    expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|socket/i.test(e))).toEqual([]);
    await context.close();
  }, 180_000);
});
