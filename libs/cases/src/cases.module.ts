import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { DirectoryModule } from '@relay/directory';
import { IdentityModule } from '@relay/identity';
import { CasesController } from './cases.controller.js';
import { CasesRepository } from './cases.repository.js';
import { CasesService } from './cases.service.js';

@Module({
  imports: [AuditModule, DirectoryModule, IdentityModule],
  controllers: [CasesController],
  providers: [CasesRepository, CasesService],
  exports: [CasesService],
})
export class CasesModule {}
