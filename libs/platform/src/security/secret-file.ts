import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * A development secret kept in `dir/name` (mode 0600), made on first use. Several
 * processes may start at once on one DATA_DIR: the first to link its file wins and the
 * others read it, so they all end up with the same secret.
 */
export function readOrCreateSecret(
  dir: string,
  name: string,
  make = () => randomBytes(48).toString('base64url'),
): string {
  const file = resolve(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  writeFileSync(draft, make(), { mode: 0o600 });
  try {
    linkSync(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(draft);
  }
  return readFileSync(file, 'utf8').trim();
}

/** The secret in `dir/name`, if one was kept there. */
export function readSecret(dir: string, name: string): string | undefined {
  const file = resolve(dir, name);
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}
