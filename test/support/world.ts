import { randomBytes } from 'node:crypto';
import { ADMIN, PASSWORD, type TestApp } from './test-app.js';

export interface Member {
  id: string;
  email: string;
  role: 'assistant' | 'office_lead' | 'admin';
  officeId: string | null;
  token: string;
  refreshToken: string;
}

const API = '/api/v1';
const unique = () => randomBytes(4).toString('hex');

/**
 * Builds parties, offices and members through the public API, as an admin and office
 * leads would. Every name is unique, so tests in one file never collide.
 */
export class World {
  private adminSession?: Member;

  constructor(private readonly t: TestApp) {}

  async admin(): Promise<Member> {
    this.adminSession ??= await this.login(ADMIN.email, ADMIN.password);
    return this.adminSession;
  }

  async login(email: string, password = PASSWORD): Promise<Member> {
    const res = await this.t.http().post(`${API}/auth/login`).send({ email, password }).expect(200);
    const body = res.body as { accessToken: string; refreshToken: string; user: Omit<Member, 'token'> };
    return { ...body.user, token: body.accessToken, refreshToken: body.refreshToken };
  }

  async party(name = `Party ${unique()}`): Promise<{ id: string; name: string }> {
    const admin = await this.admin();
    const res = await this.t
      .http()
      .post(`${API}/parties`)
      .auth(admin.token, { type: 'bearer' })
      .send({ name, shortName: name.slice(-8) })
      .expect(201);
    return res.body as { id: string; name: string };
  }

  async office(partyId: string | null, extra: Record<string, unknown> = {}): Promise<{ id: string; code: string }> {
    const admin = await this.admin();
    const code = `T${unique()}`;
    const res = await this.t
      .http()
      .post(`${API}/offices`)
      .auth(admin.token, { type: 'bearer' })
      .send({
        code,
        name: `Riding ${code}`,
        nameFr: `Circonscription ${code}`,
        province: 'ON',
        level: 'federal',
        partyId,
        ...extra,
      })
      .expect(201);
    return res.body as { id: string; code: string };
  }

  /** Adds a member (as the admin), who accepts the invitation with PASSWORD, and signs them in. */
  async member(officeId: string, role: 'assistant' | 'office_lead' = 'assistant', languages = ['en']): Promise<Member> {
    const admin = await this.admin();
    const email = `${role}.${unique()}@test.riding-relay.ca`;
    const res = await this.t
      .http()
      .post(`${API}/offices/${officeId}/members`)
      .auth(admin.token, { type: 'bearer' })
      .send({ email, displayName: `Member ${email}`, role, languages })
      .expect(201);
    await this.acceptInvitation((res.body as { invitation: { token: string } }).invitation.token);
    return this.login(email);
  }

  /** Sets the invited member's password (PASSWORD unless told); answers the new session. */
  async acceptInvitation(token: string, password = PASSWORD): Promise<Member> {
    const res = await this.t.http().post(`${API}/auth/invitations/accept`).send({ token, password }).expect(200);
    const body = res.body as { accessToken: string; refreshToken: string; user: Omit<Member, 'token'> };
    return { ...body.user, token: body.accessToken, refreshToken: body.refreshToken };
  }
}

/** A case body with a constituent whose details tests can search for. */
export function caseBody(overrides: Record<string, unknown> = {}) {
  return {
    category: 'immigration',
    immigrationType: 'study_permit',
    summary: 'Study permit refused; applicant asks for a review',
    urgency: 'priority',
    complexity: 'complex',
    languages: ['en'],
    constituent: {
      fullName: 'Zebulon Quixotic-Marchetti',
      dateOfBirth: '1990-02-14',
      email: 'zebulon.quixotic@example.org',
      phone: '+1 613 555 0142',
      uci: '9876-5432',
      applicationNumber: 'W308811223',
    },
    ...overrides,
  };
}

export const CONSTITUENT_SECRETS = [
  'Zebulon',
  'Quixotic',
  '1990-02-14',
  'zebulon.quixotic@example.org',
  '555 0142',
  '9876-5432',
  'W308811223',
];
