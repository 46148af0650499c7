import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes } from 'node:crypto';
import { AppConfig, rowsOf, type Tx } from '@relay/platform';
import type { UserEntity } from './user.entity.js';
import { signingKey } from './signing-key.js';

export interface AccessClaims {
  sub: string;
  sid: string;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Access tokens are short-lived JWTs naming the user and the session (refresh family);
 * refresh tokens are opaque, stored hashed, single-use, and rotate within their family.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async startSession(tx: Tx, user: UserEntity): Promise<{ sessionId: string; tokens: TokenPair }> {
    const [family] = rowsOf<{ id: string }>(
      await tx.query(`INSERT INTO refresh_families (user_id) VALUES ($1) RETURNING id`, [user.id]),
    );
    return { sessionId: family.id, tokens: await this.issue(tx, user.id, family.id) };
  }

  async issue(tx: Tx, userId: string, sessionId: string): Promise<TokenPair> {
    const refreshToken = randomBytes(32).toString('base64url');
    await tx.query(
      `INSERT INTO refresh_tokens (family_id, token_hash, expires_at)
       VALUES ($1, $2, now() + make_interval(secs => $3))`,
      [sessionId, hashToken(refreshToken), this.config.REFRESH_TOKEN_TTL_SECONDS],
    );
    const claims: AccessClaims = { sub: userId, sid: sessionId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS,
      secret: signingKey(this.config.JWT_SECRET!) as unknown as string,
    });
    return { accessToken, refreshToken, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The claims of a valid access token, or null (bad signature, expired, malformed). */
  async verifyAccess(token: string): Promise<(AccessClaims & { exp: number }) | null> {
    try {
      return await this.jwt.verifyAsync<AccessClaims & { exp: number }>(token, {
        algorithms: ['HS256'],
        secret: signingKey(this.config.JWT_SECRET!) as unknown as string,
      });
    } catch {
      return null;
    }
  }

  /**
   * Marks the token used. Returns its session, or says why it cannot be used; a token
   * used twice means it leaked, so the caller revokes the whole family.
   */
  async consume(
    tx: Tx,
    refreshToken: string,
  ): Promise<{ sessionId: string; userId: string } | { reused: string } | null> {
    const hash = hashToken(refreshToken);
    const rows = rowsOf<{ family_id: string; user_id: string }>(
      await tx.query(
        `UPDATE refresh_tokens t SET used_at = now()
       FROM refresh_families f
       WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()
         AND f.id = t.family_id AND f.revoked_at IS NULL
       RETURNING t.family_id, f.user_id`,
        [hash],
      ),
    );
    if (rows.length > 0) return { sessionId: rows[0].family_id, userId: rows[0].user_id };
    const [spent] = rowsOf<{ family_id: string }>(
      await tx.query(`SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND used_at IS NOT NULL`, [hash]),
    );
    return spent ? { reused: spent.family_id } : null;
  }

  async revokeSession(tx: Tx, sessionId: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE refresh_families SET revoked_at = now(), revoke_reason = $2 WHERE id = $1 AND revoked_at IS NULL`,
      [sessionId, reason],
    );
  }

  /** Ends every session of the user but one; returns the ended sessions. */
  async revokeOtherSessions(tx: Tx, userId: string, keep: string, reason: string): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `UPDATE refresh_families SET revoked_at = now(), revoke_reason = $3
         WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL RETURNING id`,
        [userId, keep, reason],
      ),
    );
    return rows.map((row) => row.id);
  }

  async revokeAllSessions(tx: Tx, userId: string, reason: string): Promise<void> {
    await tx.query(
      `UPDATE refresh_families SET revoked_at = now(), revoke_reason = $2 WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId, reason],
    );
  }
}
