/**
 * The one definition of a live event, shared by the server, the AsyncAPI document and the
 * tests. A `stream` is `channel:<id>`, `office:<id>` or `user:<id>`; `seq` rises by one per
 * stream with no gaps. Events never carry constituent details.
 */
export interface LiveEvent<T extends LiveEventType = LiveEventType> {
  stream: string;
  seq: number;
  id: string;
  type: T;
  at: string;
  actor: { userId: string | null; officeId: string | null };
  data: LiveEventMap[T];
}

/** A post as every member office sees it in a feed or an event (see channels). */
export interface PostPayload {
  id: string;
  channelId: string;
  kind: 'message' | 'alert' | 'handoff';
  authorId: string;
  officeId: string;
  body: string | null;
  replyToId: string | null;
  hasCaseLink: boolean;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  version: number;
  title?: string;
  severity?: 'info' | 'important' | 'urgent';
  categories?: string[];
  immigrationTypes?: string[];
  effectiveDate?: string | null;
  sourceUrl?: string | null;
  handoff?: HandoffPayload;
}

export interface PresencePayload {
  channelId: string;
  userId: string;
  officeId: string;
  displayName: string;
  online: boolean;
}

/** What another office may see of an offered file: never a constituent detail. */
export interface RedactedFile {
  category: string;
  immigrationType: string | null;
  urgency: string;
  complexity: string;
  deadline: string | null;
  languages: string[];
}

export interface HandoffPayload {
  id: string;
  caseId: string;
  fromOfficeId: string;
  toOfficeId: string | null;
  channelId: string | null;
  note: string;
  summary: RedactedFile;
  status: 'offered' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  expiresAt: string;
  createdAt: string;
  decidedAt: string | null;
  acceptedByOfficeId: string | null;
  reason: string | null;
}

export interface TradePayload {
  id: string;
  proposerOfficeId: string;
  counterpartyOfficeId: string;
  note: string;
  give: ({ caseId: string } & RedactedFile)[];
  take: ({ caseId: string } & RedactedFile)[];
  status: 'proposed' | 'accepted' | 'declined' | 'withdrawn' | 'expired';
  expiresAt: string;
  createdAt: string;
  decidedAt: string | null;
  reason: string | null;
}

export interface TransferPayload {
  caseId: string;
  reference: string;
  fromOfficeId: string;
  toOfficeId: string;
  via: 'handoff' | 'trade';
  viaId: string;
}

/** What an office learned from a resolved file, shared to a channel: never its constituent. */
export interface PrecedentPayload {
  id: string;
  channelId: string;
  officeId: string;
  category: string;
  immigrationType: string | null;
  outcome: string;
  daysOpen: number;
  title: string;
  lessons: string;
  createdAt: string;
}

/** Every event type and the shape of its `data`. */
export interface LiveEventMap {
  'message.posted': PostPayload;
  'message.edited': PostPayload;
  'message.deleted': { id: string; channelId: string };
  'alert.posted': PostPayload;
  'alert.acknowledged': { alertId: string; channelId: string; userId: string; officeId: string; ackedAt: string };
  'alert.reminder': { alertId: string; channelId: string; title: string; severity: 'urgent'; postedAt: string };
  'channel.created': { channelId: string; name: string; kind: 'party' | 'region' | 'custom' };
  'channel.member_added': { channelId: string; officeId: string };
  'channel.member_removed': { channelId: string; officeId: string };
  'presence.changed': PresencePayload;
  'case.created': { caseId: string; reference: string; category: string; urgency: string };
  'case.updated': { caseId: string; reference: string; changed: string[]; status: string };
  'case.transferred_in': TransferPayload;
  'case.transferred_out': TransferPayload;
  'case.deadline_near': { caseId: string; reference: string; deadline: string; thresholdHours: number };
  'handoff.offered': HandoffPayload;
  'handoff.accepted': HandoffPayload;
  'handoff.declined': HandoffPayload;
  'handoff.withdrawn': HandoffPayload;
  'handoff.expired': HandoffPayload;
  'trade.proposed': TradePayload;
  'trade.accepted': TradePayload;
  'trade.declined': TradePayload;
  'trade.withdrawn': TradePayload;
  'trade.expired': TradePayload;
  'precedent.shared': PrecedentPayload;
  /** A file's new document: never its name or title. */
  'document.added': {
    documentId: string;
    caseId: string;
    reference: string;
    kind: string;
    mediaType: string;
    bytes: number;
  };
  'follow_up.due': { followUpId: string; caseId: string; caseReference: string; dueAt: string };
  'ircc.reply_overdue': {
    interactionId: string;
    caseId: string;
    caseReference: string;
    sentAt: string;
    replyDueAt: string;
  };
}

export type LiveEventType = keyof LiveEventMap;

/** One entry per key of the map: a type added there and not here fails to compile. */
const EVERY_EVENT_TYPE: Record<LiveEventType, true> = {
  'message.posted': true,
  'message.edited': true,
  'message.deleted': true,
  'alert.posted': true,
  'alert.acknowledged': true,
  'alert.reminder': true,
  'channel.created': true,
  'channel.member_added': true,
  'channel.member_removed': true,
  'presence.changed': true,
  'case.created': true,
  'case.updated': true,
  'case.transferred_in': true,
  'case.transferred_out': true,
  'case.deadline_near': true,
  'handoff.offered': true,
  'handoff.accepted': true,
  'handoff.declined': true,
  'handoff.withdrawn': true,
  'handoff.expired': true,
  'trade.proposed': true,
  'trade.accepted': true,
  'trade.declined': true,
  'trade.withdrawn': true,
  'trade.expired': true,
  'precedent.shared': true,
  'document.added': true,
  'follow_up.due': true,
  'ircc.reply_overdue': true,
};

export const LIVE_EVENT_TYPES = Object.keys(EVERY_EVENT_TYPE) as LiveEventType[];

export const streams = {
  channel: (id: string) => `channel:${id}`,
  office: (id: string) => `office:${id}`,
  user: (id: string) => `user:${id}`,
};

/** Socket messages a client sends, and what each answers through its ack. */
export interface ClientMessages {
  subscribe: { request: { channelId: string; after?: number }; reply: { missed: LiveEvent[]; hasMore: boolean } };
  unsubscribe: { request: { channelId: string }; reply: Record<string, never> };
  sync: { request: { streams: Record<string, number> }; reply: { missed: LiveEvent[]; hasMore: boolean } };
  presence: {
    request: { channelId: string };
    reply: { online: { userId: string; officeId: string; displayName: string }[] };
  };
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
