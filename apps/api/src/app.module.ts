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
  RedisConnection,
  RedisThrottlerStorage,
} from '@relay/platform';
import { AuditModule } from '@relay/audit';
import { DirectoryModule, OfficeEntity, PartyEntity } from '@relay/directory';
import { IdentityModule, JwtAuthGuard, UserEntity, UserThrottleGuard } from '@relay/identity';
import { CaseConsentEntity, CaseEntity, CaseNoteEntity, CasesModule } from '@relay/cases';
import { ChannelsModule } from '@relay/channels';
import { RealtimeModule } from '@relay/realtime';
import { HandoffsModule } from '@relay/handoffs';
import { KnowledgeModule } from '@relay/knowledge';
import { DocumentsModule } from '@relay/documents';
import { CaseworkModule } from '@relay/casework';
import { MIGRATIONS } from '../../../migrations/index.js';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { DemoSeeder } from './seed/demo-seeder.js';
import { DirectoryLoader } from './seed/directory-loader.js';

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
          // Migrations ran before, as the owner (prepareDatabase); this is the app's restricted role.
          dataSourceFactory: (options?: DataSourceOptions) => new DataSource(options!).initialize(),
        }),
        // Counted in Redis when it is set, so the limits hold across nodes; in memory otherwise.
        ThrottlerModule.forRootAsync({
          inject: [RedisConnection],
          useFactory: (redis: RedisConnection) => ({
            throttlers: [
              { name: 'login', ttl: 60_000, limit: config.LOGIN_RATE_LIMIT },
              { name: 'login-address', ttl: 60_000, limit: config.LOGIN_ADDRESS_RATE_LIMIT },
              { name: 'login-account', ttl: 60_000, limit: config.LOGIN_ACCOUNT_RATE_LIMIT },
              { name: 'user', ttl: 60_000, limit: config.USER_RATE_LIMIT },
            ],
            storage: redis.pub ? new RedisThrottlerStorage(redis.pub) : new CountingThrottlerStorage(),
          }),
        }),
        TerminusModule,
        AuditModule,
        DirectoryModule,
        IdentityModule,
        CasesModule,
        ChannelsModule,
        RealtimeModule,
        HandoffsModule,
        KnowledgeModule,
        DocumentsModule,
        CaseworkModule,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        DemoSeeder,
        DirectoryLoader,
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
