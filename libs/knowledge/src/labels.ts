import type { Category, ImmigrationType, Outcome, Urgency } from '@relay/cases';

export type Language = 'en' | 'fr';

const CATEGORY: Record<Category, [string, string]> = {
  immigration: ['Immigration', 'Immigration'],
  employment_insurance: ['Employment Insurance', 'Assurance-emploi'],
  pensions: ['Pensions', 'Pensions'],
  passport: ['Passport', 'Passeport'],
  taxation: ['Taxation', 'Impôt'],
  veterans: ['Veterans', 'Anciens combattants'],
  other: ['Other', 'Autre'],
};

const IMMIGRATION_TYPE: Record<ImmigrationType, [string, string]> = {
  study_permit: ['Study permit', "Permis d'études"],
  family_reunification: ['Family reunification', 'Réunification familiale'],
  permanent_residence: ['Permanent residence', 'Résidence permanente'],
  temporary_resident_visa: ['Temporary resident visa', 'Visa de résident temporaire'],
  work_permit: ['Work permit', 'Permis de travail'],
  temporary_resident_permit: ['Temporary resident permit', 'Permis de séjour temporaire'],
  economic_immigration: ['Economic immigration', 'Immigration économique'],
  provincial_programs: ['Provincial programs', 'Programmes provinciaux'],
  humanitarian_compassionate: ['Humanitarian and compassionate', 'Considérations d’ordre humanitaire'],
  international_adoption: ['International adoption', 'Adoption internationale'],
  stay_of_removal: ['Stay of removal', 'Sursis au renvoi'],
  asylum: ['Asylum', 'Asile'],
  private_refugee_sponsorship: ['Private refugee sponsorship', 'Parrainage privé de réfugiés'],
  remedies: ['Remedies', 'Recours'],
  citizenship: ['Citizenship', 'Citoyenneté'],
  other: ['Other', 'Autre'],
};

const URGENCY: Record<Urgency, [string, string]> = {
  routine: ['Routine', 'Courant'],
  priority: ['Priority', 'Prioritaire'],
  emergency: ['Emergency', 'Urgence'],
};

const OUTCOME: Record<Outcome, [string, string]> = {
  approved: ['Approved', 'Approuvé'],
  refused: ['Refused', 'Refusé'],
  withdrawn: ['Withdrawn', 'Retiré'],
  referred: ['Referred', 'Renvoyé ailleurs'],
  no_action: ['No action', 'Aucune suite'],
  other: ['Other', 'Autre'],
};

const NONE: [string, string] = ['None', 'Aucun'];

export type GroupBy = 'category' | 'immigrationType' | 'urgency' | 'outcome' | 'month';

/** A group's name for people, in English or French ("février 2026", "Réunification familiale"). */
export function groupLabel(groupBy: GroupBy, key: string | null, language: Language): string {
  const i = language === 'fr' ? 1 : 0;
  if (key === null) return NONE[i];
  switch (groupBy) {
    case 'category':
      return (CATEGORY[key as Category] ?? [key, key])[i];
    case 'immigrationType':
      return (IMMIGRATION_TYPE[key as ImmigrationType] ?? [key, key])[i];
    case 'urgency':
      return (URGENCY[key as Urgency] ?? [key, key])[i];
    case 'outcome':
      return (OUTCOME[key as Outcome] ?? [key, key])[i];
    case 'month':
      return new Date(`${key}-01T00:00:00Z`).toLocaleDateString(language === 'fr' ? 'fr-CA' : 'en-CA', {
        month: 'long',
        year: 'numeric',
        timeZone: 'UTC',
      });
  }
}
