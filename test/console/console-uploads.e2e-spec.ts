import { crc32, deflateSync } from 'node:zlib';
import type { Locator, Page } from 'playwright-core';
import {
  apiToken,
  checkScreen,
  NEPEAN,
  openPage,
  screenshot,
  signIn,
  smallPdf,
  consoleSession,
  switchLanguage,
} from './browser.js';

/** A 24×16 PNG, one colour, made here (CRCs by zlib's crc32). */
function smallPng(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'latin1'), data])));
    return Buffer.concat([length, Buffer.from(type, 'latin1'), data, crc]);
  };
  const [width, height] = [24, 16];
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x4f)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/**
 * Drops `bytes` as a file named `name` on `zone` the way a browser does: a DataTransfer built
 * in the page, carried by dragenter, dragover and drop events.
 */
async function drop(zone: Locator, name: string, type: string, bytes: Buffer) {
  await zone.evaluate((element, file) => ((globalThis as Record<string, unknown>).dropping = { element, ...file }), {
    name,
    type,
    base64: bytes.toString('base64'),
  });
  await zone.page().evaluate(`(() => {
    const { element, name, type, base64 } = window.dropping;
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type }));
    for (const event of ['dragenter', 'dragover', 'drop'])
      element.dispatchEvent(new DragEvent(event, { bubbles: true, cancelable: true, dataTransfer: data }));
  })()`);
}

/** Whether `locator` holds the page's focus. */
const focused = async (locator: Locator) => {
  await locator.evaluate((element) => ((globalThis as Record<string, unknown>).checking = element));
  return (await locator.page().evaluate('window.checking === document.activeElement')) as boolean;
};

