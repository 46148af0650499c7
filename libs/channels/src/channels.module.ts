import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { DirectoryModule } from '@relay/directory';
import { AlertsController, ChannelsController } from './channels.controller.js';
import { ChannelsRepository } from './channels.repository.js';
import { AlertsRepository } from './alerts.repository.js';
import { ChannelsService } from './channels.service.js';
import { PostsService } from './posts.service.js';
import { AlertsService } from './alerts.service.js';

@Module({
  imports: [AuditModule, DirectoryModule],
  controllers: [ChannelsController, AlertsController],
  providers: [ChannelsRepository, AlertsRepository, ChannelsService, PostsService, AlertsService],
  exports: [ChannelsService, AlertsService],
})
export class ChannelsModule {}
