import { LIVE_EVENT_TYPES } from '@relay/platform';

const envelope = {
  type: 'object',
  required: ['stream', 'seq', 'id', 'type', 'at', 'actor', 'data'],
  properties: {
    stream: { type: 'string', description: '`channel:<id>`, `office:<id>` or `user:<id>`' },
    seq: {
      type: 'integer',
      description: 'Rises by one per stream with no gaps; 0 for ephemeral events (presence.changed), never replayed',
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
      'drop the duplicate.',
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
