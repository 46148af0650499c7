import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppError,
  decodeCursor,
  type OfficeActor,
  startOfDay,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { UsersService } from '@relay/identity';
import { type CaseEntity, CaseEvents, CaseWork } from '@relay/cases';
import { FollowUpsRepository } from './follow-ups.repository.js';
import type { CreateFollowUpDto, FollowUpQuery } from './casework.dto.js';
import { toFollowUpView } from './casework.views.js';
import { CaseReads } from './case-reads.js';

const DAY = 86_400_000;

/**
 * Bring-forward dates on a file, for a member of its handling office. The file's earliest
 * open follow-up is kept on the case row for the triage queue.
 */
@Injectable()
export class FollowUpsService {
  constructor(
    private readonly followUps: FollowUpsRepository,
    private readonly work: CaseWork,
    private readonly caseEvents: CaseEvents,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly reads: CaseReads,
  ) {
    // On construction, not at init: the demo seed makes files before the app's init hooks run.
    this.caseEvents.listen({ moved: (tx, actor, kase) => this.clearAssignees(tx, actor, kase) });
  }

  async create(actor: OfficeActor, caseId: string, dto: CreateFollowUpDto) {
    const dueAt = new Date(dto.dueAt);
    if (dueAt.getTime() < Date.now() - 7 * DAY || dueAt.getTime() > Date.now() + 5 * 366 * DAY) {
      throw AppError.invalid('dueAt', 'must be between a week ago and five years ahead');
    }
    return this.transactions.run(async (tx) => {
      const kase = await this.work.handled(tx, actor, caseId, true);
      const assigneeId = dto.assigneeId ?? actor.userId;
      if (!(await this.users.isActiveMember(tx, assigneeId, kase.handlingOfficeId))) {
        throw AppError.invalid('assigneeId', 'must be an active member of the handling office');
      }
      const row = await this.followUps.insert(tx, {
        caseId,
        dueAt,
        note: dto.note,
        assigneeId,
        createdBy: actor.userId,
      });
      await this.work.setFollowUpDue(tx, caseId, await this.followUps.earliestOpen(tx, caseId));
      this.audit.record(tx, {
        action: 'follow_up.created',
        actor,
        caseId,
        targetType: 'follow_up',
        targetId: row.id,
        data: { dueAt: row.dueAt.toISOString(), assigneeId },
      });
      return toFollowUpView(row);
    });
  }

  async listOfCase(actor: OfficeActor, caseId: string, query: { after?: string; limit: number }) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    await this.reads.ofHandledFile(actor, caseId, 'follow_ups');
    const rows = await this.followUps.listOfCase(caseId, after, query.limit + 1);
    return toPage(rows, query.limit, (row) => [row.dueAt.toISOString(), row.id], toFollowUpView);
  }

  /** The office's open follow-ups; `due` counts days in Ottawa. */
  async listOfOffice(actor: OfficeActor, query: FollowUpQuery) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const now = new Date();
    const filter =
      query.due === 'overdue'
        ? { before: now }
        : query.due === 'today'
          ? { from: startOfDay(now), before: startOfDay(now, 1) }
          : query.due === 'week'
            ? { from: startOfDay(now), before: startOfDay(now, 7) }
            : {};
    const rows = await this.followUps.listOfOffice(
      actor.officeId,
      { ...filter, assigneeId: query.assigneeId },
      after,
      query.limit + 1,
    );
    const page = toPage(rows, query.limit, (row) => [row.dueAt.toISOString(), row.id], toFollowUpView);
    await this.reads.record(
      actor,
      page.items.map((item) => item.caseId),
      'follow_ups',
    );
    return page;
  }

  async done(actor: OfficeActor, id: string) {
    return this.transactions.run(async (tx) => {
      // Like a file, a follow-up outside the caller's office is a 404.
      const found = await this.followUps.findForOffice(tx, actor.officeId, id);
      if (!found) throw AppError.notFound('Follow-up');
      await this.work.handled(tx, actor, found.caseId, true);
      const row = await this.followUps.markDone(tx, id, actor.userId);
      if (!row) throw new AppError('already_done', 'This follow-up is already done');
      await this.work.setFollowUpDue(tx, row.caseId, await this.followUps.earliestOpen(tx, row.caseId));
      this.audit.record(tx, {
        action: 'follow_up.done',
        actor,
        caseId: row.caseId,
        targetType: 'follow_up',
        targetId: id,
      });
      return toFollowUpView(row);
    });
  }

  /** The follow-ups go with the file; their assignees stay behind with the old office. */
  private async clearAssignees(tx: Tx, actor: Actor, kase: CaseEntity): Promise<void> {
    const cleared = await this.followUps.clearAssignees(tx, kase.id);
    if (cleared > 0) {
      this.audit.record(tx, {
        action: 'follow_up.assignees_cleared',
        actor,
        caseId: kase.id,
        targetType: 'case',
        targetId: kase.id,
        data: { cleared },
      });
    }
  }
}
