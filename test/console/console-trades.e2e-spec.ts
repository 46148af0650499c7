import type { Page } from 'playwright-core';
import { ADMIN } from '../support/test-app.js';
import {
  accessibilityViolations,
  CARLETON,
  LEAD_NEPEAN,
  NEPEAN,
  openPage,
  screenshot,
  signIn,
  consoleSession,
  apiToken,
  partyChannel,
} from './browser.js';

// The gaps of issue 12: trades between two offices' consoles, files put on the table, channel
// offers and replies, the office lead's members and channels, the admin's directory.
describe('console: trades, channel offers and replies, office and directory', () => {
  const session = consoleSession();

  /** An open demo file of the user's office, by its kind. */
  async function fileOf(email: string, immigrationTypeOrCategory: string): Promise<string> {
    const { rows } = await session.app.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN users u ON u.office_id = c.handling_office_id
       WHERE u.email = $1 AND (c.immigration_type = $2 OR c.category = $2) AND c.status <> 'resolved'`,
      [email, immigrationTypeOrCategory],
    );
    return rows[0]!.id;
  }

  async function consent(email: string, caseId: string) {
    const res = await session.app
      .http()
      .post(`/api/v1/cases/${caseId}/consents`)
      .set('Authorization', `Bearer ${await apiToken(session.app, email)}`)
      .send({
        scope: 'share_with_offices',
        grantedAt: new Date(Date.now() - 60_000).toISOString(),
        evidence: 'IMM 5476 signed',
      });
    expect(res.status).toBe(201);
  }

  const handlingOffice = async (caseId: string) =>
    (
      await session.app.db.query<{ code: string }>(
        `SELECT o.code FROM cases c JOIN offices o ON o.id = c.handling_office_id WHERE c.id = $1`,
        [caseId],
      )
    ).rows[0]!.code;

  /** axe in English then French (zero violations), a screenshot of each; the page ends in English. */
  async function axeBothLanguages(page: Page, name: string) {
    for (const language of ['en', 'fr'] as const) {
      if (language === 'fr') {
        await page.getByRole('button', { name: 'Français', exact: true }).click();
        await page.getByRole('button', { name: 'English', exact: true }).waitFor();
      }
      await page.waitForLoadState('networkidle');
      expect(await page.locator('html').getAttribute('lang')).toBe(language);
      expect({ name, language, violations: await accessibilityViolations(page) }).toEqual({
        name,
        language,
        violations: [],
      });
      await screenshot(page, `${name}-${language}`);
    }
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: 'Français', exact: true }).waitFor();
  }

  /** The file's screen: put it on the table for trades (saved through PATCH /cases/:id). */
  async function putOnTheTable(page: Page, caseId: string) {
    await page.goto(`/files/${caseId}`);
    const toggle = page.getByRole('checkbox', { name: 'On the table for trades' });
    const saved = page.waitForResponse(
      (res) => res.url().endsWith(`/cases/${caseId}`) && res.request().method() === 'PATCH',
    );
    await toggle.check();
    expect((await saved).status()).toBe(200);
    await page.waitForFunction(
      `document.querySelector('#trade-toggle')?.checked === true && !document.querySelector('#trade-toggle')?.disabled`,
    );
  }

  it('a trade proposed in office A’s console is accepted in office B’s; both files change hands', async () => {
    const give = await fileOf(NEPEAN, 'stay_of_removal');
    const take = await fileOf(CARLETON, 'employment_insurance');
    await consent(NEPEAN, give);
    await consent(CARLETON, take);
    const a = await openPage(session.browser, session.app.baseUrl);
    const b = await openPage(session.browser, session.app.baseUrl);
    await signIn(a.page, NEPEAN);
    await signIn(b.page, CARLETON);

    await putOnTheTable(b.page, take);
    await putOnTheTable(a.page, give);
    const table = await session.app.db.query<{ available_for_trade: boolean }>(
      `SELECT available_for_trade FROM cases WHERE id = ANY($1::uuid[])`,
      [[give, take]],
    );
    expect(table.rows.map((row) => row.available_for_trade)).toEqual([true, true]);
    await axeBothLanguages(a.page, 'file-on-the-table');

    await a.page.getByRole('link', { name: 'Handoffs and trades' }).first().click();
    await a.page.getByRole('link', { name: 'Trade proposals and the files on the table' }).click();
    await a.page.getByRole('heading', { level: 1, name: 'Trades' }).waitFor();
    const form = a.page.getByRole('form', { name: 'Propose a trade' });
    const carleton = await session.app.db.query<{ id: string }>(`SELECT id FROM offices WHERE code = '35020'`);
    await form.getByLabel('Neighbouring office').selectOption(carleton.rows[0]!.id);
    const giving = form.getByRole('group', { name: 'Files you give (on your table)' });
    const taking = form.getByRole('group', { name: 'Files you take (on their table)' });
    await giving.getByRole('checkbox', { name: /Stay of removal/ }).check();
    await taking.getByRole('checkbox', { name: /Employment Insurance/ }).check();
    expect(await a.page.getByText('Demo Constituent Three').count()).toBe(0); // summaries only
    await form.getByLabel('Note to the other office').fill('Our removal file for your EI file: fair swap?');
    await screenshot(a.page, 'trade-propose-en');
    await form.getByRole('button', { name: 'Send the proposal' }).click();
    await form.getByText('Trade proposed.').waitFor();
    const outgoing = a.page.getByRole('region', { name: "Your office's proposals" });
    await outgoing.getByText('Proposed').waitFor();

    await b.page.goto('/handoffs/trades');
    const incoming = b.page.getByRole('region', { name: 'Proposals to your office' });
    await incoming.getByText('Our removal file for your EI file: fair swap?').waitFor();
    await axeBothLanguages(b.page, 'trades');
    await incoming.getByRole('button', { name: 'Accept the trade' }).click();
    await incoming.getByText('Accepted:').waitFor();
    // A's console learns it live: no reload.
    await outgoing.getByText('Accepted:').waitFor({ timeout: 5_000 });

    expect(await handlingOffice(give)).toBe('35020');
    expect(await handlingOffice(take)).not.toBe('35020');
    await incoming.getByRole('link', { name: 'Open the file' }).first().click();
    await b.page.getByText('Demo Constituent One').waitFor(); // the removal file is Carleton's now
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 300_000);

  it('a handoff offered to a channel is accepted from the feed; a reply names the message it answers', async () => {
    const channelId = await partyChannel(session.app, NEPEAN);
    const caseId = await fileOf(NEPEAN, 'family_reunification');
    await consent(NEPEAN, caseId);
    const nepean = await apiToken(session.app, NEPEAN);
    const offer = await session.app
      .http()
      .post('/api/v1/handoffs')
      .set('Authorization', `Bearer ${nepean}`)
      .send({ caseId, channelId, note: 'French-speaking family: who has room?' });
    expect(offer.status).toBe(201);
    const question = await session.app
      .http()
      .post(`/api/v1/channels/${channelId}/messages`)
      .set('Authorization', `Bearer ${nepean}`)
      .send({ body: 'Anyone seeing delays on spousal files?' });
    expect(question.status).toBe(201);

    const b = await openPage(session.browser, session.app.baseUrl);
    await signIn(b.page, CARLETON);
    await b.page.goto(`/channels/${channelId}`);
    const feed = b.page.getByRole('region', { name: 'Feed' });
    await feed.getByText('French-speaking family: who has room?').waitFor();
    await feed.getByRole('button', { name: /^Reply to “Anyone seeing delays/ }).click();
    const form = b.page.getByRole('form', { name: 'Post a message' });
    await form.getByText('Replying to: Anyone seeing delays on spousal files?').waitFor();
    await b.page.keyboard.type('Yes, about eight months here.'); // the reply button moved focus to the message
    await form.getByRole('button', { name: 'Post the message' }).click();
    await feed.getByText('In reply to: Anyone seeing delays on spousal files?').waitFor();
    const reply = await session.app.db.query<{ reply_to_id: string }>(
      `SELECT reply_to_id FROM channel_posts WHERE body = 'Yes, about eight months here.'`,
    );
    expect(reply.rows[0]?.reply_to_id).toBe(question.body.id);
    await axeBothLanguages(b.page, 'channel-offer-reply');

    await feed.getByRole('button', { name: 'Accept this file for your office' }).click();
    await feed.getByRole('link', { name: 'Open the file' }).click();
    await b.page.getByText('Demo Constituent Two').waitFor();
    expect(await handlingOffice(caseId)).toBe('35020');
    expect(b.errors).toEqual([]);
    await b.context.close();
  }, 180_000);

  it('the office lead changes a member’s role (persisted), creates a channel with a neighbour and leaves it', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, LEAD_NEPEAN);
    await page.getByRole('link', { name: 'Office', exact: true }).click();
    await page.getByLabel('Role of Sam Assistant').selectOption('office_lead');
    await page.getByRole('button', { name: 'Save the role of Sam Assistant' }).click();
    const role = async () =>
      (await session.app.db.query(`SELECT role FROM users WHERE email = $1`, [NEPEAN])).rows[0].role;
    for (let i = 0; i < 50 && (await role()) !== 'office_lead'; i++) await page.waitForTimeout(100);
    expect(await role()).toBe('office_lead');
    await page.reload();
    expect(await page.getByLabel('Role of Sam Assistant').inputValue()).toBe('office_lead');

    const create = page.getByRole('form', { name: 'Create a channel' });
    await create.getByLabel('Channel name').fill('Ottawa west caseworkers');
    await create.getByRole('checkbox', { name: /Carleton/ }).check();
    await create.getByRole('button', { name: 'Create the channel' }).click();
    await page.getByRole('button', { name: 'Leave Ottawa west caseworkers' }).waitFor();
    await axeBothLanguages(page, 'office');
    const members = async () =>
      (
        await session.app.db.query(
          `SELECT count(*)::int AS n FROM channel_members m JOIN channels c ON c.id = m.channel_id
           WHERE c.name = 'Ottawa west caseworkers'`,
        )
      ).rows[0].n;
    expect(await members()).toBe(2);
    await page.getByRole('button', { name: 'Leave Ottawa west caseworkers' }).click();
    await page.getByRole('button', { name: 'Leave Ottawa west caseworkers' }).waitFor({ state: 'detached' });
    expect(await members()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);

  it('the admin adds a party and an office, then renames the office', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await page.goto('/');
    await page.getByLabel('Email', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Directory' }).waitFor();

    const party = page.getByRole('form', { name: 'Add a party' });
    await party.getByLabel('Party name').fill('Test Party of Canada');
    await party.getByLabel('Short name').fill('TPC');
    await party.getByRole('button', { name: 'Add the party' }).click();
    await page.getByText('Test Party of Canada (TPC)').first().waitFor();

    const office = page.getByRole('form', { name: 'Add an office' });
    await office.getByRole('button', { name: 'Add the office' }).click();
    await office.getByLabel('Riding').and(page.locator('[aria-invalid=true]')).waitFor(); // the server's field error
    await office.getByLabel('Riding').fill('99001');
    await office.getByLabel('Name in English').fill('Testville');
    await office.getByLabel('Name in French').fill('Testville-Nord');
    await office.getByLabel('Province').selectOption('ON');
    await office.getByLabel('Party').selectOption({ label: 'Test Party of Canada (TPC)' });
    await office.getByRole('button', { name: 'Add the office' }).click();
    await page.getByLabel('Search the offices (code or name)').fill('99001');
    await page.getByRole('button', { name: 'Edit Testville' }).click();
    const edit = page.getByRole('form', { name: 'Edit office 99001' });
    await edit.getByLabel('Name in English').fill('Testville Centre');
    await edit.getByRole('button', { name: 'Save the office' }).click();
    await page.getByRole('rowheader', { name: 'Testville Centre' }).waitFor();
    const saved = await session.app.db.query<{ name: string; name_fr: string; short_name: string }>(
      `SELECT o.name, o.name_fr, p.short_name FROM offices o JOIN parties p ON p.id = o.party_id WHERE o.code = '99001'`,
    );
    expect(saved.rows).toEqual([{ name: 'Testville Centre', name_fr: 'Testville-Nord', short_name: 'TPC' }]);
    await axeBothLanguages(page, 'directory-edit');
    expect(errors).toEqual([]);
    await context.close();
  }, 180_000);
});
