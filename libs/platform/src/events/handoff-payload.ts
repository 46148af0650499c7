import type { HandoffPayload, RedactedFile } from './live-event.js';

/**
 * A `handoffs` row as a query returns it: node-pg gives timestamps as Dates, `row_to_json`
 * inside another library's query (a channel feed's offers) gives them as ISO text.
 */
export interface HandoffRow {
  id: string;
  case_id: string;
  from_office_id: string;
  to_office_id: string | null;
  channel_id: string | null;
  note: string;
  summary: RedactedFile;
  status: HandoffPayload['status'];
  expires_at: Date | string;
  created_at: Date | string;
  decided_at: Date | string | null;
  accepted_by_office_id: string | null;
  reason: string | null;
}

const iso = (time: Date | string) => new Date(time).toISOString();

/**
 * The one mapping of a handoff to its payload, beside the payload itself: the handoffs
 * library (routes and events) and a channel's feed (which may not import it) both use it.
 */
export const toHandoffPayload = (row: HandoffRow): HandoffPayload => ({
  id: row.id,
  caseId: row.case_id,
  fromOfficeId: row.from_office_id,
  toOfficeId: row.to_office_id,
  channelId: row.channel_id,
  note: row.note,
  summary: row.summary,
  status: row.status,
  expiresAt: iso(row.expires_at),
  createdAt: iso(row.created_at),
  decidedAt: row.decided_at === null ? null : iso(row.decided_at),
  acceptedByOfficeId: row.accepted_by_office_id,
  reason: row.reason,
});
