import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppError,
  assertVersion,
  decodeCursor,
  type OfficeActor,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { type CaseEntity, CaseEvents, CaseWork } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { CaseReads } from './case-reads.js';
import { ChecklistsRepository, type TemplateFields } from './checklists.repository.js';
import type { CreateTemplateDto, TemplateQuery, UpdateChecklistItemDto, UpdateTemplateDto } from './casework.dto.js';
import { toChecklistItemView, toTemplateView } from './casework.views.js';

/**
 * How a kind of file is worked: an office lead writes a template for a category (and
 * immigration type) and may share it to the office's channels; each new file gets a copy of
 * the best match, whose items are ticked with who and when.
 */
@Injectable()
export class ChecklistsService {
  constructor(
    private readonly checklists: ChecklistsRepository,
    private readonly work: CaseWork,
    private readonly caseEvents: CaseEvents,
    private readonly channels: ChannelsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reads: CaseReads,
  ) {
    // On construction, not at init: the demo seed makes files before the app's init hooks run.
    this.caseEvents.listen({ created: (tx, actor, kase) => this.copyTemplate(tx, actor, kase) });
  }

  async listTemplates(actor: OfficeActor, query: TemplateQuery) {
    const { officeId } = actor;
    const channelIds = await this.channels.channelIdsOfOffice(officeId);
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.checklists.listUsable(officeId, channelIds, query, after, query.limit + 1);
    const mine = new Set(channelIds);
    return toPage(
      rows,
      query.limit,
      (row) => [row.createdAt.toISOString(), row.id],
      (row) => toTemplateView(row, officeId, mine),
    );
  }

  async createTemplate(actor: OfficeActor, dto: CreateTemplateDto) {
    const officeId = this.requireLead(actor);
    const fields: TemplateFields = {
      name: dto.name,
      category: dto.category,
      immigrationType: dto.immigrationType ?? null,
      items: dto.items.map((item) => ({ text: item.text })),
      sharedWithChannelIds: dto.sharedWithChannelIds ?? [],
    };
    checkType(fields);
    const channelIds = await this.channels.channelIdsOfOffice(officeId);
    checkChannels(fields.sharedWithChannelIds, [], channelIds);
    return this.transactions.run(async (tx) => {
      const row = await this.checklists.insertTemplate(tx, officeId, actor.userId, fields);
      this.audit.record(tx, {
        action: 'checklist_template.created',
        actor,
        targetType: 'checklist_template',
        targetId: row.id,
        data: {
          category: row.category,
          immigrationType: row.immigrationType,
          items: row.items.length,
          sharedWithChannelIds: row.sharedWithChannelIds,
        },
      });
      return toTemplateView(row, officeId);
    });
  }

  async updateTemplate(actor: OfficeActor, id: string, dto: UpdateTemplateDto, ifMatch?: number) {
    const { officeId } = actor;
    const channelIds = await this.channels.channelIdsOfOffice(officeId);
    return this.transactions.run(async (tx) => {
      const row = await this.checklists.findUsable(tx, officeId, channelIds, id, true);
      if (!row) throw AppError.notFound('Checklist template');
      if (row.officeId !== officeId || actor.role !== 'office_lead') {
        throw AppError.forbidden("Only the template's office lead may change it");
      }
      assertVersion(ifMatch, row.version);
      const category = dto.category ?? row.category;
      const fields: TemplateFields = {
        name: dto.name ?? row.name,
        category,
        // Leaving the immigration category drops the type.
        immigrationType:
          category !== 'immigration' && dto.immigrationType === undefined
            ? null
            : dto.immigrationType !== undefined
              ? dto.immigrationType
              : row.immigrationType,
        items: dto.items ? dto.items.map((item) => ({ text: item.text })) : row.items,
        sharedWithChannelIds: dto.sharedWithChannelIds ?? row.sharedWithChannelIds,
      };
      checkType(fields);
      checkChannels(fields.sharedWithChannelIds, row.sharedWithChannelIds, channelIds);
      const changed = (Object.keys(fields) as (keyof TemplateFields)[]).filter(
        (key) => JSON.stringify(fields[key]) !== JSON.stringify(row[key]),
      );
      if (changed.length === 0) return toTemplateView(row, officeId);
      const saved = await this.checklists.updateTemplate(tx, id, fields);
      this.audit.record(tx, {
        action: 'checklist_template.updated',
        actor,
        targetType: 'checklist_template',
        targetId: id,
        data: { changed, sharedWithChannelIds: saved.sharedWithChannelIds },
      });
      return toTemplateView(saved, officeId);
    });
  }

  async checklist(actor: OfficeActor, caseId: string) {
    return this.transactions.run(async (tx) => {
      await this.reads.inHandledFile(tx, actor, caseId, 'checklist');
      const items = await this.checklists.items(tx, caseId);
      return { caseId, templateId: items[0]?.templateId ?? null, items: items.map(toChecklistItemView) };
    });
  }

  async updateItem(actor: OfficeActor, caseId: string, itemId: string, dto: UpdateChecklistItemDto) {
    return this.transactions.run(async (tx) => {
      await this.work.handled(tx, actor, caseId);
      const item = await this.checklists.findItem(tx, caseId, itemId);
      if (!item) throw AppError.notFound('Checklist item');
      const note = dto.note === undefined ? item.note : dto.note;
      // Ticking a ticked item keeps who ticked it first, and when.
      const saved = await this.checklists.updateItem(tx, itemId, {
        doneAt: dto.done ? (item.doneAt ?? new Date()) : null,
        doneBy: dto.done ? (item.doneBy ?? actor.userId) : null,
        note,
      });
      this.audit.record(tx, {
        action: 'case.checklist_item_updated',
        actor,
        caseId,
        targetType: 'checklist_item',
        targetId: itemId,
        data: { done: dto.done, noteChanged: note !== item.note },
      });
      return toChecklistItemView(saved);
    });
  }

  /** A new file gets a copy of its office's (else a shared) template for its kind. */
  private async copyTemplate(tx: Tx, actor: Actor, kase: CaseEntity): Promise<void> {
    const template = await this.checklists.bestMatch(tx, kase.handlingOfficeId, kase.category, kase.immigrationType);
    if (!template) return;
    await this.checklists.copyToCase(tx, kase.id, template);
    this.audit.record(tx, {
      action: 'case.checklist_created',
      actor,
      caseId: kase.id,
      targetType: 'checklist_template',
      targetId: template.id,
      data: { items: template.items.length, shared: template.officeId !== kase.handlingOfficeId },
    });
  }

  private requireLead(actor: OfficeActor): string {
    if (actor.role !== 'office_lead') throw AppError.forbidden('Only an office lead writes checklist templates');
    return actor.officeId;
  }
}

function checkType(fields: TemplateFields): void {
  if (fields.immigrationType !== null && fields.category !== 'immigration') {
    throw AppError.invalid('immigrationType', 'only immigration templates have an immigration type');
  }
}

/** Channels newly shared to must be the office's own; one it has left may stay listed. */
function checkChannels(wanted: string[], already: string[], officeChannelIds: string[]): void {
  const allowed = new Set([...officeChannelIds, ...already]);
  if (wanted.some((id) => !allowed.has(id))) {
    throw AppError.invalid('sharedWithChannelIds', "must be channels the caller's office belongs to");
  }
}
