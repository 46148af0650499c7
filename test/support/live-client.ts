import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientMessages, LiveEvent } from '../../libs/platform/src/events/live-event.js';

/**
 * A real socket.io client on `/live`, keeping every event it receives, as a browser tab
 * or a mobile app would.
 */
export class LiveClient {
  readonly events: LiveEvent[] = [];
  readonly socket: Socket;

  constructor(
    baseUrl: string,
    token: string | undefined,
    options: { autoConnect?: boolean; headers?: Record<string, string> } = {},
  ) {
    this.socket = io(`${baseUrl}/live`, {
      auth: token === undefined ? {} : { token },
      transports: ['websocket'],
      reconnection: false,
      autoConnect: options.autoConnect ?? true,
      extraHeaders: options.headers,
    });
    this.socket.on('event', (event: LiveEvent) => this.events.push(event));
  }

  static async connect(baseUrl: string, token: string): Promise<LiveClient> {
    const client = new LiveClient(baseUrl, token);
    await client.connected();
    return client;
  }

  connected(): Promise<void> {
    if (this.socket.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', (error) => reject(error));
    });
  }

  /** Resolves with the connect_error message (e.g. `unauthorized`). */
  refused(): Promise<string> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect', () => reject(new Error('the connection was accepted')));
      this.socket.once('connect_error', (error) => resolve(error.message));
    });
  }

  send<K extends keyof ClientMessages>(message: K, payload: unknown): Promise<Ack<ClientMessages[K]['reply']>> {
    return this.socket.timeout(10_000).emitWithAck(message, payload) as Promise<Ack<ClientMessages[K]['reply']>>;
  }

  /** Waits until `predicate` holds over the received events (or fails after `ms`). */
  async waitFor(predicate: (events: LiveEvent[]) => boolean, ms = 10_000): Promise<LiveEvent[]> {
    const deadline = Date.now() + ms;
    while (!predicate(this.events)) {
      if (Date.now() > deadline)
        throw new Error(`timed out; received: ${JSON.stringify(this.events.map((e) => e.type))}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.events;
  }

  ofType<T extends LiveEvent['type']>(type: T): LiveEvent<T>[] {
    return this.events.filter((event) => event.type === type) as LiveEvent<T>[];
  }

  close(): void {
    this.socket.close();
  }
}
