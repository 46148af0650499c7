import { applyDecorators, type INestApplication } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import {
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  getSchemaPath,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { IS_PUBLIC, OFFICE_REQUIRED } from '../auth/actor.js';
import { IDEMPOTENT } from './idempotency.interceptor.js';

class ProblemFieldDto {
  @ApiProperty({ example: 'email' }) field!: string;
  @ApiProperty({ example: 'must be an email' }) message!: string;
}

/** RFC 9457 problem+json, the body of every error (see ProblemDetailsFilter). */
export class ProblemDto {
  @ApiProperty({ example: 'https://riding-relay.ca/problems/not-found' }) type!: string;
  @ApiProperty({ example: 'Not Found' }) title!: string;
  @ApiProperty({ example: 404 }) status!: number;
  @ApiProperty() detail!: string;
  @ApiProperty({ description: 'Stable machine code', example: 'not_found' }) code!: string;
  @ApiPropertyOptional({ type: [ProblemFieldDto], description: 'The fields at fault (400)' })
  errors?: ProblemFieldDto[];
}

const PROBLEMS = {
  400: 'validation_failed (fields in `errors`), malformed_json',
  401: 'unauthenticated: no valid access token',
  403: 'forbidden: not allowed for this user or office',
  404: 'not_found (also what another office sees of what it may not read)',
  409: 'The current state does not allow it; `code` says why (e.g. conflict, idempotency_in_progress)',
  412: 'version_mismatch: If-Match names an older version',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  416: 'range_not_satisfiable',
  422: 'idempotency_key_reused with another body',
  429: 'rate_limited (Retry-After says when to try again)',
} as const;

export type ProblemStatus = keyof typeof PROBLEMS;

/** The 403 of every route on an office's data (it takes @OfficeMember()), alone or beside `forbidden`. */
const OFFICE_REQUIRED_PROBLEM =
  "office_required: the caller belongs to no office (an admin), and this works on an office's data";
const OFFICE_PROBLEMS = {
  Problem403Office: OFFICE_REQUIRED_PROBLEM,
  Problem403OrOffice: `${PROBLEMS[403]}; or ${OFFICE_REQUIRED_PROBLEM}`,
};

const problem = (status: ProblemStatus, description: string = PROBLEMS[status]): ResponseObject => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDto) } } },
});

/** Each shared answer's component name, by its description. */
const SHARED_PROBLEMS = new Map<string, string>([
  ...Object.entries(PROBLEMS).map(([status, description]) => [description, `Problem${status}`] as const),
  ...Object.entries(OFFICE_PROBLEMS).map(([name, description]) => [description, name] as const),
]);

/**
 * The problem+json answers only the route knows of (403, 404, a domain 409, 413, 416); those
 * that follow from its shape are added by `describeProblems`.
 */
export const ProblemResponses = (...statuses: ProblemStatus[]) =>
  applyDecorators(...statuses.map((status) => ApiResponse({ status, ...problem(status) })));

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const THROTTLER_SKIP_USER = 'THROTTLER:SKIPuser'; // @SkipThrottle({ user: true })

interface RouteFacts {
  public: boolean;
  throttled: boolean;
  idempotent: boolean;
  officeRequired: boolean;
}

/** What the route metadata says of each operation, by its default operationId (Controller_method). */
function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const { metatype } of module.controllers.values()) {
      if (typeof metatype !== 'function') continue;
      const prototype = metatype.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const flag = (key: string) => Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, metatype));
        facts.set(`${metatype.name}_${name}`, {
          public: flag(IS_PUBLIC),
          throttled: !flag(THROTTLER_SKIP_USER),
          idempotent: Reflect.getMetadata(IDEMPOTENT, handler) !== undefined,
          officeRequired: Reflect.getMetadata(OFFICE_REQUIRED, handler) === true,
        });
      }
    }
  }
  return facts;
}

