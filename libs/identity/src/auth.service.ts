import { Injectable } from '@nestjs/common';
import { type Actor, AppError, TransactionRunner } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { PasswordHasher } from './password-hasher.js';
import { SessionCache } from './session-cache.js';
import { SessionEnds } from './session-ends.js';
import { TokenService } from './token.service.js';
import { UsersRepository } from './users.repository.js';
import { InvitationsRepository } from './invitations.repository.js';
import { toUserView, UserEntity } from './user.entity.js';

const invitationRefused = () =>
  new AppError('invalid_credentials', 'The invitation is unknown, used, expired or its account inactive');

const actorOf = (user: UserEntity, sessionId: string): Actor => ({
  userId: user.id,
  role: user.role,
  officeId: user.officeId,
  sessionId,
});

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly sessions: SessionCache,
    private readonly sessionEnds: SessionEnds,
    private readonly invitations: InvitationsRepository,
  ) {}

  /** Used by the passport-local strategy. The same answer for unknown e-mail and wrong password. */
  async checkPassword(email: string, password: string): Promise<UserEntity> {
    const user = await this.users.findForLogin(email);
    const ok = await this.hasher.verify(user?.passwordHash, password);
    if (!user || !ok || !user.active) {
      throw new AppError('invalid_credentials', 'E-mail or password is wrong, or the account is inactive');
    }
    return user;
  }

  async login(user: UserEntity) {
    return this.transactions.run(async (tx) => {
      const { sessionId, tokens } = await this.tokens.startSession(tx, user);
      this.audit.record(tx, {
        action: 'auth.login',
        actor: actorOf(user, sessionId),
        targetType: 'user',
        targetId: user.id,
      });
      return { ...tokens, user: toUserView(user) };
    });
  }

  /** Rotates the refresh token; a token presented twice revokes its whole family. */
  async refresh(refreshToken: string | undefined) {
    // Neither in the body nor in the refresh cookie: bad input, as for any missing field.
    if (!refreshToken) throw AppError.invalid('refreshToken', 'is required (in the body, or the refresh cookie)');
    const outcome = await this.transactions.run(async (tx) => {
      const consumed = await this.tokens.consume(tx, refreshToken);
      if (consumed === null) return null;
      if ('reused' in consumed) {
        await this.tokens.revokeSession(tx, consumed.reused, 'refresh_token_reused');
        this.sessionEnds.sessionsEnded(tx, [consumed.reused]);
        this.audit.record(tx, {
          action: 'auth.refresh_reuse_detected',
          actor: null,
          officeId: null,
          targetType: 'session',
          targetId: consumed.reused,
        });
        return null;
      }
      const user = await this.users.findById(consumed.userId, tx);
      if (!user?.active) return null;
      const tokens = await this.tokens.issue(tx, user.id, consumed.sessionId);
      return { ...tokens, user: toUserView(user) };
    });
    // Thrown outside the transaction so a detected reuse still commits its revocation.
    if (outcome === null) throw new AppError('unauthenticated', 'The refresh token is invalid, expired or revoked');
    return outcome;
  }

  async logout(actor: Actor): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.tokens.revokeSession(tx, actor.sessionId, 'logout');
      this.sessionEnds.sessionsEnded(tx, [actor.sessionId]);
      this.audit.record(tx, { action: 'auth.logout', actor, targetType: 'session', targetId: actor.sessionId });
    });
  }

  /** Sets the invited member's first password and signs them in; a token works once. */
  async acceptInvitation(token: string, password: string) {
    // Checked before the (costly) hash, so a wrong token costs the server nothing.
    if (!(await this.invitations.usable(token))) throw invitationRefused();
    const passwordHash = await this.hasher.hash(password);
    return this.transactions.run(async (tx) => {
      const userId = await this.invitations.consume(tx, token);
      const user = userId ? await this.users.findById(userId, tx) : null;
      if (!user?.active) throw invitationRefused();
      await this.users.setPasswordHash(tx, user.id, passwordHash);
      const { sessionId, tokens } = await this.tokens.startSession(tx, user);
      this.audit.record(tx, {
        action: 'user.invitation_accepted',
        actor: actorOf(user, sessionId),
        targetType: 'user',
        targetId: user.id,
      });
      return { ...tokens, user: toUserView(user) };
    });
  }

  /** The signed-in user changes their password; every other session of theirs ends at once. */
  async changePassword(actor: Actor, currentPassword: string, newPassword: string): Promise<void> {
    const current = await this.users.passwordHashOf(actor.userId);
    if (!(await this.hasher.verify(current, currentPassword))) {
      throw AppError.invalid('currentPassword', 'is not the current password');
    }
    const passwordHash = await this.hasher.hash(newPassword);
    await this.transactions.run(async (tx) => {
      await this.users.setPasswordHash(tx, actor.userId, passwordHash);
      const sessions = await this.tokens.revokeOtherSessions(tx, actor.userId, actor.sessionId, 'password_changed');
      this.sessionEnds.sessionsEnded(tx, sessions);
      this.audit.record(tx, {
        action: 'auth.password_changed',
        actor,
        targetType: 'user',
        targetId: actor.userId,
        data: { sessionsEnded: sessions.length },
      });
    });
  }

  /** For the live gateway: who holds this access token, and until when. */
  async authenticateToken(token: string): Promise<{ actor: Actor; displayName: string; expiresAt: number } | null> {
    const claims = await this.tokens.verifyAccess(token);
    if (!claims) return null;
    const actor = await this.actorFor(claims.sub, claims.sid);
    const user = actor ? await this.users.findById(actor.userId) : null;
    if (!actor || !user) return null;
    return { actor, displayName: user.displayName, expiresAt: claims.exp * 1000 };
  }

  /** Which of these sessions are still live, and as what (straight from the database, in one query). */
  liveSessions(sessions: { userId: string; sessionId: string }[]) {
    return this.users.sessionStates(sessions);
  }

  /** Checks an access token's claims against the session's current state (see SessionCache). */
  async actorFor(userId: string, sessionId: string): Promise<Actor | null> {
    const state = await this.sessions.lookup(userId, sessionId, () => this.users.sessionState(userId, sessionId));
    return state ? { userId, sessionId, role: state.role, officeId: state.officeId } : null;
  }
}
