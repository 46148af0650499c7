import { ADMIN } from '../support/test-app.js';
import {
  accessibilityViolations,
  openAndCheck,
  LEAD_NEPEAN,
  openPage,
  screenshot,
  signIn,
  consoleSession,
  switchLanguage,
} from './browser.js';

// Every screen, in English and in French: axe-core finds no WCAG 2.1 AA violation, the
// language switch is there, <html lang> follows it, and no text is left in the other language.
describe('console: every screen in both languages', () => {
  const session = consoleSession();
  let caseId: string;
  let channelId: string;
  beforeAll(async () => {
    const { rows } = await session.app.db.query<{ id: string }>(
      `SELECT c.id FROM cases c JOIN users u ON u.office_id = c.handling_office_id WHERE u.email = $1 LIMIT 1`,
      [LEAD_NEPEAN],
    );
    caseId = rows[0]!.id;
    const channels = await session.app.db.query<{ id: string }>(
      `SELECT c.id FROM channels c JOIN channel_members m ON m.channel_id = c.id
       JOIN users u ON u.office_id = m.office_id WHERE u.email = $1 AND c.kind = 'party'`,
      [LEAD_NEPEAN],
    );
    channelId = channels.rows[0]!.id;
  });

  it('the lead’s screens: sign-in, queue, new file, file, channel, handoffs, office', async () => {
    const texts: Record<string, Record<string, string>> = { en: {}, fr: {} };
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await page.goto('/');
    await page.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-en');
    await page.getByRole('button', { name: 'Français', exact: true }).click();
    await page.getByRole('button', { name: 'Se connecter', exact: true }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-fr');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await signIn(page, LEAD_NEPEAN);

    const screens: [string, string][] = [
      ['queue', '/'],
      ['new-file', '/files/new'],
      ['file', `/files/${caseId}`],
      ['channel', `/channels/${channelId}`],
      ['handoffs', '/handoffs'],
      ['office', '/office'],
    ];
    for (const language of ['en', 'fr'] as const) {
      if (language === 'fr') await switchLanguage(page, 'fr');
      for (const [name, path] of screens) texts[language]![name] = await openAndCheck(page, path, language, name);
    }
    for (const [name] of screens)
      expect({ name, changed: texts.en![name] !== texts.fr![name] }).toEqual({ name, changed: true });
    // The choice is kept across visits.
    await page.reload();
    await page.getByRole('button', { name: 'English', exact: true }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  }, 400_000);

  it('the admin’s directory', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl, 'fr');
    await page.goto('/');
    await page.getByLabel('Courriel', { exact: true }).fill(ADMIN.email);
    await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Répertoire' }).waitFor();
    await openAndCheck(page, '/directory', 'fr', 'directory');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await openAndCheck(page, '/directory', 'en', 'directory');
    // An office's screen, opened by its URL, says it is for office members; nothing asks the API
    // for office data (which would answer 403 office_required), not even the urgent alerts.
    const refused: string[] = [];
    page.on('response', (res) => void (res.status() === 403 && refused.push(res.url())));
    for (const [path, language, text] of [
      ['/follow-ups', 'en', 'your account belongs to no office'],
      ['/channels', 'fr', 'votre compte n’appartient à aucun bureau'],
    ] as const) {
      if (language === 'fr') await page.getByRole('button', { name: 'Français', exact: true }).click();
      expect(await openAndCheck(page, path, language, 'office-required')).toContain(text);
    }
    await page.getByRole('link', { name: 'Aller au répertoire' }).click();
    await page.getByRole('heading', { level: 1, name: 'Répertoire' }).waitFor();
    expect(refused).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  }, 120_000);
});
