import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { TransactionRunner } from './database/transaction.js';
import { EventLog } from './events/event-log.js';
import { LiveBus } from './events/live-bus.js';
import { JobScheduler } from './database/job-scheduler.js';
import { Metrics } from './observability/metrics.js';

/** The validated configuration, transactions, the event log, jobs and metrics, available everywhere. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      providers: [
        { provide: AppConfig, useValue: config },
        TransactionRunner,
        EventLog,
        LiveBus,
        JobScheduler,
        Metrics,
      ],
      exports: [AppConfig, TransactionRunner, EventLog, LiveBus, JobScheduler, Metrics],
    };
  }
}
