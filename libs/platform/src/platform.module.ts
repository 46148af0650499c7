import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { TransactionRunner } from './database/transaction.js';
import { JobScheduler } from './database/job-scheduler.js';
import { EventLog } from './events/event-log.js';
import { LiveBus } from './events/live-bus.js';
import { IdempotencyKeys } from './http/idempotency-keys.js';
import { Lifecycle } from './observability/lifecycle.js';
import { Metrics } from './observability/metrics.js';
import { RedisConnection } from './observability/redis-connection.js';

const SHARED = [
  TransactionRunner,
  EventLog,
  LiveBus,
  JobScheduler,
  Metrics,
  RedisConnection,
  Lifecycle,
  IdempotencyKeys,
];

/** The validated configuration, transactions, the event log, jobs, metrics, Redis and idempotency keys, available everywhere. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      providers: [{ provide: AppConfig, useValue: config }, ...SHARED],
      exports: [AppConfig, ...SHARED],
    };
  }
}
