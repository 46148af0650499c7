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

// The values of the payloads' enumerations, named once for their types and their documents' `enum`s.
export const POST_KINDS = ['message', 'alert', 'handoff'] as const;
export const ALERT_SEVERITIES = ['info', 'important', 'urgent'] as const;
export const CHANNEL_KINDS = ['party', 'region', 'custom'] as const;
export const HANDOFF_STATUSES = ['offered', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export const TRADE_STATUSES = ['proposed', 'accepted', 'declined', 'withdrawn', 'expired'] as const;
export const TRANSFER_VIAS = ['handoff', 'trade'] as const;

/** A post as every member office sees it in a feed or an event (see channels). */
export interface PostPayload {
  id: string;
  channelId: string;
  kind: (typeof POST_KINDS)[number];
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
  severity?: (typeof ALERT_SEVERITIES)[number];
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
  status: (typeof HANDOFF_STATUSES)[number];
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
  status: (typeof TRADE_STATUSES)[number];
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
  via: (typeof TRANSFER_VIAS)[number];
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
  'channel.created': { channelId: string; name: string; kind: (typeof CHANNEL_KINDS)[number] };
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

/** The `data` of one event type; a view class describing it `implements` this. */
export type LiveEventData<T extends LiveEventType> = LiveEventMap[T];

/**
 * For each event type, the OpenAPI-decorated class that describes its `data` in the AsyncAPI
 * document. A class missing a field of the payload, or with one the payload lacks, fails to
 * compile here, so the document cannot drift from what is sent.
 */
export type LiveEventDataClasses = {
  [T in LiveEventType]: new () => LiveEventData<T>;
};

type ExactClasses<M extends LiveEventDataClasses> = {
  [T in LiveEventType]: Exclude<keyof InstanceType<M[T]>, keyof LiveEventData<T>> extends never
    ? M[T]
    : { fieldsTheEventLacks: Exclude<keyof InstanceType<M[T]>, keyof LiveEventData<T>> };
};

/** Checks the classes both ways (see LiveEventDataClasses) and returns them. */
export function liveEventDataClasses<M extends LiveEventDataClasses>(classes: M & ExactClasses<M>): M {
  return classes;
}

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
