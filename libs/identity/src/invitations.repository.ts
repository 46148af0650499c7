import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** One-time set-password tokens: the token is returned once, only its hash is stored. */
@Injectable()
export class InvitationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async issue(
    tx: Tx,
    userId: string,
    invitedBy: string | null,
    ttlHours: number,
  ): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const [row] = rowsOf<{ expires_at: Date }>(
      await tx.query(
        `INSERT INTO invitations (user_id, token_hash, invited_by, expires_at)
         VALUES ($1, $2, $3, now() + make_interval(hours => $4)) RETURNING expires_at`,
        [userId, hashToken(token), invitedBy, ttlHours],
      ),
    );
    return { token, expiresAt: row.expires_at.toISOString() };
  }

  /** Whether the token could be used now (checked before hashing the new password). */
  async usable(token: string): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(
        `SELECT 1 FROM invitations i JOIN users u ON u.id = i.user_id
         WHERE i.token_hash = $1 AND i.used_at IS NULL AND i.expires_at > now() AND u.active`,
        [hashToken(token)],
      ),
    );
    return rows.length > 0;
  }

  /** Marks the token used and returns its user, or null when it is unknown, used or expired. */
  async consume(tx: Tx, token: string): Promise<string | null> {
    const rows = rowsOf<{ user_id: string }>(
      await tx.query(
        `UPDATE invitations SET used_at = now()
         WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
        [hashToken(token)],
      ),
    );
    return rows[0]?.user_id ?? null;
  }
}
