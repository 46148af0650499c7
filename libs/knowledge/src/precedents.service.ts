import { Injectable } from '@nestjs/common';
import {
  AppError,
  decodeCursor,
  EventLog,
  type OfficeActor,
  type Page,
  type PrecedentPayload,
  streams,
  toPage,
  TransactionRunner,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { ChannelsService } from '@relay/channels';
import { findPersonalData, PERSONAL_DATA_MESSAGES } from './personal-data.js';
import { type PrecedentRow, PrecedentsRepository } from './precedents.repository.js';
import type { PrecedentQuery, SharePrecedentDto } from './precedent.dto.js';

const DAY_MS = 86_400_000;

const toPrecedentView = (row: PrecedentRow): PrecedentPayload => ({
  id: row.id,
  channelId: row.channel_id,
  officeId: row.office_id,
  category: row.category,
  immigrationType: row.immigration_type,
  outcome: row.outcome,
  daysOpen: row.days_open,
  title: row.title,
  lessons: row.lessons,
  createdAt: row.created_at.toISOString(),
});

/**
 * What an office learned from a resolved or closed file, shared with a channel so that it
 * outlives the office's staff: the file's category, type, outcome and days open, never its
 * constituent. Text that looks like personal data is refused, naming the field.
 */
@Injectable()
export class PrecedentsService {
  constructor(
    private readonly precedents: PrecedentsRepository,
    private readonly channels: ChannelsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  async share(actor: OfficeActor, caseId: string, dto: SharePrecedentDto): Promise<PrecedentPayload> {
    const { officeId } = actor;
    return this.transactions.run(async (tx) => {
      const file = await this.precedents.visibleFile(tx, officeId, caseId);
      if (!file) throw AppError.notFound('Case');
      if (file.handling_office_id !== officeId) {
        throw AppError.forbidden('Only the handling office shares what it learned from this file');
      }
      await this.channels.requireMember(actor, dto.channelId, tx);
      const refused = (['title', 'lessons'] as const).flatMap((field) => {
        const kind = findPersonalData(dto[field], file.constituent);
        return kind ? [{ field, message: PERSONAL_DATA_MESSAGES[kind] }] : [];
      });
      if (refused.length > 0) {
        throw new AppError('contains_personal_data', 'Precedents never carry personal data', refused);
      }
      if (!file.outcome || !file.closed_at) {
        throw new AppError('conflict', 'Only a resolved or closed file can become a precedent');
      }
      const row = await this.precedents.insert(tx, {
        channel_id: dto.channelId,
        office_id: officeId,
        case_id: caseId,
        created_by: actor.userId,
        category: file.category,
        immigration_type: file.immigration_type,
        outcome: file.outcome,
        days_open: Math.floor((file.closed_at.getTime() - file.created_at.getTime()) / DAY_MS),
        title: dto.title,
        lessons: dto.lessons,
      });
      const view = toPrecedentView(row);
      this.audit.record(tx, {
        action: 'precedent.shared',
        actor,
        caseId,
        targetType: 'precedent',
        targetId: row.id,
        data: { channelId: dto.channelId },
      });
      this.events.append(tx, streams.channel(dto.channelId), 'precedent.shared', actor, view);
      return view;
    });
  }

  async list(actor: OfficeActor, query: PrecedentQuery): Promise<Page<PrecedentPayload>> {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.precedents.list(actor.officeId, query, after, query.limit + 1);
    return toPage(rows, query.limit, (row) => [row.created_at.toISOString(), row.id], toPrecedentView);
  }
}
