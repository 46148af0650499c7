import { type ArgumentMetadata, type ValidationError, ValidationPipe } from '@nestjs/common';
import { ValidateIf } from 'class-validator';
import { AppError, type FieldError } from '../errors/app-error.js';

/**
 * May be absent, but not null: class-validator's @IsOptional() also lets null through,
 * which a NOT NULL column then turns into a 500. Keep @IsOptional() where null means "clear".
 */
export const Optional = () => ValidateIf((_, value) => value !== undefined);

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      message: message.replace(/^property \S+ /, ''),
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

const MAX_DEPTH = 32;

/**
 * Paths of every string holding NUL, and whether the value nests deeper than any of our
 * bodies do (class-transformer would overflow the stack on it). Walked without recursion.
 */
function inspect(root: unknown, rootPath: string): { nul: string[]; tooDeep: boolean } {
  const nul: string[] = [];
  const stack: [unknown, string, number][] = [[root, rootPath, 0]];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const [value, path, depth] = next;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) nul.push(path);
    } else if (value !== null && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return { nul, tooDeep: true };
      for (const [key, child] of Object.entries(value)) stack.push([child, path ? `${path}.${key}` : key, depth + 1]);
    }
  }
  return { nul, tooDeep: false };
}

/**
 * Strict input: unknown fields are rejected and every bad field is listed. Strings with
 * NUL are refused here, once for every route, since PostgreSQL text cannot store them.
 */
export class RelayValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A POST with no body (e.g. a decline without a reason) validates as an empty object.
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type !== 'custom') {
      const { nul, tooDeep } = inspect(value, metadata.data ?? '');
      if (tooDeep) throw AppError.invalid(metadata.data ?? 'body', `must not nest deeper than ${MAX_DEPTH} levels`);
      if (nul.length > 0) {
        throw new AppError(
          'validation_failed',
          'The request is not valid',
          nul.map((field) => ({ field, message: 'must not contain the NUL character (\\u0000)' })),
        );
      }
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RelayValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new AppError('validation_failed', 'The request is not valid', flatten(errors)),
  });
}
