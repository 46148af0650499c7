import { Injectable } from '@nestjs/common';
import argon2 from 'argon2';
import { AppConfig, AppError } from '@relay/platform';

// OWASP's argon2id baseline (19 MiB, 2 passes): strong, and cheap enough to log in under load.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const RETRY_AFTER_SECONDS = 1;

/**
 * Hashes and checks passwords, at most PASSWORD_HASH_CONCURRENCY at once per node, with a
 * short queue (PASSWORD_HASH_QUEUE) behind them. A flood of logins fills the queue and is
 * refused with 429 at once, instead of holding every worker thread and starving real
 * sign-ins (argon2 runs on libuv's pool of four threads, shared with DNS and file I/O).
 */
@Injectable()
export class PasswordHasher {
  private readonly dummyHash = argon2.hash('not-a-real-password', OPTIONS);
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return this.bounded(() => argon2.hash(password, OPTIONS));
  }

  async verify(hash: string | null | undefined, password: string): Promise<boolean> {
    // Unknown and not-yet-activated accounts cost the same time as known ones, so e-mails cannot be probed.
    const real = typeof hash === 'string' && hash.startsWith('$argon2');
    const target = real ? hash : await this.dummyHash;
    const ok = await this.bounded(() => argon2.verify(target, password).catch(() => false));
    return ok && real;
  }

  private async bounded<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.config.PASSWORD_HASH_CONCURRENCY) {
      if (this.waiting.length >= this.config.PASSWORD_HASH_QUEUE) {
        throw new AppError('rate_limited', 'The server is busy checking passwords; try again shortly', undefined, {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        });
      }
      await new Promise<void>((resume) => this.waiting.push(resume));
    } else {
      this.running++;
    }
    try {
      return await work();
    } finally {
      // The slot passes straight to the next waiter, so the count stays right.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
