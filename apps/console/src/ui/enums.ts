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
