import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import {
  apiToken,
  checkScreen,
  fieldError,
  NEPEAN,
  openPage,
  screenshot,
  signIn,
  smallPdf,
  consoleSession,
  switchLanguage,
} from './browser.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The bytes the browser saved from a download link. */
async function download(page: Page, link: string): Promise<Buffer> {
  const [saved] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()]);
  return readFileSync((await saved.path())!);
}

describe('console: documents, letters, outcomes, reports and precedents', () => {
  const session = consoleSession({ DOCUMENT_MAX_MB: '1' }); // a small limit, to see the 413 from the browser
  let token: string;
  let caseId: string;
  const api = (method: 'get' | 'post' | 'patch', path: string) =>
    session.app.http()[method](`/api/v1${path}`).set('Authorization', `Bearer ${token}`);
  const documents = async () =>
    (await api('get', `/cases/${caseId}/documents`).expect(200)).body.items as {
      id: string;
      kind: string;
      filename: string;
      title: string | null;
      mediaType: string;
      sha256: string;
      deleted: boolean;
    }[];

  beforeAll(async () => {
    token = await apiToken(session.app, NEPEAN);
    const created = await api('post', '/cases')
      .send({
        category: 'immigration',
        immigrationType: 'study_permit',
        summary: 'Study permit refused for lack of an acceptance letter',
        urgency: 'priority',
        complexity: 'simple',
        languages: ['en', 'fr'],
        constituent: { fullName: 'Amara Okonkwo', phone: '613-555-0142' },
      })
      .expect(201);
    caseId = created.body.id;
  });

  it('uploads a PDF, downloads the same bytes, refuses an executable, writes a letter, deletes with a reason', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${caseId}`);
    const section = page.getByRole('region', { name: 'Documents and letters' });
    await section.getByText('No document yet.').waitFor();

    const pdf = smallPdf();
    await section.getByLabel('Kind').selectOption({ label: 'Consent form' });
    await section
      .getByLabel('File to upload')
      .setInputFiles({ name: 'consent.pdf', mimeType: 'application/pdf', buffer: pdf });
    await section.getByRole('button', { name: 'Upload the document' }).click();
    const row = section.getByRole('row', { name: literally('consent.pdf') });
    await row.waitFor();
    expect(await row.getByRole('cell').first().innerText()).toBe('Consent form');
    const listed = await documents();
    expect(listed.map((d) => [d.kind, d.filename, d.mediaType, d.sha256])).toEqual([
      ['consent_form', 'consent.pdf', 'application/pdf', sha256(pdf)],
    ]);
    // The browser's download is byte for byte what was uploaded, and what the API says it holds.
    expect(sha256(await download(page, 'Download consent.pdf'))).toBe(listed[0]!.sha256);

    // The uploaded consent form stands as a consent's evidence.
    const consents = page.getByRole('region', { name: 'Consents' });
    await consents.getByLabel('Granted on').fill('2026-11-30T10:00');
    await consents.getByLabel('Signed consent form (uploaded)').selectOption({ label: 'consent.pdf' });
    await consents.getByRole('button', { name: 'Record the consent' }).click();
    await consents.getByRole('button', { name: 'Revoke' }).waitFor();
    const recorded = (await api('get', `/cases/${caseId}`).expect(200)).body.consents;
    expect(recorded.map((c: { documentId: string }) => c.documentId)).toEqual([listed[0]!.id]);

    // An executable renamed, and random bytes: 415 shown on the file field, nothing stored.
    const keys: string[] = []; // each upload attempt sends its own Idempotency-Key
    for (const [name, bytes] of [
      ['setup.pdf', Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), randomBytes(2048)])],
      ['noise.bin', randomBytes(4096)],
    ] as const) {
      await section.getByLabel('File to upload').setInputFiles({ name, mimeType: 'application/pdf', buffer: bytes });
      const [answer] = await Promise.all([
        page.waitForResponse(
          (res) => res.url().endsWith(`/cases/${caseId}/documents`) && res.request().method() === 'POST',
        ),
        section.getByRole('button', { name: 'Upload the document' }).click(),
      ]);
      expect(answer.status()).toBe(415);
      keys.push(answer.request().headers()['idempotency-key'] ?? '');
      expect(await fieldError(page, section.getByLabel('File to upload'))).toMatch(
        /^This kind of file is not accepted/,
      );
      expect(await section.getByRole('row', { name: literally(name) }).count()).toBe(0);
    }
    expect(keys).toEqual([expect.stringMatching(UUID), expect.stringMatching(UUID)]);
    expect(keys[0]).not.toBe(keys[1]);
    // Over the server's limit: 413, on the file field, nothing stored.
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n', 'latin1'), randomBytes(1_300_000)]);
    await section
      .getByLabel('File to upload')
      .setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: big });
    const [tooBig] = await Promise.all([
      page.waitForResponse(
        (res) => res.url().endsWith(`/cases/${caseId}/documents`) && res.request().method() === 'POST',
      ),
      section.getByRole('button', { name: 'Upload the document' }).click(),
    ]);
    expect(tooBig.status()).toBe(413);
    expect(await fieldError(page, section.getByLabel('File to upload'))).toMatch(
      /^This file is larger than the server accepts/,
    );
    await screenshot(page, 'file-document-refused-en');
    expect((await documents()).length).toBe(1);

    // A letter from the French template: a PDF among the documents, which downloads.
    await section.getByLabel('Letter template').selectOption({ label: "Lettre d'appui (French)" });
    await section.getByRole('button', { name: 'Write the letter (PDF)' }).click();
    await section.getByText('The letter was written and added to the documents.').waitFor();
    const letter = (await documents()).find((d) => d.kind === 'correspondence')!;
    expect(letter.mediaType).toBe('application/pdf');
    expect(letter.title).toBe("Lettre d'appui");
    const letterRow = section.getByRole('row', { name: literally(letter.filename) });
    expect(await letterRow.getByRole('cell').first().innerText()).toBe('Correspondence');
    const letterBytes = await download(page, "Download Lettre d'appui");
    expect(letterBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(sha256(letterBytes)).toBe(letter.sha256);

    // Delete asks first, in a dialog, and keeps a tombstone with the reason.
    await section.getByRole('button', { name: 'Delete consent.pdf' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete consent.pdf?' });
    await dialog.waitFor();
    await checkScreen(page, 'file-document-delete', 'en');
    await dialog.getByLabel('Why delete it').fill('Uploaded to the wrong file');
    await dialog.getByRole('button', { name: 'Delete the document' }).click();
    await row.getByText('Uploaded to the wrong file').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const gone = (await documents()).find((d) => d.filename === 'consent.pdf')!;
    expect(gone.deleted).toBe(true);
    await api('get', `/documents/${gone.id}/content`).expect(404);
    expect(await section.getByRole('link', { name: 'Download consent.pdf' }).count()).toBe(0);
    // Its consent now lacks evidence, and says so.
    await consents.getByText('Its consent form was deleted: record a new consent.').waitFor();

    await checkScreen(page, 'file-documents', 'en');
    await switchLanguage(page, 'fr');
    await page.getByRole('region', { name: 'Documents et lettres' }).waitFor();
    await checkScreen(page, 'file-documents', 'fr');
    expect(errors.filter((e) => !/\b415\b/.test(e))).toEqual([]);
    await context.close();
  }, 240_000);

  it('resolves the file with an outcome, then shares it as a precedent found by a word', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${caseId}`);
    const status = page.getByRole('form', { name: 'Change the status' });
    await status.getByLabel('Status').selectOption({ label: 'Resolved' });
    // Without an outcome the server refuses, and says so on the outcome field.
    await status.getByRole('button', { name: 'Save the status' }).click();
    const outcome = status.getByLabel('Outcome');
    expect(await fieldError(page, outcome)).toMatch(/required/);
    expect((await api('get', `/cases/${caseId}`).expect(200)).body.status).toBe('open');
    await outcome.selectOption({ label: 'Approved' });
    await status.getByRole('button', { name: 'Save the status' }).click();
    await page.getByRole('heading', { name: 'Share as a precedent' }).waitFor();
    const saved = (await api('get', `/cases/${caseId}`).expect(200)).body;
    expect([saved.status, saved.outcome]).toEqual(['resolved', 'approved']);

    // A phone number in the lessons: refused, with the message on that field, nothing shared.
    const share = page.getByRole('region', { name: 'Share as a precedent' });
    await share.getByLabel('Title', { exact: true }).fill('Study permit reconsidered after a fresh acceptance letter');
    await share.getByLabel('What worked').fill('Called the visa office at 613-555-0142 and sent the new letter.');
    await share.getByRole('button', { name: 'Share the precedent' }).click();
    const lessons = share.getByLabel('What worked');
    expect(await fieldError(page, lessons)).toMatch(/phone/i);
    expect(await share.getByLabel('Title', { exact: true }).getAttribute('aria-invalid')).toBeNull();
    await screenshot(page, 'share-precedent-refused-en');
    const before = (await api('get', '/precedents').expect(200)).body.items.length as number;

    expect((await api('get', '/precedents').expect(200)).body.items.length).toBe(before);
    await lessons.fill('A fresh letter of acceptance from the college persuaded the visa officer to reconsider.');
    await share.getByRole('button', { name: 'Share the precedent' }).click();
    await share.getByText('The precedent was shared.').waitFor();
    await share.getByRole('link', { name: 'See the precedents' }).click();
    await page.getByRole('heading', { level: 1, name: 'Precedents' }).waitFor();
    await page.getByLabel('Words to search (English or French)').fill('persuaded');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.waitForURL(/\/precedents\?q=persuaded$/);
    await page.getByRole('heading', { name: 'Study permit reconsidered after a fresh acceptance letter' }).waitFor();
    await page.getByText('1 precedent', { exact: true }).waitFor();
    await checkScreen(page, 'precedents', 'en');
    // A word in no precedent finds none.
    await page.getByLabel('Words to search (English or French)').fill('citizenship');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No precedent found', { exact: true }).waitFor();
    await switchLanguage(page, 'fr');
    await page.getByRole('heading', { level: 1, name: 'Précédents' }).waitFor();
    await checkScreen(page, 'precedents', 'fr');
    expect(errors.filter((e) => !/\b400\b/.test(e))).toEqual([]);
    await context.close();
  }, 240_000);

  it('shows the caseload the API reports for the same range, its CSV, and a channel’s report with “<5”', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { level: 1, name: 'Reports' }).waitFor();
    await page.getByLabel('From').fill('2025-01-01');
    await page.getByLabel('To', { exact: true }).fill('2026-12-31');
    await page.getByLabel('Group by').selectOption({ label: 'Category' });
    await page.getByRole('button', { name: 'Show the reports' }).click();
    await page.waitForURL(/\/reports\?from=2025-01-01&to=2026-12-31&groupBy=category$/);

    const range = { from: '2025-01-01', to: '2026-12-31', groupBy: 'category' };
    const report = (await api('get', '/reports/caseload').query(range).expect(200)).body as {
      groups: { label: string; opened: number; closed: number; open: number }[];
    };
    expect(report.groups.length).toBeGreaterThan(0);
    const office = page.getByRole('table', { name: /^By category/ });
    await office.waitFor();
    const row = (table: typeof office, label: string) =>
      table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) });
    for (const group of report.groups) {
      const cells = await row(office, group.label).getByRole('cell').allInnerTexts();
      expect({ group: group.label, cells: cells.slice(0, 3) }).toEqual({
        group: group.label,
        cells: [group.opened, group.closed, group.open].map(String),
      });
    }
    const csv = await download(page, 'Download CSV');
    const apiCsv = await api('get', '/reports/caseload.csv').query(range).buffer(true).expect(200);
    expect(csv.toString('utf8')).toBe(apiCsv.text);

    const channels = (await api('get', '/channels').expect(200)).body.items as { id: string; name: string }[];
    const channel = channels[0]!;
    const shared = (await api('get', `/channels/${channel.id}/report`).query(range).expect(200)).body as {
      groups: { label: string; opened: number | '<5' }[];
    };
    await page.getByLabel('Channel', { exact: true }).selectOption({ label: channel.name });
    const table = page.getByRole('table', { name: new RegExp(`^${channel.name}, by category`) });
    await table.waitFor();
    for (const group of shared.groups) {
      const cells = await row(table, group.label).getByRole('cell').allInnerTexts();
      expect({ group: group.label, opened: cells[0] }).toEqual({ group: group.label, opened: String(group.opened) });
    }
    expect(shared.groups.some((group) => group.opened === '<5')).toBe(true);
    expect(await table.getAttribute('aria-describedby')).toBe('small-groups');
    await page.getByText('“<5” means fewer than 5 files', { exact: false }).waitFor();
    await checkScreen(page, 'reports', 'en');
    await switchLanguage(page, 'fr');
    await page.getByRole('table', { name: /^Par catégorie/ }).waitFor();
    await checkScreen(page, 'reports', 'fr');
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
