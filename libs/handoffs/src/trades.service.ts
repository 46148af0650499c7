import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type Actor,
  type OfficeActor,
  AppConfig,
  AppError,
  decodeCursor,
  EventLog,
  type LiveEventType,
  type Page,
  streams,
  toPage,
  type TradePayload,
  TransactionRunner,
  JobScheduler,
  type Tx,
  ADVISORY_LOCKS,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CaseTransfers, NOT_TRANSFERABLE, redact } from '@relay/cases';
import { DirectoryService } from '@relay/directory';
import { HandoffsRepository } from './handoffs.repository.js';
import { TradesRepository } from './trades.repository.js';
import { OfferLifecycle, offerExpiry } from './offer-lifecycle.js';
import type { CreateTradeDto, TradeQuery } from './handoff.dto.js';

/**
 * A file the caller may not take: the same answer whether it does not exist, is another
 * office's, was never put on the table, lacks consent or is closed, so a proposal probes nothing.
 */
const notOnTheTable = () => AppError.notFound('Case');

/** Trades: two offices swap sets of files, all or nothing, and the ledger keeps the balance. */
@Injectable()
export class TradesService implements OnApplicationBootstrap {
  constructor(
    private readonly trades: TradesRepository,
    private readonly handoffs: HandoffsRepository,
    private readonly files: CaseTransfers,
    private readonly directory: DirectoryService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly config: AppConfig,
    private readonly jobs: JobScheduler,
  ) {
    this.lifecycle = new OfferLifecycle(transactions, {
      noun: 'Trade',
      openStatus: 'proposed',
      findVisible: (tx, officeId, id, lock) => this.trades.findVisible(tx, officeId, id, lock),
      decide: (tx, id, decision) => this.trades.decide(tx, id, decision),
      expireDue: (tx) => this.trades.expireDue(tx),
      record: (tx, actor, outcome, trade) => this.record(tx, actor, `trade.${outcome}`, trade),
    });
  }

  private readonly lifecycle: OfferLifecycle<TradePayload>;

  onApplicationBootstrap(): void {
    this.jobs.schedule('trade-expiry', ADVISORY_LOCKS.tradeExpiry, (tx) => this.expireDue(tx));
  }

  async propose(actor: OfficeActor, dto: CreateTradeDto): Promise<TradePayload> {
    const { officeId } = actor;
    if (dto.giveCaseIds.length + dto.takeCaseIds.length === 0)
      throw AppError.invalid('giveCaseIds', 'name at least one file');
    if (dto.counterpartyOfficeId === officeId) throw AppError.invalid('counterpartyOfficeId', 'is your own office');
    const overlap = dto.giveCaseIds.filter((id) => dto.takeCaseIds.includes(id));
    if (overlap.length > 0)
      throw AppError.invalid('takeCaseIds', `a file cannot be given and taken: ${overlap.join(', ')}`);
    try {
      return await this.transactions.run((tx) => this.insertProposal(tx, actor, officeId, dto));
    } catch (error) {
      if (error instanceof AppError) await this.auditRefusal(actor, dto, error.code);
      throw error;
    }
  }

  /** Refused proposals are audited too (counts and why, never a file's details), in their own transaction. */
  private async auditRefusal(actor: OfficeActor, dto: CreateTradeDto, code: string): Promise<void> {
    await this.transactions
      .run(async (tx) =>
        this.audit.record(tx, {
          action: 'trade.refused',
          actor,
          targetType: 'office',
          targetId: dto.counterpartyOfficeId,
          data: { give: dto.giveCaseIds.length, take: dto.takeCaseIds.length, code },
        }),
      )
      .catch(() => undefined); // the refusal stands even if its audit row cannot be written now
  }

  private async insertProposal(
    tx: Tx,
    actor: OfficeActor,
    officeId: string,
    dto: CreateTradeDto,
  ): Promise<TradePayload> {
    if (!(await this.directory.officeExists(tx, dto.counterpartyOfficeId))) {
      throw AppError.invalid('counterpartyOfficeId', 'no such office');
    }
    const locked = await this.files.lockFiles(tx, [...dto.giveCaseIds, ...dto.takeCaseIds]);
    const entries = [
      ...dto.giveCaseIds.map((caseId) => ({ caseId, side: 'give' as const, owner: officeId })),
      ...dto.takeCaseIds.map((caseId) => ({ caseId, side: 'take' as const, owner: dto.counterpartyOfficeId })),
    ];
    for (const caseId of dto.giveCaseIds) {
      if (locked.get(caseId)?.handlingOfficeId !== officeId) {
        throw AppError.invalid('giveCaseIds', `${caseId} is not a file of the proposing office`);
      }
    }
    // Proposing shows each side a summary of the other's files: every file needs consent already.
    const consented = await this.files.withLiveConsent(
      tx,
      entries.map((entry) => entry.caseId),
    );
    // Only files the counterparty put on the table for us; anything else is one plain 404.
    const onTheTable = await this.handoffs.onTheTable(tx, dto.takeCaseIds, dto.counterpartyOfficeId, officeId);
    for (const caseId of dto.takeCaseIds) {
      const open = locked.get(caseId)?.status !== 'closed';
      if (!onTheTable.has(caseId) || !consented.has(caseId) || !open) throw notOnTheTable();
    }
    for (const caseId of dto.giveCaseIds) {
      if (!consented.has(caseId)) {
        throw new AppError('consent_missing', `File ${caseId} has no live share_with_offices consent`, [
          { field: caseId, message: NOT_TRANSFERABLE.consent_missing },
        ]);
      }
    }
    const urgent = entries.some((entry) => locked.get(entry.caseId)!.urgency === 'emergency');
    const id = await this.trades.insert(
      tx,
      {
        proposer: officeId,
        counterparty: dto.counterpartyOfficeId,
        note: dto.note,
        expiresAt: offerExpiry(this.config, urgent ? 'emergency' : 'routine', dto.expiresAt),
        createdBy: actor.userId,
      },
      entries.map((entry) => ({
        caseId: entry.caseId,
        side: entry.side,
        summary: redact(locked.get(entry.caseId)!),
      })),
    );
    const trade = (await this.trades.findVisible(tx, officeId, id))!;
    await this.record(tx, actor, 'trade.proposed', trade);
    return trade;
  }

