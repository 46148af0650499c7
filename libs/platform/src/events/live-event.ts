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
  kind: 'message' | 'alert';
  authorId: string;
  officeId: string;
  body: string | null;
  replyToId: string | null;
  hasCaseLink: boolean;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  title?: string;
  severity?: 'info' | 'important' | 'urgent';
  categories?: string[];
  immigrationTypes?: string[];
  effectiveDate?: string | null;
  sourceUrl?: string | null;
}

export interface PresencePayload {
  channelId: string;
  userId: string;
  officeId: string;
  displayName: string;
  online: boolean;
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
] as const satisfies readonly LiveEventType[];

export const streams = {
  channel: (id: string) => `channel:${id}`,
  office: (id: string) => `office:${id}`,
  user: (id: string) => `user:${id}`,
};

/** Socket messages a client sends, and what each answers through its ack. */
export interface ClientMessages {
  subscribe: { request: { channelId: string; after?: number }; reply: { missed: LiveEvent[] } };
  unsubscribe: { request: { channelId: string }; reply: Record<string, never> };
  sync: { request: { streams: Record<string, number> }; reply: { missed: LiveEvent[] } };
  presence: {
    request: { channelId: string };
    reply: { online: { userId: string; officeId: string; displayName: string }[] };
  };
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string } };
