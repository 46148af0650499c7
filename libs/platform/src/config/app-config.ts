import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  getMetadataStorage,
  Matches,
  Max,
  Min,
  MinLength,
  Validate,
  validateSync,
  type ValidatorConstraintInterface,
  ValidatorConstraint,
} from 'class-validator';
import { isIP } from 'node:net';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

const TRUST_PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** Express's `trust proxy` values, minus `true` (which would trust any X-Forwarded-For). */
export function isTrustProxy(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  if (value === 'false' || /^\d{1,2}$/.test(value)) return true;
  return value.split(',').every((part) => {
    const [address, bits, ...rest] = part.trim().split('/');
    if (rest.length > 0) return false;
    if (bits === undefined) return TRUST_PROXY_NAMES.has(address) || isIP(address) !== 0;
    const version = isIP(address);
    const max = version === 4 ? 32 : version === 6 ? 128 : -1;
    return /^\d{1,3}$/.test(bits) && Number(bits) <= max;
  });
}

@ValidatorConstraint({ name: 'trustProxy' })
class IsTrustProxy implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isTrustProxy(value);
  }

  defaultMessage(): string {
    return 'TRUST_PROXY must be false, loopback, a hop count, or comma-separated addresses/CIDRs (e.g. 172.16.0.0/12)';
  }
}

/** TRUST_PROXY as Express takes it: false, a hop count, or the list of trusted addresses. */
export function trustProxy(config: AppConfig): boolean | number | string[] {
  if (config.TRUST_PROXY === 'false') return false;
  if (/^\d+$/.test(config.TRUST_PROXY)) return Number(config.TRUST_PROXY);
  return config.TRUST_PROXY.split(',').map((part) => part.trim());
}

/**
 * Every setting the server reads, parsed once from the environment and validated.
 * Nothing else in the code base reads `process.env`.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** The owner's connection: migrations and grants run with it; DATABASE_URL is then the app's restricted role. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'MIGRATION_DATABASE_URL must be a postgres:// URL' })
  MIGRATION_DATABASE_URL?: string;

  /** 1: let the server run as a superuser or the owner of the audit tables (refused in production otherwise). */
  @Transform(toBool)
  ALLOW_PRIVILEGED_DATABASE_ROLE = false;

  /** 1: allow the embedded PostgreSQL when NODE_ENV=production (refused otherwise). */
  @Transform(toBool)
  ALLOW_EMBEDDED_POSTGRES = false;

  @IsString()
  DATA_DIR = './.relay-data';

  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  /** Keys the audit hash chain (HMAC-SHA-256); never stored in the database. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'AUDIT_KEY must be at least 32 characters' })
  AUDIT_KEY?: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsEmail({}, { message: 'ADMIN_EMAIL must be an e-mail address' })
  ADMIN_EMAIL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(12, { message: 'ADMIN_PASSWORD must be at least 12 characters' })
  ADMIN_PASSWORD?: string;

  @Transform(toBool)
  SEED_DEMO = false;

  /** Load (or complete) the ridings, borders and parties at start, without demo accounts. */
  @Transform(toBool)
  LOAD_DIRECTORY = false;

  /** How long a member's invitation (its set-password token) stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  INVITATION_TTL_HOURS = 72;

  /** Express `trust proxy`: false, loopback, a hop count, or comma-separated addresses/CIDRs. */
  @Validate(IsTrustProxy)
  TRUST_PROXY = 'loopback';

  /** Login attempts per minute from one client address, whatever the e-mail. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_RATE_LIMIT = 30;

  /** Login attempts per minute for one e-mail, whatever the address. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_RATE_LIMIT = 20;

  /** Password hashes (argon2, 19 MiB each) computed at once on a node; more wait in a queue. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(16)
  PASSWORD_HASH_CONCURRENCY = 2;

  /** Password checks allowed to wait for a hash slot; beyond that a login gets 429. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  PASSWORD_HASH_QUEUE = 16;

  /** Login attempts allowed per IP and e-mail address per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Live events are kept this long for `sync`; the audit trail is kept for good. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  EVENT_RETENTION_DAYS = 30;

  /** An urgent alert no member of an office acknowledged within this time is raised again. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ALERT_REMINDER_SECONDS = 4 * 3600;

  /** How often the background jobs (reminders, event pruning) run. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  JOB_INTERVAL_SECONDS = 60;

  /** A consent form older than this counts as stale for handoffs and trades (IRCC's practice). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  CONSENT_MAX_AGE_DAYS = 90;

  /** Default lifetime of a handoff offer or trade proposal, and of one for an emergency file. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OFFER_TTL_HOURS = 72;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  EMERGENCY_OFFER_TTL_HOURS = 8;

  /** Hours before a file's deadline at which its office is told, once each (comma-separated). */
  @Matches(/^\d+(,\d+)*$/, { message: 'DEADLINE_THRESHOLDS_HOURS must be hours like 48,4' })
  DEADLINE_THRESHOLDS_HOURS = '48,4';

  /** How long an office gives itself to act on a new emergency, priority and routine file (hours; from 24 on, whole days are business days). */
  @Matches(/^\d{1,4},\d{1,4},\d{1,4}$/, { message: 'INTAKE_WINDOW_HOURS must be three hours like 4,48,240' })
  INTAKE_WINDOW_HOURS = '4,48,240';

  /** IRCC's reply standard for an enquiry about an emergency file, then any other (h: hours, bd: business days). */
  @Matches(/^\d{1,5}(h|bd),\d{1,5}(h|bd)$/, { message: 'IRCC_REPLY_STANDARD must be two spans like 48h,10bd' })
  IRCC_REPLY_STANDARD = '48h,10bd';

  /** Messages one socket may send per 10 seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_RATE_LIMIT = 100;

  /** How often each node re-checks its sockets' sessions and channel memberships. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_RECHECK_SECONDS = 30;

  /** Sockets one user may hold open on one node; the next is refused (`too_many_sockets`). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKETS_PER_USER = 10;

  /** Catch-ups (`sync`, `subscribe` with `after`) one socket may ask for per minute. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SOCKET_CATCH_UP_PER_MINUTE = 30;

  /** Largest socket message accepted (OWASP suggests 64 KB or less). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(1_048_576)
  SOCKET_MAX_MESSAGE_BYTES = 65_536;

  /** Comma-separated origins allowed for browsers (HTTP CORS and sockets); empty: none but same-origin and non-browser clients. */
  @IsString()
  ALLOWED_ORIGINS = '';

  /** On SIGTERM, in-flight work gets this long to finish before the process exits anyway. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  SHUTDOWN_TIMEOUT_SECONDS = 15;

  /** A static bearer token for Prometheus scrapers of GET /api/v1/metrics (admins may always read it). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string;

  /** HTTP requests one user (or, unsigned, one address) may make per minute on one node. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  USER_RATE_LIMIT = 6000;

  /** Largest document upload, in megabytes (decimal: 1 MB = 1,000,000 bytes). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  DOCUMENT_MAX_MB = 20;

  /** Set: documents are kept in this S3-compatible bucket, `http(s)://[key:secret@]host[:port]/bucket[?region=…]`; unset: in PostgreSQL. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/[^/]+\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/?(\?.*)?$/, {
    message: 'DOCUMENT_STORE_URL must be http(s)://[key:secret@]host[:port]/bucket',
  })
  DOCUMENT_STORE_URL?: string;

  /**
   * The HTTP platform. `fastify` exists only to measure it against Express (bench
   * http-platform): it needs the @nestjs/platform-fastify devDependency and serves the API and
   * the live socket, not the console, the API explorer or document uploads.
   */
  @IsIn(['express', 'fastify'])
  HTTP_PLATFORM: 'express' | 'fastify' = 'express';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'silent' = 'info';
}

