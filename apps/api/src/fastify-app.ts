import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  allowedOrigins,
  type AppConfig,
  AppError,
  Metrics,
  RedisConnection,
  requestIdOf,
  trustProxy,
} from '@relay/platform';
import { RelayIoAdapter } from '@relay/realtime';
import { AppModule } from './app.module.js';
import { helmetOptions } from './console.js';
import { openApiDocument } from './create-app.js';
import { liveEventsDocument } from './live-event-data.js';

const BODY_LIMIT = 1024 * 1024;
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/**
 * The same AppModule on Fastify, for the http-platform benchmark only (HTTP_PLATFORM=fastify):
 * the request does what it does on Express before the guards run (helmet, the route-labelled
 * HTTP timer, JSON-only bodies of at most 1 MB, CORS, socket.io), so the two are measured doing
 * the same work. Left out, as no measured route needs them: the console, the API explorer's
 * UI, and document uploads (their busboy stream reads Express's request).
 */
export async function createFastifyApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const trust = trustProxy(config);
  // A hop count as Express compiles it (Fastify's types take no number).
  const hops = typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
  // Fastify numbers requests itself, and pino-http then keeps that id: give it ours instead.
  const adapter = new FastifyAdapter({ trustProxy: hops, bodyLimit: BODY_LIMIT, genReqId: requestIdOf });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl), adapter, {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  const fastify = adapter.getInstance();
  const metrics = app.get(Metrics);
  fastify.addHook('onRequest', (request, reply, done) => {
    (request as TimedRequest).stopTimer = metrics.httpDuration.startTimer();
    reply.header('X-Request-Id', request.id);
    done(refuseNonJson(request));
  });
  fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    (request as TimedRequest).stopTimer?.({ method: request.method, route, status: String(reply.statusCode) });
    done();
  });
  fastify.addContentTypeParser(
    /^application\/[\w.-]+\+json/i,
    { parseAs: 'string', bodyLimit: BODY_LIMIT },
    fastify.getDefaultJsonParser('error', 'ignore'),
  );
  app.use(helmet(helmetOptions(config))); // plain (req, res, next) middleware: middie runs it
  app.setGlobalPrefix('api/v1');
  app.enableCors({ origin: allowedOrigins(config), credentials: false });
  app.useWebSocketAdapter(new RelayIoAdapter(app, config, app.get(RedisConnection)));
  const document = openApiDocument(app);
  fastify.get('/api/docs-json', (_request, reply) => reply.send(document));
  const asyncApi = liveEventsDocument(app);
  fastify.get('/api/docs-asyncapi.json', (_request, reply) => reply.send(asyncApi));
  return app;
}

type TimedRequest = FastifyRequest & { stopTimer?: (labels: Record<string, string>) => void };

/** Express's requireJson, on Fastify's request: a write with a body must say it is JSON (415). */
function refuseNonJson(request: FastifyRequest): AppError | undefined {
  const headers = request.headers;
  const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  if (!WITH_BODY.has(request.method) || !hasBody || JSON_TYPE.test(headers['content-type'] ?? '')) return undefined;
  return new AppError('unsupported_media_type', 'Send the body as application/json');
}
