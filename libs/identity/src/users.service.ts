import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type Actor,
  AppConfig,
  AppError,
  assertVersion,
  decodeCursor,
  type Page,
  PageQuery,
  rowsOf,
  toPage,
  TransactionRunner,
  type Tx,
  ADVISORY_LOCKS,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { DirectoryService, type OfficeView } from '@relay/directory';
import { PasswordHasher } from './password-hasher.js';
import { TokenService } from './token.service.js';
import { UsersRepository } from './users.repository.js';
import { toUserView, UserEntity, type UserView } from './user.entity.js';
import type { CreateMemberDto, UpdateUserDto } from './identity.dto.js';
import { SessionEnds } from './session-ends.js';
import { InvitationsRepository } from './invitations.repository.js';

export interface NewUser {
  email: string;
  displayName: string;
  role: UserEntity['role'];
  password: string;
  languages?: string[];
  officeId: string | null;
}

/** Office membership: an office lead manages its own office's members, an admin any office's. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('users');

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly directory: DirectoryService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
    private readonly sessionEnds: SessionEnds,
    private readonly invitations: InvitationsRepository,
  ) {}

  /** ADMIN_EMAIL/ADMIN_PASSWORD create the first admin when there is none. */
  async onApplicationBootstrap(): Promise<void> {
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) return;
    const created = await this.transactions.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ADVISORY_LOCKS.firstAdmin]); // one creator across nodes
      if ((await this.users.countAdmins(tx)) > 0 || (await this.users.emailTaken(tx, email))) return false;
      await this.insert(tx, null, { email, displayName: 'Administrator', role: 'admin', password, officeId: null });
      return true;
    });
    if (created) this.logger.log(`Created the first admin account (${email})`);
  }

  async me(actor: Actor): Promise<UserView & { office: OfficeView | null }> {
    const user = await this.users.findById(actor.userId);
    if (!user) throw new AppError('unauthenticated', 'The account no longer exists');
    const office = user.officeId ? await this.directory.getOffice(user.officeId) : null;
    return { ...toUserView(user), office };
  }

  async listMembers(actor: Actor, officeId: string, query: PageQuery): Promise<Page<UserView>> {
    await this.requireOfficeManager(actor, officeId);
    const after = decodeCursor(query.after, ['string']);
    const rows = await this.users.listByOffice(officeId, after?.[0], query.limit + 1);
    return toPage(rows, query.limit, (user) => [user.email], toUserView);
  }

  /**
   * Adds a member with no password and an invitation: a one-time token, shown only in this
   * answer, with which the member sets their own password. Whoever invites never knows it.
   * An admin adding a member to an office that has a lead is recorded as
   * `member.created_by_admin` on that office's trail (which its lead reads), rather than
   * waiting for the lead's confirmation: an admin must still be able to staff an office
   * whose lead is away or gone, but never unseen.
   */
  async addMember(
    actor: Actor,
    officeId: string,
    dto: CreateMemberDto,
  ): Promise<UserView & { invitation: { token: string; expiresAt: string } }> {
    await this.requireOfficeManager(actor, officeId);
    const result = await this.transactions.run(async (tx) => {
      if (await this.users.emailTaken(tx, dto.email)) {
        throw new AppError('conflict', 'An account with this e-mail exists');
      }
      // Asked before the insert: a lead being added is not yet the office's lead.
      const overLead = actor.role === 'admin' && (await this.users.hasActiveLead(tx, officeId));
      const user = await this.users.insert(tx, {
        email: dto.email.toLowerCase(),
        displayName: dto.displayName,
        role: dto.role,
        languages: dto.languages ?? [],
        officeId,
        passwordHash: null,
        active: true,
      });
      const invitation = await this.invitations.issue(tx, user.id, actor.userId, this.config.INVITATION_TTL_HOURS);
      this.audit.record(tx, {
        action: overLead ? 'member.created_by_admin' : 'user.created',
        actor,
        officeId,
        targetType: 'user',
        targetId: user.id,
        data: { role: user.role },
      });
      return { view: toUserView(user), invitation, overLead };
    });
    if (result.overLead) {
      this.logger.warn(`admin ${actor.userId} added member ${result.view.id} to office ${officeId}, which has a lead`);
    }
    return { ...result.view, invitation: result.invitation };
  }

  /** Inserts a user with a hashed password; also used by the demo seed. */
  async insert(tx: Tx, actor: Actor | null, input: NewUser): Promise<UserView> {
    if (await this.users.emailTaken(tx, input.email)) {
      throw new AppError('conflict', 'An account with this e-mail exists');
    }
    const user = await this.users.insert(tx, {
      email: input.email.toLowerCase(),
      displayName: input.displayName,
      role: input.role,
      languages: input.languages ?? [],
      officeId: input.officeId,
      passwordHash: await this.hasher.hash(input.password),
      active: true,
    });
    this.audit.record(tx, {
      action: 'user.created',
      actor,
      officeId: input.officeId,
      targetType: 'user',
      targetId: user.id,
      data: { role: user.role },
    });
    return toUserView(user);
  }

  /**
   * Users may rename themselves and set their languages; office leads and admins also
   * change roles and deactivate. Deactivation revokes every session in the same commit.
   */
  async update(actor: Actor, userId: string, dto: UpdateUserDto, ifMatch?: number): Promise<UserView> {
    const view = await this.transactions.run(async (tx) => {
      const user = await tx.findOne(UserEntity, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      if (!user || !this.canSee(actor, user)) throw AppError.notFound('User');
      const isSelf = actor.userId === user.id;
      const managing = dto.role !== undefined || dto.active !== undefined;
      if (managing && (isSelf || !this.manages(actor, user))) {
        throw AppError.forbidden('Only an office lead or admin may change roles or deactivate, and not their own');
      }
      if (!managing && !isSelf && !this.manages(actor, user)) throw AppError.forbidden();
      if (dto.role !== undefined && user.role === 'admin') {
        throw AppError.invalid('role', 'an admin has no office role');
      }
      assertVersion(ifMatch, user.version);
      const changed = Object.keys(dto).filter((key) => dto[key as keyof UpdateUserDto] !== undefined);
      Object.assign(user, Object.fromEntries(changed.map((key) => [key, dto[key as keyof UpdateUserDto]])));
      const saved = await this.users.save(tx, user);
      if (dto.active === false) await this.tokens.revokeAllSessions(tx, user.id, 'deactivated');
      // Requests see a changed role or standing at once; a deactivated user's sockets close.
      this.sessionEnds.usersChanged(tx, [user.id], dto.active === false);
      this.audit.record(tx, {
        action: dto.active === false ? 'user.deactivated' : 'user.updated',
        actor,
        officeId: user.officeId,
        targetType: 'user',
        targetId: user.id,
        data: { changed },
      });
      return toUserView(saved);
    });
    return view;
  }

  /**
   * Every active member of the office is deactivated, as PATCH /users/:id deactivates one:
   * sessions revoked in the caller's transaction, then, once it commits, cached sessions
   * forgotten and sockets closed (on every node: the database notifies, Redis relays).
   */
  async deactivateOfficeMembers(tx: Tx, actor: Actor | null, officeId: string, reason: string): Promise<number> {
    const users = rowsOf<{ id: string }>(
      await tx.query(
        `UPDATE users SET active = false, version = version + 1, updated_at = now()
         WHERE office_id = $1 AND active RETURNING id`,
        [officeId],
      ),
    );
    for (const { id } of users) {
      await this.tokens.revokeAllSessions(tx, id, 'deactivated');
      this.audit.record(tx, {
        action: 'user.deactivated',
        actor,
        officeId,
        targetType: 'user',
        targetId: id,
        data: { changed: ['active'], reason },
      });
    }
    this.sessionEnds.usersChanged(
      tx,
      users.map((user) => user.id),
      true,
    );
    return users.length;
  }

  async isActiveMember(tx: Tx, userId: string, officeId: string): Promise<boolean> {
    const user = await this.users.findById(userId, tx);
    return user !== null && user.active && user.officeId === officeId;
  }

  private async requireOfficeManager(actor: Actor, officeId: string): Promise<void> {
    if (!(await this.directory.officeExists(this.transactions.reader, officeId))) throw AppError.notFound('Office');
    const isLead = actor.role === 'office_lead' && actor.officeId === officeId;
    if (!isLead && actor.role !== 'admin') {
      throw AppError.forbidden("Only the office's lead or an admin manages its members");
    }
  }

  /** Admins see every account; others see their own office's. Anything else is a 404. */
  private canSee(actor: Actor, user: UserEntity): boolean {
    return (
      actor.role === 'admin' ||
      actor.userId === user.id ||
      (actor.officeId !== null && actor.officeId === user.officeId)
    );
  }

  private manages(actor: Actor, user: UserEntity): boolean {
    if (actor.role === 'admin') return true;
    return actor.role === 'office_lead' && user.officeId !== null && actor.officeId === user.officeId;
  }
}
