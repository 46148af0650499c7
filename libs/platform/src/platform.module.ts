import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { TransactionRunner } from './database/transaction.js';

/** The validated configuration and the transaction runner, available everywhere. */
@Global()
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: PlatformModule,
      providers: [{ provide: AppConfig, useValue: config }, TransactionRunner],
      exports: [AppConfig, TransactionRunner],
    };
  }
}
