import { consoleSession, NEPEAN, openPage, screenshot, signIn } from './browser.js';

// A real headless Chromium against the built server and the demo data.
describe('console: sign in, the triage queue and a file', () => {
  const session = consoleSession();

  it('signs in, shows the seeded emergency file first, opens it, adds a note and sees it in the history', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const { rows } = await session.app.db.query<{ reference: string }>(
      `SELECT reference FROM cases WHERE urgency = 'emergency' AND handling_office_id =
         (SELECT office_id FROM users WHERE email = $1)`,
      [NEPEAN],
    );
    expect(rows).toHaveLength(1);
    const firstRow = page.locator('table.queue tbody tr').first();
    await expect(firstRow.getByRole('rowheader').textContent()).resolves.toBe(rows[0]!.reference);
    await screenshot(page, 'queue-en');

    await firstRow.getByRole('link', { name: rows[0]!.reference }).click();
    await page.getByRole('heading', { level: 1, name: `File ${rows[0]!.reference}` }).waitFor();
    await page.getByText('Demo Constituent One').waitFor(); // the handling office sees the constituent
    await page.getByLabel('New note').fill('Called CBSA liaison; removal date confirmed');
    await page.getByRole('button', { name: 'Add the note' }).click();
    await page.getByText('Called CBSA liaison; removal date confirmed').waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('Note added').waitFor();
    await screenshot(page, 'file-en');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('refreshes silently from its HttpOnly cookie after a reload, and signs out', async () => {
    const { page, context } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    expect(await page.evaluate('document.cookie')).toBe(''); // the refresh cookie is not readable
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await context.close();
  });
});
