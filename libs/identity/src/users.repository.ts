import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import { UserEntity } from './user.entity.js';
import type { SessionState } from './session-cache.js';

@Injectable()
export class UsersRepository {
  constructor(private readonly dataSource: DataSource) {}

  findById(id: string, tx: Tx = this.dataSource.manager): Promise<UserEntity | null> {
    return tx.findOne(UserEntity, { where: { id } });
  }

  findForLogin(email: string): Promise<UserEntity | null> {
    return this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: email.toLowerCase() })
      .getOne();
  }

  listByOffice(officeId: string, afterKey: string | undefined, limit: number): Promise<UserEntity[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(UserEntity, 'u')
      .where('u.office_id = :officeId', { officeId })
      .orderBy('u.email', 'ASC')
      .limit(limit);
    if (afterKey !== undefined) query.andWhere('u.email > :afterKey', { afterKey });
    return query.getMany();
  }

  async passwordHashOf(userId: string): Promise<string | null> {
    const rows = rowsOf<{ password_hash: string | null }>(
      await this.dataSource.query(`SELECT password_hash FROM users WHERE id = $1 AND active`, [userId]),
    );
    return rows[0]?.password_hash ?? null;
  }

  async setPasswordHash(tx: Tx, userId: string, passwordHash: string): Promise<void> {
    await tx.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, passwordHash]);
  }

  /** Whether the office has an active lead (who must learn of members an admin adds). */
  async hasActiveLead(tx: Tx, officeId: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(`SELECT 1 FROM users WHERE office_id = $1 AND role = 'office_lead' AND active LIMIT 1`, [
        officeId,
      ]),
    );
    return rows.length > 0;
  }

  async emailTaken(tx: Tx, email: string): Promise<boolean> {
    return (await tx.count(UserEntity, { where: { email: email.toLowerCase() } })) > 0;
  }

  async countAdmins(tx: Tx): Promise<number> {
    return tx.count(UserEntity, { where: { role: 'admin' } });
  }

  insert(tx: Tx, user: Partial<UserEntity>): Promise<UserEntity> {
    return tx.save(UserEntity, tx.create(UserEntity, user));
  }

  save(tx: Tx, user: UserEntity): Promise<UserEntity> {
    return tx.save(UserEntity, user);
  }

  /** The state every authenticated request is checked against, in one indexed lookup. */
  async sessionState(userId: string, sessionId: string): Promise<SessionState | null> {
    const rows = rowsOf<{ role: UserEntity['role']; office_id: string | null }>(
      await this.dataSource.query(
        `SELECT u.role, u.office_id FROM users u
         JOIN refresh_families f ON f.id = $2 AND f.user_id = u.id AND f.revoked_at IS NULL
         WHERE u.id = $1 AND u.active`,
        [userId, sessionId],
      ),
    );
    return rows[0] ? { role: rows[0].role, officeId: rows[0].office_id } : null;
  }

  /** The live sessions among these, with their current state, in one query (never cached). */
  async sessionStates(sessions: { userId: string; sessionId: string }[]): Promise<Map<string, SessionState>> {
    const rows = rowsOf<{ session_id: string; role: UserEntity['role']; office_id: string | null }>(
      await this.dataSource.query(
        `SELECT f.id AS session_id, u.role, u.office_id
           FROM unnest($1::uuid[], $2::uuid[]) AS s(user_id, session_id)
           JOIN refresh_families f ON f.id = s.session_id AND f.user_id = s.user_id AND f.revoked_at IS NULL
           JOIN users u ON u.id = s.user_id AND u.active`,
        [sessions.map((s) => s.userId), sessions.map((s) => s.sessionId)],
      ),
    );
    return new Map(rows.map((row) => [row.session_id, { role: row.role, officeId: row.office_id }]));
  }
}
