import type { components } from '../api/schema';
// The contract's enumerations, in the order the console offers them.
export const CATEGORIES = [
  'immigration',
  'employment_insurance',
  'pensions',
  'passport',
  'taxation',
  'veterans',
  'other',
] as const;
export const IMMIGRATION_TYPES = [
  'study_permit',
  'family_reunification',
  'permanent_residence',
  'temporary_resident_visa',
  'work_permit',
  'temporary_resident_permit',
  'economic_immigration',
  'provincial_programs',
  'humanitarian_compassionate',
  'international_adoption',
  'stay_of_removal',
  'asylum',
  'private_refugee_sponsorship',
  'remedies',
  'citizenship',
  'other',
] as const;
export const URGENCIES = ['emergency', 'priority', 'routine'] as const;
export const COMPLEXITIES = ['simple', 'complex'] as const;
export const STATUSES = ['open', 'awaiting_ircc', 'escalated', 'resolved', 'closed'] as const;
export const OPEN_STATUSES: readonly string[] = ['open', 'awaiting_ircc', 'escalated'];
export const SEVERITIES = ['info', 'important', 'urgent'] as const;
export const OUTCOMES = ['approved', 'refused', 'withdrawn', 'referred', 'no_action', 'other'] as const;
export const DONE_STATUSES: readonly string[] = ['resolved', 'closed'];
export const DOCUMENT_KINDS = [
  'consent_form',
  'ircc_letter',
  'identity',
  'evidence',
  'correspondence',
  'other',
] as const;
export const GROUP_BYS = ['category', 'immigrationType', 'urgency', 'outcome', 'month'] as const;
export const INTERACTION_KINDS = [
  'call',
  'email',
  'visit',
  'letter',
  'ircc_enquiry',
  'ircc_reply',
  'mcmps_appointment',
] as const;
export const DIRECTIONS = ['outbound', 'inbound'] as const;

// Each list is the server's own enumeration, in the console's order: the OpenAPI document's
// types say so at compile time, so a value added or renamed on the server fails `tsc` here
// rather than missing from a select.
type Schemas = components['schemas'];
type Exactly<List extends readonly string[], Union extends string> = [Exclude<Union, List[number]>] extends [never]
  ? [Exclude<List[number], Union>] extends [never]
    ? true
    : { extraInTheConsole: Exclude<List[number], Union> }
  : { missingFromTheConsole: Exclude<Union, List[number]> };
export const ENUMS_MATCH_THE_SERVER: [
  Exactly<typeof CATEGORIES, Schemas['CreateCaseDto']['category']>,
  Exactly<typeof IMMIGRATION_TYPES, NonNullable<Schemas['CreateCaseDto']['immigrationType']>>,
  Exactly<typeof URGENCIES, Schemas['CreateCaseDto']['urgency']>,
  Exactly<typeof COMPLEXITIES, Schemas['CreateCaseDto']['complexity']>,
  Exactly<typeof STATUSES, Schemas['CaseDto']['status']>,
  Exactly<typeof SEVERITIES, Schemas['PostAlertDto']['severity']>,
  Exactly<typeof OUTCOMES, NonNullable<Schemas['UpdateCaseDto']['outcome']>>,
  Exactly<typeof DOCUMENT_KINDS, Schemas['UploadDocumentDto']['kind']>,
  Exactly<typeof GROUP_BYS, Schemas['CaseloadReportDto']['groupBy']>,
  Exactly<typeof INTERACTION_KINDS, Schemas['CreateInteractionDto']['kind']>,
  Exactly<typeof DIRECTIONS, Schemas['CreateInteractionDto']['direction']>,
] = [true, true, true, true, true, true, true, true, true, true, true];
