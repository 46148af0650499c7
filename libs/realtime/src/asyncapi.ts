import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LIVE_EVENT_TYPES, type LiveEventDataClasses, type LiveEventType } from '@relay/platform';
import { jsonSchemaOf } from './json-schema.js';

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
    data: { type: 'object', description: 'Per type (see each event message); never constituent details' },
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
const ref = (pointer: string) => ({ $ref: pointer });

/** One event type: the envelope with its `type` fixed and its `data` the payload class's schema. */
const eventSchema = (type: LiveEventType, dataSchema: string) => ({
  allOf: [
    ref('#/components/schemas/LiveEventEnvelope'),
    {
      type: 'object',
      required: ['type', 'data'],
      properties: { type: { const: type }, data: ref(`#/components/schemas/${dataSchema}`) },
    },
  ],
});

/** The schemas swagger makes of the payload classes alone: `include` names no module, so no route is scanned. */
function dataSchemas(app: INestApplication, classes: LiveEventDataClasses): Record<string, unknown> {
  class NoRoutes {}
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build(), {
    include: [NoRoutes],
    extraModels: [...new Set(Object.values(classes))],
  });
  return jsonSchemaOf(document.components?.schemas ?? {}) as Record<string, unknown>;
}

const info = {
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
};

const channelId = { type: 'object', required: ['channelId'], properties: { channelId: { type: 'string' } } };
/** What a client sends (see ClientMessages), each answered through its ack. */
const clientMessages = {
  subscribe: {
    name: 'subscribe',
    payload: { ...channelId, properties: { ...channelId.properties, after: { type: 'integer' } } },
    'x-ack': ack({ missed: events, hasMore: { type: 'boolean' } }),
  },
  unsubscribe: { name: 'unsubscribe', payload: channelId, 'x-ack': ack({}) },
  sync: {
    name: 'sync',
    payload: {
      type: 'object',
      required: ['streams'],
      properties: { streams: { type: 'object', additionalProperties: { type: 'integer', minimum: 0 } } },
    },
    'x-ack': ack({ missed: events, hasMore: { type: 'boolean', description: 'call sync again from the last seqs' } }),
  },
  presence: {
    name: 'presence',
    payload: channelId,
    'x-ack': ack({
      online: {
        type: 'array',
        items: {
          type: 'object',
          required: ['userId', 'officeId', 'displayName'],
          properties: { userId: { type: 'string' }, officeId: { type: 'string' }, displayName: { type: 'string' } },
        },
      },
    }),
  },
};

const live = ref('#/channels/live');
const sendOperations = Object.fromEntries(
  Object.keys(clientMessages).map((name) => [
    `send${name[0]!.toUpperCase()}${name.slice(1)}`,
    { action: 'send', channel: live, messages: [ref(`#/channels/live/messages/${name}`)] },
  ]),
);

/**
 * The live-event contract as an AsyncAPI 3 document, served next to the OpenAPI one. Each
 * event type is a message whose `data` is the schema swagger makes of the class describing it
 * (`classes`, checked against the event map at compile time): the class the OpenAPI document
 * uses too where a route answers with that shape.
 */
export function asyncApiDocument(app: INestApplication, classes: LiveEventDataClasses) {
  const perType = <T>(value: (type: LiveEventType) => T) =>
    Object.fromEntries(LIVE_EVENT_TYPES.map((type) => [type, value(type)]));
  return {
    asyncapi: '3.1.0',
    info,
    channels: {
      live: {
        address: '/live',
        messages: { ...perType((type) => ref(`#/components/messages/${type}`)), ...clientMessages },
      },
    },
    operations: {
      receiveEvent: {
        action: 'receive',
        channel: live,
        messages: LIVE_EVENT_TYPES.map((type) => ref(`#/channels/live/messages/${type}`)),
      },
      ...sendOperations,
    },
    components: {
      schemas: {
        LiveEventEnvelope: envelope,
        LiveEvent: { oneOf: LIVE_EVENT_TYPES.map((type) => ref(`#/components/schemas/${type}`)) },
        ...perType((type) => eventSchema(type, classes[type].name)),
        ...dataSchemas(app, classes),
      },
      messages: perType((type) => ({ name: 'event', title: type, payload: ref(`#/components/schemas/${type}`) })),
    },
  };
}
