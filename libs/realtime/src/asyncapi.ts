import { LIVE_EVENT_TYPES } from '@relay/platform';

const envelope = {
  type: 'object',
  required: ['stream', 'seq', 'id', 'type', 'at', 'actor', 'data'],
  properties: {
    stream: { type: 'string', description: '`channel:<id>`, `office:<id>` or `user:<id>`' },
    seq: {
      type: 'integer',
      description:
        'Rises by one per stream with no gaps; 0 for ephemeral events (presence.changed), never replayed. A channel ' +
        "offer's events reach only the offices that were members when it was made, so an office that joined later " +
        'sees their seqs as gaps (as it does for events pruned after EVENT_RETENTION_DAYS): `sync` has nothing more.',
    },
    id: { type: 'string', format: 'uuid' },
    type: { type: 'string', enum: [...LIVE_EVENT_TYPES] },
    at: { type: 'string', format: 'date-time' },
    actor: {
      type: 'object',
      properties: { userId: { type: ['string', 'null'] }, officeId: { type: ['string', 'null'] } },
    },
    data: { type: 'object', description: 'Per type; never constituent details' },
  },
};

const uuid = { type: 'string', format: 'uuid' };
const time = { type: 'string', format: 'date-time' };
// The `data` of the assistant's-day events: ids, the file's reference and times, never the note or summary.
const dayEvents = {
  FollowUpDue: {
    description: "`follow_up.due` on the assignee's user stream and the office stream, once per follow-up",
    type: 'object',
    required: ['followUpId', 'caseId', 'caseReference', 'dueAt'],
    properties: { followUpId: uuid, caseId: uuid, caseReference: { type: 'string' }, dueAt: time },
  },
  IrccReplyOverdue: {
    description: '`ircc.reply_overdue` on the office stream, once per IRCC enquiry past its reply due time',
    type: 'object',
    required: ['interactionId', 'caseId', 'caseReference', 'sentAt', 'replyDueAt'],
    properties: {
      interactionId: uuid,
      caseId: uuid,
      caseReference: { type: 'string' },
      sentAt: time,
      replyDueAt: time,
    },
  },
};

const ack = (reply: Record<string, unknown>) => ({
  oneOf: [
    { type: 'object', properties: { ok: { const: true }, ...reply } },
    {
      type: 'object',
      properties: {
        ok: { const: false },
        error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } },
      },
    },
  ],
});
const events = { type: 'array', items: { $ref: '#/components/schemas/LiveEvent' } };

/** The live-event contract as an AsyncAPI 3 document, served next to the OpenAPI one. */
export const ASYNCAPI_DOCUMENT = {
  asyncapi: '3.0.0',
  info: {
    title: 'Riding Relay live events',
    version: '1',
    description:
      'socket.io namespace `/live` on the API port. Connect with `auth: { token: accessToken }`; a bad token fails ' +
      'with connect_error `unauthorized`. Keep the last seq of each stream and call `sync` after a reconnect: ' +
      'every missed event arrives once, in order. Events that arrive both live and in a catch-up share their seq: ' +
      'drop the duplicate. A user may hold SOCKETS_PER_USER sockets (10) on a node; the next fails with connect_error ' +
      '`too_many_sockets`. `sync` and `subscribe` with `after` are catch-ups: a socket may ask for ' +
      'SOCKET_CATCH_UP_PER_MINUTE (30) a minute, then gets `rate_limited` acks. Every node re-checks its sockets ' +
      'every SOCKET_RECHECK_SECONDS (30): a socket whose session ended is closed, one whose office left a channel ' +
      'leaves it. A deleted or edited message is replayed without its earlier text (a deleted one with body null).',
  },
  channels: {
    live: {
      address: '/live',
      messages: {
        event: { name: 'event', payload: { $ref: '#/components/schemas/LiveEvent' } },
        subscribe: {
          name: 'subscribe',
          payload: {
            type: 'object',
            required: ['channelId'],
            properties: { channelId: { type: 'string' }, after: { type: 'integer' } },
          },
          'x-ack': ack({ missed: events, hasMore: { type: 'boolean' } }),
        },
        unsubscribe: {
          name: 'unsubscribe',
          payload: { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string' } } },
          'x-ack': ack({}),
        },
        sync: {
          name: 'sync',
          payload: {
            type: 'object',
            required: ['streams'],
            properties: { streams: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } },
          },
          'x-ack': ack({
            missed: events,
            hasMore: { type: 'boolean', description: 'call sync again from the last seqs' },
          }),
        },
        presence: {
          name: 'presence',
          payload: { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string' } } },
          'x-ack': ack({
            online: {
              type: 'array',
              items: { type: 'object', properties: { userId: {}, officeId: {}, displayName: {} } },
            },
          }),
        },
      },
    },
  },
  operations: {
    receiveEvent: {
      action: 'receive',
      channel: { $ref: '#/channels/live' },
      messages: [{ $ref: '#/channels/live/messages/event' }],
    },
    sendSubscribe: {
      action: 'send',
      channel: { $ref: '#/channels/live' },
      messages: [{ $ref: '#/channels/live/messages/subscribe' }],
    },
    sendUnsubscribe: {
      action: 'send',
      channel: { $ref: '#/channels/live' },
      messages: [{ $ref: '#/channels/live/messages/unsubscribe' }],
    },
    sendSync: {
      action: 'send',
      channel: { $ref: '#/channels/live' },
      messages: [{ $ref: '#/channels/live/messages/sync' }],
    },
    sendPresence: {
      action: 'send',
      channel: { $ref: '#/channels/live' },
      messages: [{ $ref: '#/channels/live/messages/presence' }],
    },
  },
  components: { schemas: { LiveEvent: envelope, ...dayEvents } },
};
