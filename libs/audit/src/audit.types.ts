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
  /** How the row was chained: `hmac-sha256` (keyed with AUDIT_KEY), or `sha256` before the key. */
  alg: string;
}

/** The last row of the trail: save it, and a later verify with it shows a rewound tail. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  firstBadSeq: number | null;
  head: AuditHead;
  /** Rows chained before AUDIT_KEY (plain SHA-256). */
  unkeyed: number;
  verifiedAt: string;
}
