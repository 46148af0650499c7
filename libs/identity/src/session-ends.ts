import { Injectable } from '@nestjs/common';
import { LiveBus, TransactionRunner, type Tx } from '@relay/platform';
import { SessionCache } from './session-cache.js';

/**
 * What follows a session ending or a user's standing changing, in one place: once `tx`
 * commits, this node's session cache forgets them (other nodes hear PostgreSQL's
 * notification) and every node closes their sockets. Registered on the transaction, so a
 * rolled-back change disconnects no one.
 */
@Injectable()
export class SessionEnds {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly sessions: SessionCache,
    private readonly bus: LiveBus,
  ) {}

  /** Sessions revoked in `tx` (logout, a reused refresh token, a password change). */
  sessionsEnded(tx: Tx, sessionIds: string[]): void {
    if (sessionIds.length === 0) return;
    this.transactions.afterCommit(tx, () => {
      for (const sessionId of sessionIds) {
        this.sessions.forgetSession(sessionId);
        this.bus.command({ kind: 'disconnect_session', sessionId });
      }
    });
  }

  /** Users whose role, office or standing changed in `tx`; `deactivated` ones lose their sockets too. */
  usersChanged(tx: Tx, userIds: string[], deactivated: boolean): void {
    if (userIds.length === 0) return;
    this.transactions.afterCommit(tx, () => {
      for (const userId of userIds) {
        this.sessions.forget(userId);
        if (deactivated) this.bus.command({ kind: 'disconnect_user', userId });
      }
    });
  }
}
