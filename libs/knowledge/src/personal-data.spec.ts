import { describe, expect, it } from '@jest/globals';
import { findPersonalData } from './personal-data.js';

const constituent = {
  fullName: 'Amélie Dubois-Tremblay',
  dateOfBirth: '1988-07-03',
  email: 'amelie@example.org',
  phone: '+1 819 555 0177',
  uci: '12-3456-7890',
  applicationNumber: 'E001234567',
};

describe('findPersonalData', () => {
  it.each([
    ['uci', 'Her UCI is 1234-5678, check GCMS'],
    ['uci', 'UCI 12-3456-7890 in the notes'],
    ['uci', 'client 12345678 waited'],
    ['uci', 'the file 1234567890 was reopened'.replace('1234567890', '12 3456 7890')],
    ['application_number', 'Application W308811223 was refused'],
    ['application_number', 'See PA000123456 for the sponsorship'],
    ['email', 'Write to someone.else@example.com for updates'],
    ['email', 'courriel : josé.martin@exemple.ca'],
    ['phone', 'Call her at (613) 555-0142'],
    ['phone', 'cell 613.555.0142 evenings'],
    ['phone', 'Tel +1 613 555 0142'],
    ['phone', 'son numéro : +33 1 42 68 53 00'],
    ['constituent_name', 'Amélie called twice'],
    ['constituent_name', 'Mme DUBOIS was relieved'],
    ['constituent_name', 'the Tremblay family'],
    ['constituent_name', 'amelie asked again'],
    ['date_of_birth', 'born 1988-07-03'],
    ['date_of_birth', 'DOB: 03/07/1988'],
    ['date_of_birth', 'née le 3 juillet 1988'],
    ['date_of_birth', 'her birthday, July 3, 1988, matters'.replace('birthday, ', '')],
    ['date_of_birth', 'Born on 12 March 1975 in Lagos'],
    ['uci', 'her identifier 12-3456-7890'],
    ['phone', 'reach her on 819 555 0177'],
    ['application_number', 'file e001234567'],
  ])('refuses %s in %j', (kind, text) => {
    expect(findPersonalData(text, constituent)).toBe(kind);
  });

  it.each([
    'Section 25 H&C applications succeed with a strong establishment letter',
    'Ask for IMM 5476 (Use of a Representative) before calling the MCMPS line',
    'Since the 2024-01-22 cap on study permits, provincial attestation letters are required',
    'Policy in effect 2023-2024; the 2025-2026 levels plan changes this',
    'The public policy of 15 January 2024 extended open work permits',
    'IRCC call centre 1-888-242-2100 is slower than the MCMPS web form',
    'Processing times were 120 days in Q3 2024; 45 days in Vegreville',
    'Form IMM 1344 and IMM 5532 both needed; fee $1,085',
    'Un permis d’études refusé : la lettre d’acceptation corrigée a suffi.',
    'Bill C-71 changed citizenship by descent on 2025-11-20',
    'De la part du bureau : merci',
  ])('does not refuse %j', (text) => {
    expect(findPersonalData(text, constituent)).toBeNull();
  });

  it('ignores name particles but not the name', () => {
    const who = { fullName: 'Jean de la Fontaine' };
    expect(findPersonalData('De la part du bureau de circonscription', who)).toBeNull();
    expect(findPersonalData('Fontaine avait raison', who)).toBe('constituent_name');
    expect(findPersonalData('JEAN avait raison', who)).toBe('constituent_name');
  });

  it("finds the file's own identifiers however they are typed", () => {
    expect(findPersonalData('ref 1234 5678 90', constituent)).toBe('uci');
    expect(findPersonalData('application e-001234567', constituent)).toBe('application_number');
  });
});
