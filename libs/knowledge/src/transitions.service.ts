import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type Actor,
  AppError,
  decodeCursor,
  JobScheduler,
  type Page,
  type PageQuery,
  toPage,
  TransactionRunner,
  type Tx,
  ADVISORY_LOCKS,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CasesService } from '@relay/cases';
import { DirectoryService } from '@relay/directory';
import { UsersService } from '@relay/identity';
import { type TransitionRow, TransitionsRepository } from './transitions.repository.js';
import type { CreateTransitionDto } from './transition.dto.js';

const BATCH = 10;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export const toTransitionView = (row: TransitionRow) => ({
  id: row.id,
  officeId: row.office_id,
  effectiveAt: row.effective_at.toISOString(),
  changesParty: row.changes_party,
  partyId: row.to_party_id,
  fromPartyId: row.from_party_id,
  status: row.applied_at ? 'applied' : 'scheduled',
  appliedAt: iso(row.applied_at),
  deactivatedAccounts: row.deactivated_accounts,
  filesUnderReview: row.files_under_review,
  createdBy: row.created_by,
  createdAt: row.created_at.toISOString(),
});

/**
 * A seat changing hands. Files belong to the riding's office, not to its staff: at the
 * effective time, once across nodes (the job scheduler's advisory lock, and each
 * transition row locked and marked applied in the same transaction), the office's accounts
 * are deactivated, the office follows its new party into that party's channel, and every
 * open file waits for the new team's review (see CasesService.continueAfterTransition).
 */
@Injectable()
export class TransitionsService implements OnApplicationBootstrap {
  constructor(
    private readonly transitions: TransitionsRepository,
    private readonly transactions: TransactionRunner,
    private readonly jobs: JobScheduler,
    private readonly audit: AuditService,
    private readonly directory: DirectoryService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('seat-transitions', ADVISORY_LOCKS.seatTransitions, (tx) => this.applyDue(tx));
  }

  async schedule(actor: Actor, officeId: string, dto: CreateTransitionDto) {
    if (actor.role !== 'admin') throw AppError.forbidden('Only admins record a seat changing hands');
    return this.transactions.run(async (tx) => {
      await this.directory.partyOf(tx, officeId); // 404 for no such office
      if (dto.partyId && !(await this.directory.partyExists(tx, dto.partyId))) {
        throw AppError.invalid('partyId', 'no such party');
      }
      if (await this.transitions.pendingFor(tx, officeId)) {
        throw new AppError('conflict', 'This office already has a transition waiting to take effect');
      }
      const row = await this.transitions.insert(tx, {
        officeId,
        changesParty: dto.partyId !== undefined,
        toPartyId: dto.partyId ?? null,
        effectiveAt: new Date(dto.effectiveAt),
        createdBy: actor.userId,
      });
      this.audit.record(tx, {
        action: 'office.transition_scheduled',
        actor,
        officeId,
        targetType: 'office_transition',
        targetId: row.id,
        data: {
          effectiveAt: row.effective_at.toISOString(),
          partyId: row.to_party_id,
          changesParty: row.changes_party,
        },
      });
      return toTransitionView(row);
    });
  }

  async list(actor: Actor, officeId: string, query: PageQuery): Promise<Page<ReturnType<typeof toTransitionView>>> {
    await this.directory.partyOf(this.transactions.reader, officeId);
    if (actor.role !== 'admin' && actor.officeId !== officeId) throw AppError.notFound('Office');
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.transitions.list(officeId, after, query.limit + 1);
    return toPage(rows, query.limit, (row) => [row.created_at.toISOString(), row.id], toTransitionView);
  }

  /** Runs under the job's advisory lock, in its transaction. */
  async applyDue(tx: Tx): Promise<number> {
    const due = await this.transitions.lockDue(tx, BATCH);
    for (const transition of due) await this.apply(tx, transition);
    return due.length;
  }

  private async apply(tx: Tx, transition: TransitionRow): Promise<void> {
    const officeId = transition.office_id;
    const at = await this.transitions.transactionTime(tx);
    const fromPartyId = await this.directory.partyOf(tx, officeId);
    const deactivated = await this.users.deactivateOfficeMembers(tx, null, officeId, 'seat_transition');
    if (transition.changes_party) await this.directory.changeParty(tx, null, officeId, transition.to_party_id);
    const files = await this.cases.markForTransitionReview(tx, officeId, at, transition.id);
    await this.transitions.markApplied(tx, transition.id, fromPartyId, { deactivated, files });
    this.audit.record(tx, {
      action: 'office.transition_applied',
      actor: null,
      officeId,
      targetType: 'office_transition',
      targetId: transition.id,
      data: {
        fromPartyId,
        toPartyId: transition.changes_party ? transition.to_party_id : fromPartyId,
        deactivated,
        files,
      },
    });
  }
}
