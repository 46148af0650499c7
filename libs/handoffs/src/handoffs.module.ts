import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { CasesModule } from '@relay/cases';
import { ChannelsModule } from '@relay/channels';
import { DirectoryModule } from '@relay/directory';
import { HandoffsController, TradesController } from './handoffs.controller.js';
import { HandoffsRepository } from './handoffs.repository.js';
import { TradesRepository } from './trades.repository.js';
import { HandoffsService } from './handoffs.service.js';
import { TradesService } from './trades.service.js';
import { SuggestionsService } from './suggestions.service.js';

@Module({
  imports: [AuditModule, CasesModule, ChannelsModule, DirectoryModule],
  controllers: [HandoffsController, TradesController],
  providers: [HandoffsRepository, TradesRepository, HandoffsService, TradesService, SuggestionsService],
})
export class HandoffsModule {}