export class ConfigError extends Error {}

/** The allow-list of browser origins, parsed from ALLOWED_ORIGINS. */
export function allowedOrigins(config: AppConfig): string[] {
  return config.ALLOWED_ORIGINS.split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
}

/**
 * Every variable AppConfig declares: those with a default are own properties of an instance,
 * and an optional one with none is known by its validation decorators. No list to keep.
 */
export function declaredVariables(): string[] {
  const validated = getMetadataStorage().getTargetValidationMetadatas(AppConfig, '', true, false);
  return [...new Set([...Object.keys(new AppConfig()), ...validated.map((entry) => entry.propertyName)])];
}

/** Parses and validates the environment; throws one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const picked = Object.fromEntries(
    declaredVariables()
      .filter((key) => env[key] !== undefined)
      .map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, picked);
  const problems = validateSync(config).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `  ${error.property}: ${message}`),
  );
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push('  JWT_SECRET: required when NODE_ENV=production');
  }
  if (config.NODE_ENV === 'production' && !config.AUDIT_KEY) {
    problems.push('  AUDIT_KEY: required when NODE_ENV=production (32+ characters; it keys the audit chain)');
  }
  if (config.NODE_ENV === 'production' && !config.DATABASE_URL && !config.ALLOW_EMBEDDED_POSTGRES) {
    problems.push(
      '  DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for development; ALLOW_EMBEDDED_POSTGRES=1 allows it)',
    );
  }
  if (config.MIGRATION_DATABASE_URL && !config.DATABASE_URL) {
    problems.push("  MIGRATION_DATABASE_URL: set DATABASE_URL too (the app's restricted connection)");
  }
  if (config.NODE_ENV === 'production' && config.SEED_DEMO) {
    problems.push(
      '  SEED_DEMO: demo accounts are refused when NODE_ENV=production; load the ridings with LOAD_DIRECTORY=1',
    );
  }
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('  ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return config;
}
