import { Module } from '@nestjs/common';
import { AuditModule } from '@relay/audit';
import { CasesModule } from '@relay/cases';
import { DirectoryModule } from '@relay/directory';
import { BucketDocumentStore } from './bucket-store.js';
import { DocumentStores } from './document-stores.js';
import { DocumentsController } from './documents.controller.js';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import { LetterTemplatesController } from './letter-templates.controller.js';
import { LettersService } from './letters.service.js';
import { OrphanCleanup } from './orphan-cleanup.js';
import { PgDocumentStore } from './pg-store.js';
import { DocumentsDemo } from './documents-demo.js';

@Module({
  imports: [AuditModule, CasesModule, DirectoryModule],
  controllers: [DocumentsController, LetterTemplatesController],
  providers: [
    DocumentsRepository,
    DocumentsService,
    LettersService,
    PgDocumentStore,
    BucketDocumentStore,
    DocumentStores,
    OrphanCleanup,
    DocumentsDemo,
  ],
  exports: [DocumentsService, LettersService, DocumentsDemo, OrphanCleanup],
})
export class DocumentsModule {}
