/**
 * Does a text shared beyond the office look like personal data? Pure: no I/O, unit-tested.
 * It refuses identifiers and contact details of any constituent (UCI, application numbers,
 * e-mail addresses, personal phone numbers, a date next to "born"/"DOB"), and the file's own
 * constituent's name, name parts and date of birth in any common spelling. It must not refuse
 * the ordinary vocabulary of casework: "section 25 H&C", "IMM 5476", policy dates such as
 * "2024-01-22" or "2023-2024", toll-free numbers of government call centres.
 */

export type PersonalDataKind = 'uci' | 'application_number' | 'email' | 'phone' | 'constituent_name' | 'date_of_birth';

export interface KnownConstituent {
  fullName?: string;
  dateOfBirth?: string;
  email?: string;
  phone?: string;
  uci?: string;
  applicationNumber?: string;
}

export const PERSONAL_DATA_MESSAGES: Record<PersonalDataKind, string> = {
  uci: 'looks like a UCI (Unique Client Identifier)',
  application_number: 'looks like an IRCC application number',
  email: 'looks like an e-mail address',
  phone: 'looks like a phone number',
  constituent_name: "contains the file's constituent's name",
  date_of_birth: 'looks like a date of birth',
};

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

// Bounded repeats (RFC 5321 lengths), so a long text without an address is read in linear time.
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,24}(?![\p{L}])/u;
// IRCC prints a UCI as 0000-0000 or 00-0000-0000; written with spaces or nothing between too.
const UCI = /(?<![\d-])(?:\d{2}[- ]?\d{4}[- ]?\d{4}|\d{4}[- ]?\d{4})(?![\d-])/g;
// Application (file) numbers: one or two letters then 6 to 10 digits (E001234567, W308811223, PA000123456).
const APPLICATION_NUMBER = /(?<![\p{L}\d])[A-Za-z]{1,2}[- ]?\d{6,10}(?!\d)/u;
// North American numbers: 613 555 0142, (613) 555-0142, +1 613.555.0142, 1-613-555-0142.
const PHONE = /(?<![\d])(?:\+?1[\s.-]?)?\(?([2-9]\d{2})\)?[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g;
// Outside North America: a + then at least 8 digits, however grouped.
const INTERNATIONAL_PHONE = /\+[2-9]\d?\d?(?:[\s.()-]{0,2}\d){7,14}(?!\d)/;
const TOLL_FREE = new Set(['800', '833', '844', '855', '866', '877', '888']);
const YEAR_RANGE = /^(19|20)\d\d[- ](19|20)\d\d$/;
// A date right after "born", "DOB", "né(e) le"…: a date of birth, whoever's it is.
const BIRTH_WORDS =
  /\b(born(?: on| in)?|date of birth|birth ?date|d\.?o\.?b\.?|birthday|nee? le|date de naissance)\s*:?\s*(\d{1,4}[-/. ]\d{1,2}[-/. ]\d{1,4}|\d{1,2}(?:er)? [a-z]+ \d{4}|[a-z]+ \d{1,2},? \d{4})/;

// Particles and short words that are part of many names but say nothing on their own.
const NAME_PARTICLES = new Set([
  'de',
  'del',
  'della',
  'der',
  'des',
  'di',
  'do',
  'dos',
  'du',
  'da',
  'das',
  'el',
  'al',
  'la',
  'le',
  'les',
  'van',
  'von',
  'den',
  'ter',
  'ten',
  'bin',
  'ben',
  'bint',
  'ibn',
  'abu',
  'st',
  'ste',
  'saint',
  'sainte',
  'mc',
  'mac',
  'y',
  'e',
  'and',
  'et',
  'jr',
  'sr',
  'ii',
  'iii',
  'mr',
  'mrs',
  'ms',
  'dr',
  'mme',
  'm',
]);

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const MONTHS_FR = [
  'janvier',
  'fevrier',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'aout',
  'septembre',
  'octobre',
  'novembre',
  'decembre',
];

const digits = (text: string) => text.replace(/\D/g, '');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first kind of personal data found in `text`, or null. */
export function findPersonalData(text: string, constituent: KnownConstituent = {}): PersonalDataKind | null {
  const folded = fold(text);
  if (text.includes('@') && EMAIL.test(text)) return 'email';
  if (mentionsName(folded, constituent.fullName)) return 'constituent_name';
  if (mentionsBirthDate(folded, constituent.dateOfBirth)) return 'date_of_birth';
  const known = knownIdentifier(text, constituent);
  if (known) return known;
  for (const match of text.matchAll(UCI)) {
    if (!YEAR_RANGE.test(match[0])) return 'uci';
  }
  if (APPLICATION_NUMBER.test(text)) return 'application_number';
  for (const match of text.matchAll(PHONE)) {
    if (!TOLL_FREE.has(match[1])) return 'phone';
  }
  return INTERNATIONAL_PHONE.test(text) ? 'phone' : null;
}

/** The file's own identifiers, in whatever format they were typed. */
function knownIdentifier(text: string, constituent: KnownConstituent): PersonalDataKind | null {
  const textDigits = digits(text);
  const has = (value: string | undefined) => {
    const wanted = digits(value ?? '');
    return wanted.length >= 7 && textDigits.includes(wanted);
  };
  if (has(constituent.uci)) return 'uci';
  if (has(constituent.phone)) return 'phone';
  const application = constituent.applicationNumber?.replace(/[-\s]/g, '').toLowerCase();
  if (application && application.length >= 5 && text.replace(/[-\s]/g, '').toLowerCase().includes(application)) {
    return 'application_number';
  }
  return null;
}

function mentionsName(folded: string, fullName: string | undefined): boolean {
  if (!fullName) return false;
  const parts = fold(fullName)
    .split(/[\s\-'’.,]+/u)
    .filter((part) => part.length >= 2 && !NAME_PARTICLES.has(part));
  return parts.some((part) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`, 'u').test(folded));
}

function mentionsBirthDate(folded: string, dateOfBirth: string | undefined): boolean {
  if (BIRTH_WORDS.test(folded)) return true;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOfBirth ?? '');
  if (!match) return false;
  const [, y, m, d] = match;
  const month = Number(m);
  const day = Number(d);
  const spellings = [
    `${y}-${m}-${d}`,
    `${y}/${m}/${d}`,
    `${y}${m}${d}`,
    `${d}/${m}/${y}`,
    `${m}/${d}/${y}`,
    `${day}/${month}/${y}`,
    `${month}/${day}/${y}`,
    `${d}-${m}-${y}`,
    `${d}.${m}.${y}`,
    `${MONTHS_EN[month - 1]} ${day}, ${y}`,
    `${MONTHS_EN[month - 1]} ${day} ${y}`,
    `${day} ${MONTHS_EN[month - 1]} ${y}`,
    `${day} ${MONTHS_FR[month - 1]} ${y}`,
    `${day === 1 ? '1er' : day} ${MONTHS_FR[month - 1]} ${y}`,
  ];
  const spaced = folded.replace(/\s+/g, ' ');
  return spellings.some((spelling) => spaced.includes(spelling));
}
