import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and cheap enough to log in under load.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class PasswordHasher {
  private readonly dummyHash = argon2.hash('not-a-real-password', OPTIONS);

  hash(password: string): Promise<string> {
    return argon2.hash(password, OPTIONS);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    // Unknown accounts cost the same time as known ones, so e-mails cannot be probed.
    const target = hash ?? (await this.dummyHash);
    const ok = await argon2.verify(target, password).catch(() => false);
    return ok && hash !== undefined;
  }
}
