import { Injectable } from '@nestjs/common';
import type { Actor, Tx } from '@relay/platform';

/** What other contexts may react to, inside the directory change's own transaction. */
export interface DirectoryListener {
  partyCreated?(tx: Tx, actor: Actor | null, party: { id: string; name: string }): Promise<void>;
  officePartyChanged?(
    tx: Tx,
    actor: Actor | null,
    officeId: string,
    from: string | null,
    to: string | null,
  ): Promise<void>;
}

/**
 * Directory changes others depend on (e.g. a party's channel follows its offices). The
 * directory knows nothing of its listeners; they register themselves at start.
 */
@Injectable()
export class DirectoryEvents {
  private readonly listeners: DirectoryListener[] = [];

  listen(listener: DirectoryListener): void {
    this.listeners.push(listener);
  }

  async partyCreated(tx: Tx, actor: Actor | null, party: { id: string; name: string }): Promise<void> {
    for (const listener of this.listeners) await listener.partyCreated?.(tx, actor, party);
  }

  async officePartyChanged(tx: Tx, actor: Actor | null, officeId: string, from: string | null, to: string | null) {
    if (from === to) return;
    for (const listener of this.listeners) await listener.officePartyChanged?.(tx, actor, officeId, from, to);
  }
}
