import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { CasesModule } from '@relay/cases';
import { ChannelsModule } from '@relay/channels';
import { IdentityModule } from '@relay/identity';
import { CaseReads } from './case-reads.js';
import { CaseworkJobs } from './casework-jobs.js';
import { ChecklistsController } from './checklists.controller.js';
import { ChecklistsRepository } from './checklists.repository.js';
import { ChecklistsService } from './checklists.service.js';
import { FollowUpsController } from './follow-ups.controller.js';
import { FollowUpsRepository } from './follow-ups.repository.js';
import { FollowUpsService } from './follow-ups.service.js';
import { InteractionsController } from './interactions.controller.js';
import { InteractionsRepository } from './interactions.repository.js';
import { InteractionsService } from './interactions.service.js';

/** The assistant's day beside the files: follow-ups, the contact log and IRCC liaison, checklists. */
@Module({
  imports: [AuditModule, CasesModule, ChannelsModule, IdentityModule],
  controllers: [FollowUpsController, InteractionsController, ChecklistsController],
  providers: [
    CaseReads,
    CaseworkJobs,
    ChecklistsRepository,
    ChecklistsService,
    FollowUpsRepository,
    FollowUpsService,
    InteractionsRepository,
    InteractionsService,
  ],
  exports: [FollowUpsService, InteractionsService, ChecklistsService, CaseworkJobs],
})
export class CaseworkModule {}
