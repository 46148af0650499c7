import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** The demo accounts' random password, printed once by the server that created them (see startConsoleApp). */
export let DEMO_PASSWORD = '';
export const NEPEAN = 'assistant.nepean@demo.riding-relay.ca';
export const CARLETON = 'assistant.carleton@demo.riding-relay.ca';
export const LEAD_NEPEAN = 'lead.nepean@demo.riding-relay.ca';
const SCREENS = new URL('./screens/', import.meta.url).pathname;

/** Debian's chromium (or CHROMIUM_PATH): the tests never download a browser. */
function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The built server with the demo data (SEED_DEMO=1) on a fresh database. */
export async function startConsoleApp(env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startTestApp({ SEED_DEMO: '1', ...env }, 120_000);
  const printed = /password \(random, shown this once\): (\S+)/.exec(app.server.log)?.[1];
  if (!printed) throw new Error(`the server printed no demo password:\n${app.server.log}`);
  DEMO_PASSWORD = printed;
  return app;
}

/** A page that fails the test on any console error, such as a missing catalogue key. */
export async function openPage(browser: Browser, baseUrl: string, language: 'en' | 'fr' = 'en') {
  const context = await browser.newContext({ baseURL: baseUrl, locale: language === 'fr' ? 'fr-CA' : 'en-CA' });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

export async function signIn(page: Page, email: string, language: 'en' | 'fr' = 'en') {
  await page.goto('/');
  const labels =
    language === 'en'
      ? { email: 'Email', password: 'Password', button: 'Sign in' }
      : { email: 'Courriel', password: 'Mot de passe', button: 'Se connecter' };
  await page.getByLabel(labels.email, { exact: true }).fill(email);
  await page.getByLabel(labels.password, { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: labels.button, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: language === 'en' ? 'Triage queue' : 'File de triage' }).waitFor();
}

/** axe-core, WCAG 2.1 A and AA rules: the list of violations (empty is the goal). */
export async function accessibilityViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    targets: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
  }));
}

export async function screenshot(page: Page, name: string) {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: `${SCREENS}${name}.png`, fullPage: true });
}

/** The party channel of the user's office. */
export async function partyChannel(app: TestApp, email: string): Promise<string> {
  const { rows } = await app.db.query<{ id: string }>(
    `SELECT c.id FROM channels c JOIN channel_members m ON m.channel_id = c.id
     JOIN users u ON u.office_id = m.office_id WHERE u.email = $1 AND c.kind = 'party'`,
    [email],
  );
  return rows[0]!.id;
}

/** An access token for a demo login, for what a test sets up through the API. */
export async function accessToken(app: TestApp, email: string): Promise<string> {
  const res = await app.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
  return res.body.accessToken as string;
}
