import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import type { HelmetOptions } from 'helmet';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AppConfig } from '@relay/platform';

/** Where `npm run build` puts the web console (apps/console), next to the compiled server. */
const CONSOLE_DIR = fileURLToPath(new URL('../../../console/', import.meta.url));
const NOT_CONSOLE = /^\/(api|socket\.io|live)(\/|$)/;

/**
 * Helmet's defaults fit the built console (scripts, styles and sockets from 'self'), with one
 * addition: a document's preview is its bytes, fetched with the in-memory token and shown
 * through a blob: URL, in an <img> or (a PDF) an <iframe>, so img-src and frame-src allow
 * blob: as well. Nothing else does: scripts, styles and objects stay as strict as before.
 * Outside production the console may be opened over plain http on an office's network, where
 * `upgrade-insecure-requests` would send every asset to an https port that is not there.
 */
export function helmetOptions(config: AppConfig): HelmetOptions {
  const directives = { imgSrc: ["'self'", 'data:', 'blob:'], frameSrc: ["'self'", 'blob:'] };
  if (config.NODE_ENV === 'production') return { contentSecurityPolicy: { directives } };
  return { contentSecurityPolicy: { directives: { ...directives, upgradeInsecureRequests: null } } };
}

/**
 * Serves the console at `/`: hashed assets for a year, and index.html (never cached) for
 * every other GET outside /api, so each screen's URL can be opened directly. The built files
 * are listed once at start: a static middleware in front of the API would stat the disk for
 * every API request (9% of the server's CPU under load, measured on GET /cases).
 */
export function serveConsole(app: INestApplication): void {
  if (!existsSync(`${CONSOLE_DIR}index.html`)) return; // the server alone, built without the console
  const files = consoleFiles();
  const express = app as NestExpressApplication;
  express.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_CONSOLE.test(req.path)) {
      next();
      return;
    }
    const file = files.get(req.path);
    if (file) {
      res.setHeader(
        'Cache-Control',
        req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      res.sendFile(file, { cacheControl: false });
      return;
    }
    if (!req.accepts('html')) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(`${CONSOLE_DIR}index.html`);
  });
}

/** Each built file by its URL path (`/assets/index-….js`, `/index.html`). */
function consoleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(CONSOLE_DIR, { recursive: true, encoding: 'utf8' })) {
    const path = `${CONSOLE_DIR}${entry}`;
    if (statSync(path).isFile()) files.set(`/${entry}`, path);
  }
  return files;
}
