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

export const LIVE_EVENT_TYPES = [
  'message.posted',
  'message.edited',
  'message.deleted',
  'alert.posted',
  'alert.acknowledged',
  'alert.reminder',
  'channel.created',
  'channel.member_added',
  'channel.member_removed',
  'presence.changed',
  'case.created',
  'case.updated',
  'case.transferred_in',
  'case.transferred_out',
  'case.deadline_near',
  'handoff.offered',
  'handoff.accepted',
  'handoff.declined',
  'handoff.withdrawn',
  'handoff.expired',
  'trade.proposed',
  'trade.accepted',
  'trade.declined',
  'trade.withdrawn',
  'trade.expired',
  'follow_up.due',
  'ircc.reply_overdue',
] as const satisfies readonly LiveEventType[];

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
