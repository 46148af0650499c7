import { plainToInstance, Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase());
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

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

/** Parses and validates the environment; throws one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const extra = ['DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD', 'METRICS_TOKEN'];
  const picked = Object.fromEntries(
    [...known, ...extra].filter((key) => env[key] !== undefined).map((key) => [key, env[key]]),
  );
  const config = plainToInstance(AppConfig, picked);
  const problems = validateSync(config).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `  ${error.property}: ${message}`),
  );
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    problems.push('  JWT_SECRET: required when NODE_ENV=production');
  }
  if (Boolean(config.ADMIN_EMAIL) !== Boolean(config.ADMIN_PASSWORD)) {
    problems.push('  ADMIN_EMAIL/ADMIN_PASSWORD: set both or neither');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return config;
}
