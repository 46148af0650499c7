import { Param, type PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { AppError } from '../errors/app-error.js';

class UuidPipe implements PipeTransform<string, string> {
  constructor(private readonly name: string) {}

  transform(value: string): string {
    if (!isUUID(value)) throw AppError.invalid(this.name, 'must be a UUID');
    return value;
  }
}

/** A path parameter that must be a UUID (a 400 problem otherwise, never a database error). */
export const UuidParam = (name: string) => Param(name, new UuidPipe(name));
