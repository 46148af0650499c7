import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { QueryFailedError } from 'typeorm';
import { AppError, ERROR_STATUS, type ErrorCode, type FieldError } from './app-error.js';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'validation_failed',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

// PostgreSQL error classes that mean "the database is not there right now".
const UNAVAILABLE_SQLSTATES = /^(08|53|57P0[1-3])/;
const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND']);

const RETRY_AFTER_SECONDS = 2;

interface Problem {
  status: number;
  code: ErrorCode | string;
  detail: string;
  errors?: FieldError[];
}

/** Maps every error that reaches the HTTP edge to RFC 9457 problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const problem = this.toProblem(exception);
    if (problem.status >= 500 && problem.code !== 'service_unavailable') {
      // Log the error class and message only: request bodies may hold constituent details.
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    // `headersSent` on Express, `sent` on a Fastify reply (status, type, send and header are on both).
    if (response.headersSent || (response as { sent?: boolean }).sent) return;
    const retryAfter = exception instanceof AppError ? exception.hints?.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) response.header('Retry-After', String(retryAfter));
    // A database outage is short-lived: tell clients when to try again.
    if (problem.code === 'service_unavailable' && !response.getHeader('Retry-After')) {
      response.header('Retry-After', String(RETRY_AFTER_SECONDS));
    }
    response
      .status(problem.status)
      .type('application/problem+json')
      .send(
        JSON.stringify({
          type: `https://riding-relay.ca/problems/${problem.code.replace(/_/g, '-')}`,
          title: TITLES[problem.status] ?? 'Error',
          status: problem.status,
          detail: problem.detail,
          code: problem.code,
          ...(problem.errors ? { errors: problem.errors } : {}),
        }),
      );
  }

  private toProblem(exception: unknown): Problem {
    if (exception instanceof AppError) {
      return { status: exception.status, code: exception.code, detail: exception.message, errors: exception.errors };
    }
    if (exception instanceof ThrottlerException) {
      return { status: 429, code: 'rate_limited', detail: 'Too many requests; try again later' };
    }
    // Nest wraps body-parser errors in an HttpException; the original says what went wrong.
    const bodyError = ((exception as { cause?: unknown })?.cause ?? exception) as { type?: string; status?: number };
    if (bodyError?.type === 'entity.too.large') {
      return { status: 413, code: 'payload_too_large', detail: 'The request body is larger than 1 MB' };
    }
    if (bodyError?.type === 'entity.parse.failed') {
      return { status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return {
        status,
        code: CODE_BY_STATUS[status] ?? 'error',
        detail: exception.message,
        errors: failedChecks(exception),
      };
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, code: 'service_unavailable', detail: 'The database is unavailable; try again shortly' };
    }
    if (exception instanceof QueryFailedError) {
      const sqlState = (exception.driverError as { code?: string } | undefined)?.code ?? '';
      if (sqlState === '23505') {
        // A concurrent duplicate passed the service's check and met the unique index.
        return {
          status: 409,
          code: 'conflict',
          detail: 'This conflicts with an existing record; reload and try again',
        };
      }
      if (sqlState.startsWith('22')) {
        return {
          status: 400,
          code: 'validation_failed',
          detail: 'A value in the request is out of range or malformed',
        };
      }
    }
    return { status: 500, code: 'internal_error', detail: 'An unexpected error occurred' };
  }
}

/** A failed readiness check (terminus) names what is down: database, redis, node (draining). */
function failedChecks(exception: HttpException): FieldError[] | undefined {
  const body = exception.getResponse() as { error?: Record<string, { status?: string; message?: string }> };
  if (typeof body !== 'object' || !body.error || Object.keys(body.error).length === 0) return undefined;
  return Object.entries(body.error).map(([field, check]) => ({
    field,
    message: check.message ?? check.status ?? 'down',
  }));
}

export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { name?: string; code?: string; driverError?: { code?: string }; message?: string } | undefined;
  const code = e?.driverError?.code ?? e?.code ?? '';
  if (CONNECTION_ERRORS.has(code) || UNAVAILABLE_SQLSTATES.test(code)) return true;
  // A transaction whose connection died: TypeORM releases its runner, and the next step says so.
  if (e?.name === 'QueryRunnerAlreadyReleasedError') return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Client was closed and is not queryable|Cannot use a pool after calling end/i.test(
    e?.message ?? '',
  );
}

export { ERROR_STATUS };
