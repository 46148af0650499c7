import type { Member, World } from './world.js';

/**
 * The callers of the office matrices (authorization.e2e-spec.ts, casework-authorization):
 * offices A and B belong to party P, C to party Q.
 *   none        no Authorization header
 *   forged      a token of A's assistant with a forged signature
 *   owner       an assistant of A, who opens every case file under test
 *   colleague   another assistant of A
 *   sameParty   an assistant of B (same party; the home office of a home case)
 *   otherParty  an assistant of C
 *   lead        the office lead of A
 *   admin       the directory admin (no office: 403 office_required on office routes)
 */
export const OFFICE_PERSONAS = [
  'none',
  'forged',
  'owner',
  'colleague',
  'sameParty',
  'otherParty',
  'lead',
  'admin',
] as const;
export type OfficePersona = (typeof OFFICE_PERSONAS)[number];
export type SignedInPersona = Exclude<OfficePersona, 'none' | 'forged'>;

export interface OfficeCast {
  partyP: string;
  offices: { A: string; B: string; C: string };
  members: Record<SignedInPersona, Member>;
  forgedToken: string;
}

/** Makes the parties, offices and signed-in members of the office matrices. */
export async function castOfficePersonas(world: World): Promise<OfficeCast> {
  const partyP = (await world.party()).id;
  const partyQ = (await world.party()).id;
  const offices = {
    A: (await world.office(partyP)).id,
    B: (await world.office(partyP)).id,
    C: (await world.office(partyQ)).id,
  };
  const members: Record<SignedInPersona, Member> = {
    owner: await world.member(offices.A),
    colleague: await world.member(offices.A),
    lead: await world.member(offices.A, 'office_lead'),
    sameParty: await world.member(offices.B),
    otherParty: await world.member(offices.C),
    admin: await world.admin(),
  };
  const [header, payload] = members.owner.token.split('.');
  const forgedToken = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
  return { partyP, offices, members, forgedToken };
}
