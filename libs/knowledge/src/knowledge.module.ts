import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { CasesModule } from '@relay/cases';
import { ChannelsModule } from '@relay/channels';
import { DirectoryModule } from '@relay/directory';
import { IdentityModule } from '@relay/identity';
import { PrecedentsController, ReportsController, TransitionsController } from './knowledge.controller.js';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';
import { PrecedentsRepository } from './precedents.repository.js';
import { PrecedentsService } from './precedents.service.js';
import { TransitionsRepository } from './transitions.repository.js';
import { TransitionsService } from './transitions.service.js';

/** Office knowledge: outcomes in numbers, precedents shared to channels, seats changing hands. */
@Module({
  imports: [AuditModule, CasesModule, ChannelsModule, DirectoryModule, IdentityModule],
  controllers: [ReportsController, PrecedentsController, TransitionsController],
  providers: [
    ReportsRepository,
    ReportsService,
    PrecedentsRepository,
    PrecedentsService,
    TransitionsRepository,
    TransitionsService,
  ],
})
export class KnowledgeModule {}
