export const CATEGORIES = [
  'immigration',
  'employment_insurance',
  'pensions',
  'passport',
  'taxation',
  'veterans',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

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
export type ImmigrationType = (typeof IMMIGRATION_TYPES)[number];

export const URGENCIES = ['routine', 'priority', 'emergency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const COMPLEXITIES = ['simple', 'complex'] as const;
export type Complexity = (typeof COMPLEXITIES)[number];

export const STATUSES = ['open', 'awaiting_ircc', 'escalated', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof STATUSES)[number];

/** Which status may follow which. A closed file stays closed; a resolved one may reopen. */
export const TRANSITIONS: Record<CaseStatus, readonly CaseStatus[]> = {
  open: ['awaiting_ircc', 'escalated', 'resolved', 'closed'],
  awaiting_ircc: ['open', 'escalated', 'resolved', 'closed'],
  escalated: ['open', 'awaiting_ircc', 'resolved', 'closed'],
  resolved: ['open', 'closed'],
  closed: [],
};

export const CONSENT_SCOPES = ['share_with_offices'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** How a resolved or closed file ended: required to resolve or close it. */
export const OUTCOMES = ['approved', 'refused', 'withdrawn', 'referred', 'no_action', 'other'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const DONE_STATUSES: readonly CaseStatus[] = ['resolved', 'closed'];

const doneList = DONE_STATUSES.map((status) => `'${status}'`).join(', ');
/**
 * "An open file" in SQL, one definition for every query over `cases`; the form matches the
 * partial indexes' predicate (NOT IN), so the planner can use them.
 */
export const openFileSql = (alias: string) => `${alias}.status NOT IN (${doneList})`;
/** "A resolved or closed file" in SQL. */
export const doneFileSql = (alias: string) => `${alias}.status IN (${doneList})`;
