import { AppError } from '../errors/app-error.js';

/** A response of either HTTP platform: Express's `res.header` and Fastify's `reply.header` both set one. */
export interface HeaderTarget {
  header(name: string, value: string): unknown;
}

export function setETag(res: HeaderTarget, version: number): void {
  res.header('ETag', `"${version}"`);
}

/** Reads `If-Match: "3"` (or W/"3", or 3); undefined when absent. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  if (!match) throw AppError.invalid('If-Match', 'must be the ETag of the resource, e.g. "3"');
  return Number(match[1]);
}

export function assertVersion(expected: number | undefined, actual: number): void {
  if (expected !== undefined && expected !== actual) {
    throw new AppError('version_mismatch', `The resource is at version ${actual}, not ${expected}; reload it`);
  }
}