describe('console: documents dropped with progress, and previewed', () => {
  const session = consoleSession();
  let token: string;
  let caseId: string;
  const documents = async () =>
    (
      await session.app
        .http()
        .get(`/api/v1/cases/${caseId}/documents`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200)
    ).body.items as { id: string; kind: string; filename: string; title: string | null; mediaType: string }[];

  beforeAll(async () => {
    token = await apiToken(session.app, NEPEAN);
    const created = await session.app
      .http()
      .post('/api/v1/cases')
      .set('Authorization', `Bearer ${token}`)
      .send({
        category: 'immigration',
        immigrationType: 'temporary_resident_visa',
        summary: 'Visitor visa refused; the family asks for a reconsideration',
        urgency: 'routine',
        complexity: 'simple',
        languages: ['en'],
        constituent: { fullName: 'Lucía Fernández', phone: '613-555-0199' },
      })
      .expect(201);
    caseId = created.body.id;
  });

  /** Opens a document's preview; answers the dialog. */
  async function preview(page: Page, section: Locator, name: string, title: string) {
    await section.getByRole('button', { name: `${title} ${name}`, exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    return dialog;
  }

  it('uploads a dropped PDF with its progress, previews a PNG and a PDF, and has no preview for text', async () => {
    const { page, context, errors } = await openPage(session.browser, session.app.baseUrl);
    await signIn(page, NEPEAN);
    await page.goto(`/files/${caseId}`);
    const section = page.getByRole('region', { name: 'Documents and letters' });
    await section.getByText('No document yet.').waitFor();

    // A PDF of a few megabytes dropped on the zone: the kind and title above go with it.
    await section.getByLabel('Kind').selectOption({ label: 'IRCC letter' });
    await section.getByLabel('Title (optional)').fill('Refusal letter');
    // Every value the progress bar shows, as it shows it.
    await page.evaluate(`(() => {
      const seen = (window.progressSeen = []);
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) seen.push(bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    })()`);
    const zone = section.getByRole('group', { name: /^Drop a file here to upload it as described above/ });
    await zone.getByLabel('File to upload').waitFor(); // the keyboard way is inside the zone
    const pdf = Buffer.concat([smallPdf(), Buffer.alloc(3_000_000, 0x20)]);
    await drop(zone, 'refusal.pdf', 'application/pdf', pdf);
    const progress = section.getByRole('progressbar', { name: 'Upload progress' });
    await section.getByRole('status').filter({ hasText: '100% sent' }).waitFor();
    expect(await progress.getAttribute('value')).toBe('100');
    const seen = (await page.evaluate('window.progressSeen')) as number[];
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // it only ever moves forward
    await section.getByText('The document was added.').waitFor();
    await section.getByRole('rowheader', { name: /^Refusal letter/ }).waitFor();
    expect((await documents()).map((d) => [d.kind, d.title, d.filename, d.mediaType])).toEqual([
      ['ircc_letter', 'Refusal letter', 'refusal.pdf', 'application/pdf'],
    ]);
    await screenshot(page, 'file-document-dropped-en');

    // The keyboard way, the file input inside the zone: a PNG, then a text note.
    await section.getByLabel('Kind').selectOption({ label: 'Evidence' });
    await section
      .getByLabel('File to upload')
      .setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: smallPng() });
    await section.getByRole('button', { name: 'Upload the document' }).click();
    await section.getByRole('rowheader', { name: /^passport\.png/ }).waitFor();
    await section
      .getByLabel('File to upload')
      .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('Called IRCC on Monday.\n') });
    await section.getByRole('button', { name: 'Upload the document' }).click();
    await section.getByRole('rowheader', { name: /^notes\.txt/ }).waitFor();
    expect(await section.getByRole('button', { name: 'Preview notes.txt' }).count()).toBe(0);
    await section.getByRole('link', { name: 'Download notes.txt' }).waitFor();

    // The PNG in a dialog: an image the browser decoded, through a blob: URL.
    const pngButton = section.getByRole('button', { name: 'Preview passport.png', exact: true });
    let dialog = await preview(page, section, 'passport.png', 'Preview');
    expect(await dialog.getByRole('heading').innerText()).toBe('Preview: passport.png');
    const image = dialog.getByRole('img', { name: 'Preview of the document passport.png' });
    await image.waitFor();
    await page.waitForFunction("document.querySelector('dialog[open] img')?.complete");
    expect(
      await page.evaluate(
        "(({ naturalWidth, naturalHeight }) => [naturalWidth, naturalHeight])(document.querySelector('dialog[open] img'))",
      ),
    ).toEqual([24, 16]);
    expect(await image.getAttribute('src')).toMatch(/^blob:/);
    await checkScreen(page, 'file-document-preview-image', 'en');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(pngButton)).toBe(true);

    // The PDF in a frame, through a blob: URL the content security policy lets through.
    const pdfButton = section.getByRole('button', { name: 'Preview Refusal letter', exact: true });
    dialog = await preview(page, section, 'Refusal letter', 'Preview');
    const frame = dialog.locator('iframe[title="Refusal letter"]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await checkScreen(page, 'file-document-preview-pdf', 'en', false);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(pdfButton)).toBe(true);

    // In French too.
    await switchLanguage(page, 'fr');
    const sectionFr = page.getByRole('region', { name: 'Documents et lettres' });
    await sectionFr.getByText('Déposez un fichier ici').waitFor();
    dialog = await preview(page, sectionFr, 'passport.png', 'Aperçu de');
    await dialog.getByRole('img', { name: 'Aperçu du document passport.png' }).waitFor();
    await checkScreen(page, 'file-document-preview-image', 'fr');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    dialog = await preview(page, sectionFr, 'Refusal letter', 'Aperçu de');
    await dialog.locator('iframe').waitFor();
    await checkScreen(page, 'file-document-preview-pdf', 'fr', false);
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await focused(sectionFr.getByRole('button', { name: 'Aperçu de Refusal letter' }))).toBe(true);
    await checkScreen(page, 'file-documents-drop', 'fr', false); // the PDF viewer's network lingers
    // No content security policy refusal, nor any other error, on the way.
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
