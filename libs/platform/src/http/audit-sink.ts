import type { Actor } from '../auth/actor.js';
import type { Tx } from '../database/transaction.js';

/**
 * The audit trail as the platform sees it (the audit module provides it), for what the
 * platform itself shows: a replayed idempotent answer is a read like any other.
 */
export abstract class AuditSink {
  abstract record(
    tx: Tx,
    entry: {
      action: string;
      actor: Actor | null;
      caseId?: string | null;
      targetType?: string;
      targetId?: string;
      data?: Record<string, unknown>;
    },
  ): Promise<void>;
}
