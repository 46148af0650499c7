import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type Actor,
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
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CaseTransfers, NOT_TRANSFERABLE, redact } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { DirectoryService } from '@relay/directory';
import { HandoffsRepository } from './handoffs.repository.js';
import { offerExpiry } from './offer-expiry.js';
import type { CreateHandoffDto, HandoffQuery } from './handoff.dto.js';

const EXPIRY_LOCK = 7_301_746_666;

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
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('handoff-expiry', EXPIRY_LOCK, (tx) => this.expireDue(tx));
  }

  async offer(actor: Actor, dto: CreateHandoffDto): Promise<HandoffPayload> {
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
        case_id: kase.id,
        from_office_id: actor.officeId,
        to_office_id: dto.toOfficeId ?? null,
        channel_id: dto.channelId ?? null,
        note: dto.note,
        summary: JSON.stringify(redact(kase)),
        expires_at: offerExpiry(this.config, kase.urgency, dto.expiresAt),
        created_by: actor.userId,
        eligible_office_ids: eligible,
      });
      if (offer.channelId) await this.handoffs.postToChannel(tx, offer, actor.userId);
      await this.record(tx, actor, 'handoff.offered', offer);
      return offer;
    });
  }

  async list(actor: Actor, query: HandoffQuery): Promise<Page<HandoffPayload>> {
    if (!actor.officeId) return { items: [], nextCursor: null };
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.handoffs.list(actor.officeId, query, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.createdAt, row.id],
      (row) => row,
    );
  }

  async get(actor: Actor, id: string): Promise<HandoffPayload> {
    return this.visible(this.transactions.reader, actor, id);
  }

  /** Of concurrent accepts exactly one wins: the offer row is locked and must still be open. */
  async accept(actor: Actor, id: string): Promise<HandoffPayload> {
    return this.transactions.run(async (tx) => {
      const offer = await this.visible(tx, actor, id, true);
      if (offer.fromOfficeId === actor.officeId) throw AppError.forbidden('You cannot accept your own offer');
      this.requireOpen(offer);
      const files = await this.files.lockFiles(tx, [offer.caseId]);
      const kase = files.get(offer.caseId);
      const why = await this.files.whyNot(tx, kase, offer.fromOfficeId);
      if (why === 'consent_missing') throw new AppError('consent_missing', 'The file no longer has a live consent');
      if (why) throw new AppError('case_not_transferable', `The file cannot move: ${NOT_TRANSFERABLE[why]}`);
      await this.files.move(tx, actor, kase!, actor.officeId!, { kind: 'handoff', id });
      const accepted = await this.handoffs.decide(tx, id, {
        status: 'accepted',
        by: actor.userId,
        acceptedBy: actor.officeId!,
      });
      await this.record(tx, actor, 'handoff.accepted', accepted);
      return accepted;
    });
  }

  /** A direct offer's office may decline it; a channel offer simply waits for another taker. */
  async decline(actor: Actor, id: string, reason?: string): Promise<HandoffPayload> {
    return this.close(actor, id, 'handoff.declined', reason, (offer) => {
      if (offer.toOfficeId !== actor.officeId) {
        throw AppError.forbidden(
          offer.channelId
            ? 'A channel offer is not declined: leave it to another office'
            : 'Only the offered office may decline',
        );
      }
    });
  }

  async withdraw(actor: Actor, id: string, reason?: string): Promise<HandoffPayload> {
    return this.close(actor, id, 'handoff.withdrawn', reason, (offer) => {
      if (offer.fromOfficeId !== actor.officeId) throw AppError.forbidden('Only the offering office may withdraw');
    });
  }

  /** Offers past their time become expired, with their events (run by the job scheduler). */
  async expireDue(tx: Tx): Promise<number> {
    const expired = await this.handoffs.expireDue(tx);
    for (const offer of expired) await this.record(tx, null, 'handoff.expired', offer);
    return expired.length;
  }

  private async close(
    actor: Actor,
    id: string,
    type: 'handoff.declined' | 'handoff.withdrawn',
    reason: string | undefined,
    authorize: (offer: HandoffPayload) => void,
  ): Promise<HandoffPayload> {
    return this.transactions.run(async (tx) => {
      const offer = await this.visible(tx, actor, id, true);
      authorize(offer);
      this.requireOpen(offer);
      const status = type === 'handoff.declined' ? 'declined' : 'withdrawn';
      const closed = await this.handoffs.decide(tx, id, { status, by: actor.userId, reason });
      await this.record(tx, actor, type, closed);
      return closed;
    });
  }

  private requireOpen(offer: HandoffPayload): void {
    if (offer.status !== 'offered' || new Date(offer.expiresAt) <= new Date()) {
      throw new AppError('handoff_not_open', `This offer is ${offer.status === 'offered' ? 'expired' : offer.status}`);
    }
  }

  private async visible(tx: Tx, actor: Actor, id: string, lock = false): Promise<HandoffPayload> {
    const offer = actor.officeId ? await this.handoffs.findVisible(tx, actor.officeId, id, lock) : null;
    if (!offer) throw AppError.notFound('Handoff');
    return offer;
  }

  /** Audit row and events: to both offices and, for a channel offer, to the channel. */
  private async record(tx: Tx, actor: Actor | null, type: LiveEventType & `handoff.${string}`, offer: HandoffPayload) {
    await this.audit.record(tx, {
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
    for (const stream of targets) await this.events.append(tx, stream, type, actor, offer);
    // On the channel, only the offices the offer was made to see it (live and in replays).
    if (offer.channelId) {
      const audience = await this.handoffs.eligibleOffices(tx, offer.id);
      await this.events.append(tx, streams.channel(offer.channelId), type, actor, offer, audience);
    }
  }
}
