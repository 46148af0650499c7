import {
  type Actor,
  type AppConfig,
  type OfficeActor,
  AppError,
  type TransactionRunner,
  type Tx,
} from '@relay/platform';

/**
 * The lifecycle handoffs and trades share: made open (offered / proposed) with an expiry,
 * then accepted, declined, withdrawn or expired, once and for good. Each kind keeps only
 * what differs: its table, who may do what, what moves on accept, and who hears of it.
 */
export interface Offer {
  id: string;
  status: string;
  expiresAt: string;
}

export type OfferOutcome = 'accepted' | 'declined' | 'withdrawn' | 'expired';

export interface OfferDecision {
  status: OfferOutcome;
  by: string | null;
  reason?: string;
  /** For a channel handoff: the office that took it. */
  acceptedBy?: string;
}

export interface OfferStore<T extends Offer> {
  /** "Handoff" or "Trade", as the 404 names it. */
  readonly noun: string;
  /** The one open state: 'offered' for a handoff, 'proposed' for a trade. */
  readonly openStatus: string;
  findVisible(tx: Tx, officeId: string, id: string, lock: boolean): Promise<T | null>;
  decide(tx: Tx, id: string, decision: OfferDecision): Promise<T>;
  /** Open offers past their time, claimed (marked expired) by this transaction. */
  expireDue(tx: Tx): Promise<T[]>;
  /** The audit row and live events of an outcome. */
  record(tx: Tx, actor: Actor | null, outcome: OfferOutcome, offer: T): Promise<void>;
}

export class OfferLifecycle<T extends Offer> {
  private readonly turns = new Turns();

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly store: OfferStore<T>,
  ) {}

  /** The offer if the caller's office is a party to it; a 404 otherwise. */
  async visible(tx: Tx, actor: OfficeActor, id: string, lock = false): Promise<T> {
    const offer = await this.store.findVisible(tx, actor.officeId, id, lock);
    if (!offer) throw AppError.notFound(this.store.noun);
    return offer;
  }

  /**
   * Of concurrent accepts exactly one wins: the row is locked and must still be open; then
   * `transfer` moves what the offer moves, in the same transaction.
   */
  accept(
    actor: OfficeActor,
    id: string,
    authorize: (offer: T) => void,
    transfer: (tx: Tx, offer: T) => Promise<void>,
    acceptedBy?: string,
  ): Promise<T> {
    return this.decide(actor, id, { status: 'accepted', by: actor.userId, acceptedBy }, authorize, transfer);
  }

  /** Declines or withdraws an open offer the caller may close. */
  close(
    actor: OfficeActor,
    id: string,
    outcome: 'declined' | 'withdrawn',
    reason: string | undefined,
    authorize: (offer: T) => void,
  ): Promise<T> {
    return this.decide(actor, id, { status: outcome, by: actor.userId, reason }, authorize);
  }

  /** Offers past their time become expired, with their events (run by the job scheduler). */
  async expireDue(tx: Tx): Promise<number> {
    const expired = await this.store.expireDue(tx);
    for (const offer of expired) await this.store.record(tx, null, 'expired', offer);
    return expired.length;
  }

  /**
   * A decided (or lapsed) offer stays so, so its committed state answers a caller without a
   * lock or a transaction. On this node the callers deciding one offer take turns, each
   * reading that state when its turn comes: the losers of a race are answered by one read
   * once the winner commits, instead of each holding a connection while it waits on the row
   * lock. The row lock still decides between nodes.
   */
  private async decide(
    actor: OfficeActor,
    id: string,
    decision: OfferDecision,
    authorize: (offer: T) => void,
    transfer?: (tx: Tx, offer: T) => Promise<void>,
  ): Promise<T> {
    return this.turns.run(id, async () => {
      await this.check(actor, id, authorize);
      return this.transactions.run(async (tx) => {
        const offer = await this.visible(tx, actor, id, true);
        authorize(offer);
        this.requireOpen(offer);
        await transfer?.(tx, offer);
        const decided = await this.store.decide(tx, id, decision);
        await this.store.record(tx, actor, decision.status, decided);
        return decided;
      });
    });
  }

  /** The checks of `decide` on the committed state, unlocked: they fail as the locked ones would. */
  private async check(actor: OfficeActor, id: string, authorize: (offer: T) => void): Promise<void> {
    const offer = await this.visible(this.transactions.reader, actor, id);
    authorize(offer);
    this.requireOpen(offer);
  }

  private requireOpen(offer: T): void {
    const open = this.store.openStatus;
    if (offer.status !== open || new Date(offer.expiresAt) <= new Date()) {
      const what = this.store.noun === 'Trade' ? 'trade' : 'offer';
      throw new AppError('handoff_not_open', `This ${what} is ${offer.status === open ? 'expired' : offer.status}`);
    }
  }
}

/** When an offer lapses: as asked (in the future), else the default, shorter for emergencies. */
export function offerExpiry(config: AppConfig, urgency: string, requested?: string): Date {
  if (requested !== undefined) {
    const at = new Date(requested);
    if (at.getTime() <= Date.now()) throw AppError.invalid('expiresAt', 'must be in the future');
    return at;
  }
  const hours = urgency === 'emergency' ? config.EMERGENCY_OFFER_TTL_HOURS : config.OFFER_TTL_HOURS;
  return new Date(Date.now() + hours * 3600_000);
}

/** Work for one key runs one at a time on this node, in arrival order. */
class Turns {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<R>(key: string, work: () => Promise<R>): Promise<R> {
    const before = this.tails.get(key);
    const result = before ? before.then(work) : work();
    const tail = result.catch(() => undefined); // a failed turn hands on to the next all the same
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}
