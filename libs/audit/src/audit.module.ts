import { Module } from '@nestjs/common';
import { AuditSink } from '@relay/platform';
import { AuditController } from './audit.controller.js';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';

@Module({
  controllers: [AuditController],
  providers: [AuditRepository, AuditService, { provide: AuditSink, useExisting: AuditService }],
  exports: [AuditService, AuditSink],
})
export class AuditModule {}
