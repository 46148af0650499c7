import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { Express } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import {
  allowedOrigins,
  type AppConfig,
  describeProblems,
  httpMetrics,
  Metrics,
  ProblemDto,
  RedisConnection,
  requireJsonExcept,
  trustProxy,
} from '@relay/platform';
import { MULTIPART_ROUTES } from '@relay/documents';
import { RelayIoAdapter } from '@relay/realtime';
import { AppModule } from './app.module.js';
import { helmetOptions, serveConsole } from './console.js';
import { liveEventsDocument } from './live-event-data.js';

/** Builds the HTTP and live (socket.io) application. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  if (config.HTTP_PLATFORM === 'fastify') {
    // Measured against Express only (bench http-platform); loaded when asked for, as it is a devDependency.
    const { createFastifyApp } = await import('./fastify-app.js');
    return createFastifyApp(config, databaseUrl);
  }
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.set('trust proxy', trustProxy(config));
  app.set('etag', false); // resources carry their own ETag ("<version>"); hashing every body costs CPU
  app.use(httpMetrics(app.get(Metrics)));
  app.use(helmet(helmetOptions(config)));
  app.use(requireJsonExcept(MULTIPART_ROUTES)); // document uploads stream their multipart body
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.setGlobalPrefix('api/v1');
  app.enableCors({ origin: allowedOrigins(config), credentials: false });
  app.useWebSocketAdapter(new RelayIoAdapter(app, config, app.get(RedisConnection)));

  const document = openApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  // The live events (socket.io namespace /live), next to the OpenAPI document.
  const asyncApi = liveEventsDocument(app);
  (app.getHttpAdapter().getInstance() as Express).get('/api/docs-asyncapi.json', (_req, res) => res.json(asyncApi));
  serveConsole(app);
  return app;
}

/** The OpenAPI document of every route; also built without a database (see scripts/openapi-types.ts). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Riding Relay')
    .setDescription('Immigration casework shared between constituency offices. Errors are RFC 9457 problem+json.')
    .setVersion('1')
    .addServer('/')
    .addBearerAuth()
    .addSecurityRequirements('bearer')
    .build();
  config.info.license = { name: 'Proprietary' }; // a private code base: no public licence to link
  return describeProblems(app, SwaggerModule.createDocument(app, config, { extraModels: [ProblemDto] }));
}
