import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { type AppConfig, requireJson } from '@relay/platform';
import { AppModule } from './app.module.js';

/** Builds the HTTP application; shared by `main.ts` and the end-to-end tests. */
export async function createApp(config: AppConfig, databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn', 'log'],
  });
  app.set('trust proxy', 'loopback');
  app.use(helmet());
  app.use(requireJson);
  app.useBodyParser('json', { limit: '1mb', type: ['application/json', 'application/*+json'] });
  app.setGlobalPrefix('api/v1');

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Riding Relay')
      .setDescription('Immigration casework shared between constituency offices. Errors are RFC 9457 problem+json.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
