import { AxeBuilder } from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
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

const LANGUAGE_SWITCH = { en: 'Français', fr: 'English' } as const;

/** A demo user's access token, for what the test does or checks through the API. */
export async function apiToken(app: TestApp, email: string): Promise<string> {
  const res = await app.http().post('/api/v1/auth/login').send({ email, password: DEMO_PASSWORD });
  if (res.status !== 200) throw new Error(`login of ${email}: ${res.status}`);
  return res.body.accessToken as string;
}

/** Switches the console to `language` with the switch every screen has (named in the other language). */
export async function switchLanguage(page: Page, language: 'en' | 'fr') {
  await page.getByRole('button', { name: LANGUAGE_SWITCH[language === 'en' ? 'fr' : 'en'], exact: true }).click();
  await page.getByRole('button', { name: LANGUAGE_SWITCH[language], exact: true }).waitFor();
}

/**
 * The screen open now, once loaded: `<html lang>` and the language switch follow the
 * language, axe-core finds no violation, and a screenshot is saved. Returns the main text.
 * `idle` false does not wait for the network to rest (a PDF viewer in a frame never lets it).
 */
export async function checkScreen(page: Page, name: string, language: 'en' | 'fr', idle = true) {
  if (idle) await page.waitForLoadState('networkidle');
  await page.waitForFunction(
    "![...document.querySelectorAll('[role=status]')].some((e) => /^(Loading|Chargement)…$/.test(e.textContent))",
  );
  expect(await page.locator('html').getAttribute('lang')).toBe(language);
  await page.getByRole('button', { name: LANGUAGE_SWITCH[language], exact: true }).waitFor();
  expect({ screen: name, language, violations: await accessibilityViolations(page) }).toEqual({
    screen: name,
    language,
    violations: [],
  });
  await screenshot(page, `${name}-${language}`);
  return (await page.locator('main').first().innerText()).trim();
}

/** Opens a screen by URL, then checks it as `checkScreen` does. */
export async function openAndCheck(page: Page, path: string, language: 'en' | 'fr', name: string) {
  await page.goto(path);
  await page.locator('h1').waitFor();
  return checkScreen(page, name, language);
}

/** The error message tied to a field (aria-describedby), once the field is marked invalid. */
export async function fieldError(page: Page, field: Locator): Promise<string> {
  await field.and(page.locator('[aria-invalid="true"]')).waitFor();
  const describedBy = (await field.getAttribute('aria-describedby'))!.split(' ');
  return page.locator(`[id="${describedBy[describedBy.length - 1]}"]`).innerText();
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

/** A small, well-formed PDF made here, so its hash is known. */
export function smallPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The set-up every browser test file shares: Chromium and the console server with the demo
 * data (`env` added), started before the file's tests and closed after them. Read
 * `session.app` and `session.browser` inside tests and later hooks, once they have started.
 */
export function consoleSession(env: Record<string, string> = {}): { readonly app: TestApp; readonly browser: Browser } {
  const session = {} as { app: TestApp; browser: Browser };
  beforeAll(async () => {
    session.browser = await launchBrowser();
    session.app = await startConsoleApp(env);
  }, 180_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.app?.close();
  });
  return session;
}