  async list(actor: OfficeActor, query: TradeQuery): Promise<Page<TradePayload>> {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.trades.list(actor.officeId, query, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.createdAt, row.id],
      (row) => row,
    );
  }

  async get(actor: OfficeActor, id: string): Promise<TradePayload> {
    return this.lifecycle.visible(this.transactions.reader, actor, id);
  }

  /**
   * Swaps every file in one transaction. If any file moved, lacks consent or has an open
   * offer, the answer is 409 naming the file and why, and nothing moves.
   */
  async accept(actor: OfficeActor, id: string): Promise<TradePayload> {
    const authorize = (trade: TradePayload) => {
      if (trade.counterpartyOfficeId !== actor.officeId)
        throw AppError.forbidden('Only the counterparty accepts a trade');
    };
    const transfer = async (tx: Tx, trade: TradePayload) => {
      const moves = [
        ...trade.give.map((file) => ({
          caseId: file.caseId,
          from: trade.proposerOfficeId,
          to: trade.counterpartyOfficeId,
        })),
        ...trade.take.map((file) => ({
          caseId: file.caseId,
          from: trade.counterpartyOfficeId,
          to: trade.proposerOfficeId,
        })),
      ];
      const caseIds = moves.map((move) => move.caseId);
      const locked = await this.files.lockFiles(tx, caseIds);
      const reasons = await this.files.whyNotEach(
        tx,
        moves.map((move) => ({ kase: locked.get(move.caseId), fromOfficeId: move.from })),
      );
      const offered = await this.handoffs.withOpenOffer(tx, caseIds);
      for (const [i, move] of moves.entries()) {
        const why = reasons[i] ?? (offered.has(move.caseId) ? 'open_handoff_offer' : null);
        if (why) {
          throw new AppError('case_not_transferable', `File ${move.caseId} cannot move: ${NOT_TRANSFERABLE[why]}`, [
            { field: move.caseId, message: NOT_TRANSFERABLE[why] },
          ]);
        }
      }
      for (const move of moves) {
        const kase = locked.get(move.caseId)!;
        await this.files.move(tx, actor, kase, move.to, { kind: 'trade', id });
      }
    };
    return this.lifecycle.accept(actor, id, authorize, transfer);
  }

  async decline(actor: OfficeActor, id: string, reason?: string): Promise<TradePayload> {
    return this.lifecycle.close(actor, id, 'declined', reason, (trade) => {
      if (trade.counterpartyOfficeId !== actor.officeId) throw AppError.forbidden('Only the counterparty declines');
    });
  }

  async withdraw(actor: OfficeActor, id: string, reason?: string): Promise<TradePayload> {
    return this.lifecycle.close(actor, id, 'withdrawn', reason, (trade) => {
      if (trade.proposerOfficeId !== actor.officeId) throw AppError.forbidden('Only the proposer withdraws');
    });
  }

  /** What another office (or the caller's own) has put on the table: what a proposal may take. */
  async table(officeId: string) {
    if (!(await this.directory.officeExists(this.transactions.reader, officeId))) throw AppError.notFound('Office');
    return { items: await this.files.onTheTable(officeId) };
  }

  /** Files given and taken with each other office; for the office's own members and admins. */
  async ledger(actor: Actor, officeId: string) {
    if (!(await this.directory.officeExists(this.transactions.reader, officeId))) throw AppError.notFound('Office');
    if (actor.role !== 'admin' && actor.officeId !== officeId) {
      throw AppError.forbidden("Only the office's members see its ledger");
    }
    const rows = await this.files.ledger(officeId);
    const byOffice = new Map<string, { officeId: string; given: number; taken: number; breakdown: typeof rows }>();
    for (const row of rows) {
      const entry = byOffice.get(row.other_office_id) ?? {
        officeId: row.other_office_id,
        given: 0,
        taken: 0,
        breakdown: [],
      };
      entry[row.direction] += row.files;
      entry.breakdown.push(row);
      byOffice.set(row.other_office_id, entry);
    }
    return {
      officeId,
      offices: [...byOffice.values()].map((entry) => ({
        officeId: entry.officeId,
        given: entry.given,
        taken: entry.taken,
        balance: entry.taken - entry.given,
        byCategory: entry.breakdown.map((row) => ({
          direction: row.direction,
          category: row.category,
          complexity: row.complexity,
          files: row.files,
        })),
      })),
    };
  }

  expireDue(tx: Tx): Promise<number> {
    return this.lifecycle.expireDue(tx);
  }

  private async record(tx: Tx, actor: Actor | null, type: LiveEventType & `trade.${string}`, trade: TradePayload) {
    this.audit.record(tx, {
      action: type,
      actor,
      officeId: actor?.officeId ?? trade.proposerOfficeId,
      targetType: 'trade',
      targetId: trade.id,
      data: { give: trade.give.length, take: trade.take.length },
    });
    for (const officeId of [trade.proposerOfficeId, trade.counterpartyOfficeId]) {
      this.events.append(tx, streams.office(officeId), type, actor, trade);
    }
  }
}
