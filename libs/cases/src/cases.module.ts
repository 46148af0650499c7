import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { DirectoryModule } from '@relay/directory';
import { IdentityModule } from '@relay/identity';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';
import { CaseTransfers } from './case-transfers.js';
import { DeadlineTriage } from './deadline-triage.js';
import { CaseEvents } from './case-events.js';
import { CaseWork } from './case-work.js';

@Module({
  imports: [AuditModule, DirectoryModule, IdentityModule],
  controllers: [CasesController],
  providers: [CasesRepository, CasesService, CaseTransfers, DeadlineTriage, CaseEvents, CaseWork],
  exports: [CasesService, CaseTransfers, CaseEvents, CaseWork],
})
export class CasesModule {}
