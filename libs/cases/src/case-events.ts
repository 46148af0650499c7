import { Injectable } from '@nestjs/common';
import type { Actor, Tx } from '@relay/platform';
import type { CaseEntity } from './case.entities.js';

/** What other contexts may do, inside the case change's own transaction. */
export interface CaseListener {
  created?(tx: Tx, actor: Actor, kase: CaseEntity): Promise<void>;
  moved?(tx: Tx, actor: Actor, kase: CaseEntity, fromOfficeId: string, toOfficeId: string): Promise<void>;
}

/**
 * Case changes others build on (a new file gets its checklist; a moved file's follow-ups lose
 * their assignees). The cases context knows nothing of its listeners; they register at start.
 */
@Injectable()
export class CaseEvents {
  private readonly listeners: CaseListener[] = [];

  listen(listener: CaseListener): void {
    this.listeners.push(listener);
  }

  async created(tx: Tx, actor: Actor, kase: CaseEntity): Promise<void> {
    for (const listener of this.listeners) await listener.created?.(tx, actor, kase);
  }

  async moved(tx: Tx, actor: Actor, kase: CaseEntity, fromOfficeId: string, toOfficeId: string): Promise<void> {
    for (const listener of this.listeners) await listener.moved?.(tx, actor, kase, fromOfficeId, toOfficeId);
  }
}
