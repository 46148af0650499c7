import { expect } from '@jest/globals';
import type { Response } from 'supertest';

/** What a route answered and, optionally, a check that it did (or, refused, did not) change things. */
export interface Outcome {
  res: Response;
  verify?: (allowed: boolean) => Promise<void> | void;
}

/**
 * What a persona must get: a status (its problem code the usual one for it), or
 * `office_required`: a 403 whose code says the route works on an office's data and the
 * caller (an admin) belongs to no office.
 */
export const OFFICE_REQUIRED = 'office_required';
export type Expected = number | typeof OFFICE_REQUIRED;

/** One route of an authorization matrix: what each persona must get. */
export interface MatrixRoute<Persona extends string> {
  name: string;
  expect: Record<Persona, Expected>;
  run(persona: Persona): Promise<Outcome>;
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
};

/** A row per route and persona: [route name, persona, what is expected]. */
export function matrixRows<Persona extends string>(routes: MatrixRoute<Persona>[], personas: readonly Persona[]) {
  return routes.flatMap((route) => personas.map((p) => [route.name, p, route.expect[p]] as const));
}

/** Runs the named route as the persona and checks its status, problem code and own check. */
export async function expectRow<Persona extends string>(
  routes: MatrixRoute<Persona>[],
  name: string,
  persona: Persona,
  expected: Expected,
): Promise<void> {
  const route = routes.find((r) => r.name === name)!;
  const { res, verify } = await route.run(persona);
  const status = expected === OFFICE_REQUIRED ? 403 : expected;
  // One assertion for status and problem code, so a failure shows both.
  const code = res.status >= 400 ? res.body?.code : undefined; // offices have a `code` of their own
  expect({ status: res.status, code }).toEqual({
    status,
    code: expected === OFFICE_REQUIRED ? OFFICE_REQUIRED : CODE_BY_STATUS[status],
  });
  if (status >= 400) expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  await verify?.(status < 400);
}