/**
 * Done once for every operation, from the route metadata: @Public() routes that do not check
 * a token themselves get `security: []` (the document's default is the bearer token), an
 * idempotent route gets the Idempotency-Key header, and the problem answers that follow from
 * the route's shape are listed: 400 when it takes input, 401 when it needs a token, 409/422
 * when it replays by Idempotency-Key, 412 with If-Match, 415 when it takes a body, 429 under
 * the per-user rate limit, 403 office_required when it takes @OfficeMember().
 */
export function describeProblems(app: INestApplication, document: OpenAPIObject): OpenAPIObject {
  const facts = routeFacts(app);
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation: OperationObject | undefined = item[method];
      if (!operation) continue;
      const route = facts.get(operation.operationId ?? '');
      if (!route) throw new Error(`No route found for operation ${operation.operationId}`);
      if (route.public && !operation.security?.length) operation.security = [];
      if (route.idempotent) operation.parameters = withIdempotencyKey(operation.parameters);
      if (route.officeRequired) withOfficeRequired(operation);
      operation.responses = withProblems(operation, sharedProblems(operation, route));
    }
  }
  // Each problem answer is described once and referenced: the console's generated types stay small.
  document.components ??= {};
  document.components.responses = Object.fromEntries([
    ...Object.keys(PROBLEMS).map((status) => [`Problem${status}`, problem(Number(status) as ProblemStatus)]),
    ...Object.entries(OFFICE_PROBLEMS).map(([name, description]) => [name, problem(403, description)]),
  ]);
  return document;
}

/** Every idempotent route takes the header, whether or not its controller names it. */
function withIdempotencyKey(parameters: OperationObject['parameters'] = []): OperationObject['parameters'] {
  if (parameters.some((parameter) => 'name' in parameter && parameter.name === 'Idempotency-Key')) return parameters;
  return [
    ...parameters,
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes a retry safe: the same key and body within 24 h answers the first response again',
      schema: { type: 'string', minLength: 1, maxLength: 255 },
    },
  ];
}

function sharedProblems(operation: OperationObject, route: RouteFacts): ProblemStatus[] {
  const names = (operation.parameters ?? []).map((parameter) => ('name' in parameter ? parameter.name : ''));
  const statuses: ProblemStatus[] = [];
  if (operation.parameters?.length || operation.requestBody) statuses.push(400);
  if (operation.security?.length !== 0) statuses.push(401);
  if (route.idempotent) statuses.push(409, 422);
  if (names.includes('If-Match')) statuses.push(412);
  if (operation.requestBody) statuses.push(415);
  if (route.throttled) statuses.push(429);
  return statuses;
}

/** A route on an office's data also answers 403 office_required, said beside any 403 of its own. */
function withOfficeRequired(operation: OperationObject): void {
  const own = operation.responses['403'];
  const description =
    own && 'description' in own
      ? own.description === PROBLEMS[403]
        ? OFFICE_PROBLEMS.Problem403OrOffice
        : `${own.description}; or ${OFFICE_REQUIRED_PROBLEM}`
      : OFFICE_REQUIRED_PROBLEM;
  operation.responses['403'] = problem(403, description);
}

/**
 * The operation's responses with those statuses added, in order; every 4xx is problem+json,
 * a reference to the shared answer unless the route describes it in its own words.
 */
function withProblems(operation: OperationObject, statuses: ProblemStatus[]): OperationObject['responses'] {
  const responses = new Map(Object.entries(operation.responses));
  for (const status of statuses) if (!responses.has(String(status))) responses.set(String(status), problem(status));
  for (const [status, response] of responses) {
    if (!(status in PROBLEMS) || !response || '$ref' in response) continue;
    const shared = SHARED_PROBLEMS.get(response.description);
    responses.set(
      status,
      shared
        ? { $ref: `#/components/responses/${shared}` }
        : { ...response, content: problem(Number(status) as ProblemStatus).content }, // e.g. @ApiConflictResponse({ description })
    );
  }
  return Object.fromEntries([...responses].sort(([a], [b]) => a.localeCompare(b)));
}
