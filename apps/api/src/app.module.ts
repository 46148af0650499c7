import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource, type DataSourceOptions } from 'typeorm';
import {
  AppConfig,
  CountingThrottlerStorage,
  createValidationPipe,
  IdempotencyInterceptor,
  loggingParams,
  PlatformModule,
  ProblemDetailsFilter,
  runMigrationsOnce,
} from '@relay/platform';
import { AuditModule } from '@relay/audit';
import { DirectoryModule, OfficeEntity, PartyEntity } from '@relay/directory';
import { IdentityModule, JwtAuthGuard, UserEntity, UserThrottleGuard } from '@relay/identity';
import { CaseConsentEntity, CaseEntity, CaseNoteEntity, CasesModule } from '@relay/cases';
import { ChannelsModule } from '@relay/channels';
import { RealtimeModule } from '@relay/realtime';
import { HandoffsModule } from '@relay/handoffs';
import { CaseworkModule } from '@relay/casework';
import { MIGRATIONS } from '../../../migrations/index.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { DemoSeeder } from './seed/demo-seeder.js';

export const ENTITIES = [PartyEntity, OfficeEntity, UserEntity, CaseEntity, CaseNoteEntity, CaseConsentEntity];

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(config),
        LoggerModule.forRoot(loggingParams(config)),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            type: 'postgres',
            url: databaseUrl,
            entities: ENTITIES,
            migrations: MIGRATIONS,
            synchronize: false,
            migrationsRun: false,
            retryAttempts: 3,
            extra: { max: config.DB_POOL_SIZE, connectionTimeoutMillis: 5000 },
          }),
          // Migrations run once at start, under an advisory lock so several nodes can start together.
          dataSourceFactory: async (options?: DataSourceOptions) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsOnce(dataSource);
            return dataSource;
          },
        }),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT },
            { name: 'user', ttl: 60_000, limit: config.USER_RATE_LIMIT },
          ],
          storage: new CountingThrottlerStorage(),
        }),
        TerminusModule,
        AuditModule,
        DirectoryModule,
        IdentityModule,
        CasesModule,
        ChannelsModule,
        RealtimeModule,
        HandoffsModule,
        CaseworkModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        DemoSeeder,
        // In this order: who is asking, then how often they have asked.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: UserThrottleGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_PIPE, useFactory: createValidationPipe },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
