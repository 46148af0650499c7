import { Injectable } from '@nestjs/common';
import { Subject } from 'rxjs';
import type { LiveEvent } from './live-event.js';

/** Orders to act on open sockets when a session ends (an office leaving a channel is an event). */
export type SocketCommand =
  { kind: 'disconnect_user'; userId: string } | { kind: 'disconnect_session'; sessionId: string };

/**
 * In-process hand-over from committed transactions to the socket gateway. Domain modules
 * publish here and never touch sockets; the gateway is the only subscriber.
 */
@Injectable()
export class LiveBus {
  readonly events = new Subject<LiveEvent>();
  readonly commands = new Subject<SocketCommand>();

  publish(events: LiveEvent[]): void {
    for (const event of events) this.events.next(event);
  }

  command(command: SocketCommand): void {
    this.commands.next(command);
  }
}
