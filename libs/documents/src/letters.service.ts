import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AppError, decodeCursor, type OfficeActor, type PageQuery, toPage, TransactionRunner } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CasesService } from '@relay/cases';
import { DirectoryService } from '@relay/directory';
import { DocumentsRepository } from './documents.repository.js';
import { DocumentsService } from './documents.service.js';
import type { CreateLetterTemplateDto } from './document.dto.js';
import { toTemplateView } from './document.views.js';
import { checkTemplate, fillTemplate, type LetterData, longDate, renderLetterPdf } from './letter-render.js';

/**
 * Letter templates (an office's own, written by its lead) and letters: a template filled
 * with the file's data, rendered to PDF and kept with the file as a `correspondence`
 * document.
 */
@Injectable()
export class LettersService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly documentsService: DocumentsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly cases: CasesService,
    private readonly directory: DirectoryService,
  ) {}

  async createTemplate(actor: OfficeActor, dto: CreateLetterTemplateDto) {
    if (actor.role !== 'office_lead') throw AppError.forbidden("Only the office lead writes the office's letters");
    checkTemplate(dto.body);
    return this.transactions.run(async (tx) => {
      const row = await this.documents.insertTemplate(tx, actor.officeId, actor.userId, dto);
      this.audit.record(tx, {
        action: 'letter_template.created',
        actor,
        targetType: 'letter_template',
        targetId: row.id,
        data: { language: row.language, kind: row.kind },
      });
      return toTemplateView(row);
    });
  }

  async listTemplates(actor: OfficeActor, query: PageQuery) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.documents.listTemplates(actor.officeId, after, query.limit + 1);
    return toPage(rows, query.limit, (row) => [row.createdAt.toISOString(), row.id], toTemplateView);
  }

  async getTemplate(actor: OfficeActor, templateId: string) {
    const row = await this.documents.findTemplate(this.transactions.reader, actor.officeId, templateId);
    if (!row) throw AppError.notFound('Letter template');
    return toTemplateView(row);
  }

  /** Renders the office's template with the file's data into a new `correspondence` document. */
  async write(actor: OfficeActor, caseId: string, templateId: string) {
    return this.transactions.run(async (tx) => {
      const kase = await this.cases.handledFile(tx, actor, caseId);
      const template = await this.documents.findTemplate(tx, kase.handlingOfficeId, templateId);
      if (!template) throw AppError.notFound('Letter template');
      const office = await this.directory.letterhead(tx, kase.handlingOfficeId);
      const data: LetterData = {
        constituent: {
          fullName: kase.constituent.fullName,
          uci: kase.constituent.uci ?? '',
          applicationNumber: kase.constituent.applicationNumber ?? '',
        },
        case: { reference: kase.reference },
        office: { name: office.name, nameFr: office.nameFr },
        mp: { name: office.mpName ?? '' },
        today: longDate(template.language),
      };
      const pdf = await renderLetterPdf(template.language, data, fillTemplate(template.body, data));
      return this.documentsService.keepGenerated(
        tx,
        actor,
        caseId,
        {
          kind: 'correspondence',
          title: template.name,
          filename: `${kase.reference}-${template.kind}-${template.language}.pdf`,
          mediaType: 'application/pdf',
          bytes: pdf.length,
          sha256: sha256(pdf),
        },
        pdf,
      );
    });
  }
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
