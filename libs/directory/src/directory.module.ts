import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { DirectoryController } from './directory.controller.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';
import { DirectoryEvents } from './directory-events.js';

@Module({
  imports: [AuditModule],
  controllers: [DirectoryController],
  providers: [DirectoryRepository, DirectoryService, DirectoryEvents],
  exports: [DirectoryService, DirectoryRepository, DirectoryEvents],
})
export class DirectoryModule {}
