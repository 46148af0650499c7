import type { Actor } from '@relay/platform';

/**
 * What an audit row says. Never put constituent details (names, identifiers, contact,
 * dates of birth) in `data`: record which fields changed, not their values.
 */
export interface AuditEntry {
  action: string;
  actor: Actor | null;
  /** The office the event belongs to; defaults to the actor's office. */
  officeId?: string | null;
  caseId?: string | null;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

export interface AuditEventView {
  seq: number;
  id: string;
  at: string;
  action: string;
  actorId: string | null;
  officeId: string | null;
  caseId: string | null;
  targetType: string | null;
  targetId: string | null;
  data: Record<string, unknown>;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
}
