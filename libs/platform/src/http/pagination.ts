import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, isUUID, Max, MaxLength, Min } from 'class-validator';
import { AppError } from '../errors/app-error.js';

export class PageQuery {
  @ApiPropertyOptional({ description: 'Opaque cursor from a previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  after?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** What each part of a cursor key must be, so a forged cursor is a 400 before it reaches SQL. */
export type CursorPart = 'string' | 'uuid' | 'timestamp' | 'seq';
type PartValue<P extends CursorPart> = P extends 'seq' ? number : string;

const PART_CHECKS: Record<CursorPart, (part: unknown) => boolean> = {
  string: (part) => typeof part === 'string' && !part.includes('\u0000'), // PostgreSQL text has no NUL
  uuid: (part) => typeof part === 'string' && isUUID(part),
  // Exactly what `Date#toISOString` wrote: no rolled-over dates PostgreSQL would refuse.
  timestamp: (part) =>
    typeof part === 'string' && !Number.isNaN(Date.parse(part)) && new Date(part).toISOString() === part,
  // A bigint sequence read back as a JS number: only safe, non-negative integers.
  seq: (part) => Number.isSafeInteger(part) && (part as number) >= 0,
};

/** Decodes a cursor made by `encodeCursor` with this `shape`; anything else is a 400, never a 500. */
export function decodeCursor<const S extends readonly CursorPart[]>(
  cursor: string | undefined,
  shape: S,
): { -readonly [I in keyof S]: PartValue<S[I]> } | undefined {
  if (cursor === undefined) return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === shape.length && shape.every((kind, i) => PART_CHECKS[kind](key[i]))) {
      return key as { -readonly [I in keyof S]: PartValue<S[I]> };
    }
  } catch {
    // fall through
  }
  throw AppError.invalid('after', 'is not a cursor returned by this list');
}

/** `rows` were fetched with `limit + 1`: the extra row only says another page exists. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => CursorKey, map: (row: R) => T): Page<T> {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1])) : null,
  };
}
