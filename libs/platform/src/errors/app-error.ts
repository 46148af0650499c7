/** Stable machine codes of the public contract, with the HTTP status each maps to. */
export const ERROR_STATUS = {
  validation_failed: 400,
  contains_personal_data: 400,
  malformed_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  /** The route works on an office's data and the caller belongs to no office (an admin). */
  office_required: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  idempotency_in_progress: 409,
  handoff_not_open: 409,
  consent_missing: 409,
  case_not_transferable: 409,
  audit_verify_running: 409,
  already_done: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  range_not_satisfiable: 416,
  idempotency_key_reused: 422,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface FieldError {
  field: string;
  message: string;
}

/**
 * The one error type domain services throw. It knows nothing of HTTP or sockets:
 * the transport filters map `code` to a status or an ack.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly errors?: FieldError[],
    /** For `rate_limited`: when to try again (the HTTP filter sends it as Retry-After). */
    readonly hints?: { retryAfterSeconds?: number },
  ) {
    super(message);
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static notFound(what = 'Resource'): AppError {
    return new AppError('not_found', `${what} not found`);
  }

  static forbidden(message = 'You are not allowed to do this'): AppError {
    return new AppError('forbidden', message);
  }

  static invalid(field: string, message: string): AppError {
    return new AppError('validation_failed', 'The request is not valid', [{ field, message }]);
  }
}
