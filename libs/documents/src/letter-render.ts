import Mustache from 'mustache';
import { AppError } from '@relay/platform';

/** The only fields a letter template may name (the public contract). */
export const LETTER_FIELDS = [
  'constituent.fullName',
  'constituent.uci',
  'constituent.applicationNumber',
  'case.reference',
  'office.name',
  'office.nameFr',
  'mp.name',
  'today',
] as const;

export interface LetterData {
  constituent: { fullName: string; uci: string; applicationNumber: string };
  case: { reference: string };
  office: { name: string; nameFr: string };
  mp: { name: string };
  today: string;
}

type Token = [string, string, number, number, Token[]?];

/**
 * Refuses, at save time, anything but text and the contract's fields: logic-less means no
 * sections, inverted sections, partials or delimiter changes; a misspelt field is a 400
 * now rather than a blank in a letter later.
 */
export function checkTemplate(body: string): void {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(body) as Token[];
  } catch (error) {
    throw AppError.invalid(
      'body',
      `is not a valid template: ${error instanceof Error ? error.message : 'parse error'}`,
    );
  }
  for (const [type, value] of tokens) {
    if (type === 'text' || type === '!') continue;
    if (type !== 'name' && type !== '&') {
      throw AppError.invalid('body', `may only use fields, not {{${type}${value}}}: templates are logic-less`);
    }
    if (!(LETTER_FIELDS as readonly string[]).includes(value)) {
      throw AppError.invalid('body', `names an unknown field {{${value}}}; allowed: ${LETTER_FIELDS.join(', ')}`);
    }
  }
}

/** `today` written out in the letter's language, e.g. "December 1, 2026" or "1 décembre 2026". */
export function longDate(language: 'en' | 'fr', date = new Date()): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-CA' : 'en-CA', {
    dateStyle: 'long',
    timeZone: 'America/Toronto',
  }).format(date);
}

/** The template filled in as plain text: a PDF needs no HTML escaping. */
export function fillTemplate(body: string, data: LetterData): string {
  return Mustache.render(body, data, {}, { escape: (value: string) => value });
}

/**
 * The letter as a PDF on the office's letterhead. Helvetica is one of the PDF standard
 * fonts shipped inside pdfkit (no download at run time); its WinAnsi encoding covers
 * French (é, è, à, ç, ô, œ, « »).
 */
export async function renderLetterPdf(language: 'en' | 'fr', data: LetterData, text: string): Promise<Buffer> {
  // Loaded on the first letter: pdfkit takes seconds to import on a busy machine.
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'LETTER',
      margin: 72,
      lang: language === 'fr' ? 'fr-CA' : 'en-CA',
      info: { Title: data.case.reference, Creator: 'Riding Relay' },
    });
    const parts: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => parts.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    const officeName = language === 'fr' ? data.office.nameFr : data.office.name;
    doc
      .font('Helvetica-Bold')
      .fontSize(13)
      .text(data.mp.name || officeName);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(language === 'fr' ? `Bureau de circonscription — ${officeName}` : `Constituency office — ${officeName}`);
    doc.moveDown(0.5).text(data.today).moveDown(0.5);
    doc.text(language === 'fr' ? `Dossier : ${data.case.reference}` : `File: ${data.case.reference}`);
    doc.moveDown(1.5).fontSize(11).text(text, { align: 'left', lineGap: 2 });
    doc.end();
  });
}
