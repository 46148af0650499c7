import { type ValidationError, ValidationPipe } from '@nestjs/common';
import { AppError, type FieldError } from '../errors/app-error.js';

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

/** Strict input: unknown fields are rejected and every bad field is listed. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new AppError('validation_failed', 'The request is not valid', flatten(errors)),
  });
}
