import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { AppConfig } from '../config/app-config.js';

/**
 * The Redis clients of the socket.io adapter, when REDIS_URL is set (none otherwise: one
 * node needs no Redis). Publishing fails fast while Redis is down instead of queueing:
 * PostgreSQL's event log stays the source of truth, and clients catch up with `sync`.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('redis');
  readonly pub?: Redis;
  readonly sub?: Redis;

  constructor(config: AppConfig) {
    if (!config.REDIS_URL) return;
    const options = {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: (n: number) => Math.min(n * 200, 2000),
    };
    this.pub = new Redis(config.REDIS_URL, options);
    // The subscriber must queue its SUBSCRIBE until connected, and resubscribes after a reconnect.
    // No ready check and no CLIENT SETINFO on it: ioredis writes a SUBSCRIBE made while it is
    // still connecting at once, and the INFO of its ready check, sent after that, is refused in
    // subscriber mode ("Ready check failed"): the connection was dropped and the node's
    // subscriptions with it, so on some starts a node never heard the others.
    this.sub = new Redis(config.REDIS_URL, {
      ...options,
      enableOfflineQueue: true,
      enableReadyCheck: false,
      disableClientInfo: true,
    });
    // The adapter publishes without awaiting; while Redis is down those rejections must not
    // become unhandled (they would stop the process). The message is dropped instead.
    const publish = this.pub.publish.bind(this.pub) as (...args: unknown[]) => Promise<number>;
    (this.pub as unknown as { publish: typeof publish }).publish = (...args) => {
      const sent = publish(...args);
      sent.catch(() => undefined);
      return sent;
    };
    for (const client of [this.pub, this.sub]) {
      client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    }
  }

  get configured(): boolean {
    return this.pub !== undefined;
  }

  async ping(): Promise<boolean> {
    return (await this.pub?.ping().catch(() => null)) === 'PONG';
  }

  onApplicationShutdown(): void {
    this.pub?.disconnect();
    this.sub?.disconnect();
  }
}
