import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type Actor,
  type OfficeActor,
  AppConfig,
  AppError,
  decodeCursor,
  EventLog,
  type HandoffPayload,
  type LiveEventType,
  type Page,
  streams,
  toPage,
  TransactionRunner,
  JobScheduler,
  type Tx,
  ADVISORY_LOCKS,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CaseTransfers, NOT_TRANSFERABLE, redact } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { DirectoryService } from '@relay/directory';
import { HandoffsRepository } from './handoffs.repository.js';
import { OfferLifecycle, offerExpiry } from './offer-lifecycle.js';
import type { CreateHandoffDto, HandoffQuery } from './handoff.dto.js';

/**
 * Handoffs: the handling office offers one file to an office or a channel, showing a
 * redacted summary only; the first office to accept gets it, in one transaction.
 */
@Injectable()
export class HandoffsService implements OnApplicationBootstrap {
  constructor(
    private readonly handoffs: HandoffsRepository,
    private readonly files: CaseTransfers,
    private readonly channels: ChannelsService,
    private readonly directory: DirectoryService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly config: AppConfig,
    private readonly jobs: JobScheduler,
  ) {
    this.lifecycle = new OfferLifecycle(transactions, {
      noun: 'Handoff',
      openStatus: 'offered',
      findVisible: (tx, officeId, id, lock) => this.handoffs.findVisible(tx, officeId, id, lock),
      decide: (tx, id, decision) => this.handoffs.decide(tx, id, decision),
      expireDue: (tx) => this.handoffs.expireDue(tx),
      record: (tx, actor, outcome, offer) => this.record(tx, actor, `handoff.${outcome}`, offer),
    });
  }

  private readonly lifecycle: OfferLifecycle<HandoffPayload>;

  onApplicationBootstrap(): void {
    this.jobs.schedule('handoff-expiry', ADVISORY_LOCKS.handoffExpiry, (tx) => this.expireDue(tx));
  }

  async offer(actor: OfficeActor, dto: CreateHandoffDto): Promise<HandoffPayload> {
    if ((dto.toOfficeId === undefined) === (dto.channelId === undefined)) {
      throw AppError.invalid('toOfficeId', 'give exactly one of toOfficeId and channelId');
    }
    return this.transactions.run(async (tx) => {
      const kase = await this.files.ownFile(actor, dto.caseId, tx);
      if (dto.toOfficeId !== undefined) {
        if (dto.toOfficeId === actor.officeId) throw AppError.invalid('toOfficeId', 'is your own office');
        if (!(await this.directory.officeExists(tx, dto.toOfficeId)))
          throw AppError.invalid('toOfficeId', 'no such office');
      } else {
        await this.channels.requireMember(actor, dto.channelId!, tx);
      }
      // A channel offer is for the channel's offices now: one that joins later never sees it.
      const eligible = dto.channelId ? await this.channels.memberOfficeIds(dto.channelId, tx) : null;
      if (kase.status === 'closed') throw new AppError('case_not_transferable', 'A closed file cannot be handed off');
      if (!(await this.files.hasLiveConsent(tx, kase.id))) {
        throw new AppError(
          'consent_missing',
          'The file needs a live share_with_offices consent (not revoked, expired or stale)',
        );
      }
      if (await this.handoffs.hasOpenOffer(tx, kase.id)) {
        throw new AppError('conflict', 'This file already has an open offer; withdraw it first');
      }
      const offer = await this.handoffs.insert(tx, {
        caseId: kase.id,
        fromOfficeId: actor.officeId,
        toOfficeId: dto.toOfficeId ?? null,
        channelId: dto.channelId ?? null,
        eligibleOfficeIds: eligible,
        note: dto.note,
        summary: redact(kase),
        expiresAt: offerExpiry(this.config, kase.urgency, dto.expiresAt),
        createdBy: actor.userId,
      });
      if (offer.channelId)
        await this.channels.postHandoffOffer(tx, { ...offer, channelId: offer.channelId }, actor.userId);
      await this.record(tx, actor, 'handoff.offered', offer);
      return offer;
    });
  }

  async list(actor: OfficeActor, query: HandoffQuery): Promise<Page<HandoffPayload>> {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.handoffs.list(actor.officeId, query, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.createdAt, row.id],
      (row) => row,
    );
  }

  async get(actor: OfficeActor, id: string): Promise<HandoffPayload> {
    return this.lifecycle.visible(this.transactions.reader, actor, id);
  }

  /** Of concurrent accepts exactly one wins (the shared lifecycle); the file moves with it. */
  async accept(actor: OfficeActor, id: string): Promise<HandoffPayload> {
    const authorize = (offer: HandoffPayload) => {
      if (offer.fromOfficeId === actor.officeId) throw AppError.forbidden('You cannot accept your own offer');
    };
    const transfer = async (tx: Tx, offer: HandoffPayload) => {
      const files = await this.files.lockFiles(tx, [offer.caseId]);
      const kase = files.get(offer.caseId);
      const why = await this.files.whyNot(tx, kase, offer.fromOfficeId);
      if (why === 'consent_missing') throw new AppError('consent_missing', 'The file no longer has a live consent');
      if (why) throw new AppError('case_not_transferable', `The file cannot move: ${NOT_TRANSFERABLE[why]}`);
      await this.files.move(tx, actor, kase!, actor.officeId, { kind: 'handoff', id });
    };
    return this.lifecycle.accept(actor, id, authorize, transfer, actor.officeId);
  }

  /** A direct offer's office may decline it; a channel offer simply waits for another taker. */
  async decline(actor: OfficeActor, id: string, reason?: string): Promise<HandoffPayload> {
    return this.lifecycle.close(actor, id, 'declined', reason, (offer) => {
      if (offer.toOfficeId !== actor.officeId) {
        throw AppError.forbidden(
          offer.channelId
            ? 'A channel offer is not declined: leave it to another office'
            : 'Only the offered office may decline',
        );
      }
    });
  }

  async withdraw(actor: OfficeActor, id: string, reason?: string): Promise<HandoffPayload> {
    return this.lifecycle.close(actor, id, 'withdrawn', reason, (offer) => {
      if (offer.fromOfficeId !== actor.officeId) throw AppError.forbidden('Only the offering office may withdraw');
    });
  }

  expireDue(tx: Tx): Promise<number> {
    return this.lifecycle.expireDue(tx);
  }

  /** Audit row and events: to both offices and, for a channel offer, to the channel. */
  private async record(tx: Tx, actor: Actor | null, type: LiveEventType & `handoff.${string}`, offer: HandoffPayload) {
    this.audit.record(tx, {
      action: type,
      actor,
      officeId: actor?.officeId ?? offer.fromOfficeId,
      caseId: offer.caseId,
      targetType: 'handoff',
      targetId: offer.id,
    });
    const targets = new Set([streams.office(offer.fromOfficeId)]);
    if (offer.toOfficeId) targets.add(streams.office(offer.toOfficeId));
    if (offer.acceptedByOfficeId) targets.add(streams.office(offer.acceptedByOfficeId));
    for (const stream of targets) this.events.append(tx, stream, type, actor, offer);
    // On the channel, only the offices the offer was made to see it (live and in replays).
    if (offer.channelId) {
      const audience = await this.handoffs.eligibleOffices(tx, offer.id);
      this.events.append(tx, streams.channel(offer.channelId), type, actor, offer, audience);
    }
  }
}
