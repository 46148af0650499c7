import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { DirectoryController } from './directory.controller.js';
import { DirectoryRepository } from './directory.repository.js';
import { DirectoryService } from './directory.service.js';

@Module({
  imports: [AuditModule],
  controllers: [DirectoryController],
  providers: [DirectoryRepository, DirectoryService],
  exports: [DirectoryService, DirectoryRepository],
})
export class DirectoryModule {}
