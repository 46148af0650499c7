import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  type OnGatewayConnection,
  type OnGatewayDisconnect,
  type OnGatewayInit,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Namespace, Socket } from 'socket.io';
import type { Subscription } from 'rxjs';
import {
  type Ack,
  type Actor,
  AppConfig,
  type ClientMessages,
  AppError,
  EventLog,
  Metrics,
  RedisConnection,
  type LiveEvent,
  LiveBus,
  type PresencePayload,
  type SocketCommand,
  streams,
} from '@relay/platform';
import { AuthService } from '@relay/identity';
import { ChannelsService } from '@relay/channels';
import { LiveService } from './live.service.js';
import { ChannelDto, SubscribeDto, SyncDto } from './live.dto.js';
import { RateLimiter } from './rate-limiter.js';
import { StreamSequencer } from './stream-sequencer.js';

/** What other nodes may read of a socket (fetchSockets sends it through Redis as JSON). */
interface SocketData {
  actor: Actor;
  displayName: string;
  expiresAt: number;
}

/** What stays on this node: timers and counters do not travel. */
interface LocalState {
  limiter: RateLimiter;
  expiry?: NodeJS.Timeout;
}
type LiveSocket = Socket<
  Record<string, never>,
  { event: (event: LiveEvent) => void },
  Record<string, never>,
  SocketData
>;

const sessionRoom = (sessionId: string) => `session:${sessionId}`;

/**
 * The `/live` namespace. Authenticates at the handshake, joins the user's and office's
 * streams, answers subscribe/unsubscribe/sync/presence through acks, and relays committed
 * events from the live bus to their stream's room.
 */
@WebSocketGateway({ namespace: '/live' })
export class LiveGateway implements OnGatewayInit, OnGatewayConnection, OnGatewayDisconnect, OnModuleDestroy {
  private readonly logger = new Logger('live');
  private readonly subscriptions: Subscription[] = [];
  private readonly sequencer: StreamSequencer;
  private readonly local = new WeakMap<LiveSocket, LocalState>();
  @WebSocketServer() private readonly server: Namespace;

  constructor(
    private readonly auth: AuthService,
    private readonly live: LiveService,
    private readonly channels: ChannelsService,
    private readonly bus: LiveBus,
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
    private readonly redis: RedisConnection,
    eventLog: EventLog,
  ) {
    this.sequencer = new StreamSequencer(
      (event) => this.relay(event),
      (stream, afterSeq, limit) => eventLog.read(stream, afterSeq, limit),
    );
  }

  afterInit(server: Namespace): void {
    // A missing, invalid or expired token fails the connection with `unauthorized`.
    server.use((socket, next) => {
      const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
      const fail = () => next(new Error('unauthorized'));
      if (typeof token !== 'string' || token.length === 0 || token.length > 4096) return fail();
      this.auth.authenticateToken(token).then(
        (session) => {
          if (!session) return fail();
          Object.assign(socket.data, session);
          this.local.set(socket as LiveSocket, { limiter: new RateLimiter(this.config.SOCKET_RATE_LIMIT) });
          next();
        },
        () => next(new Error('service_unavailable')),
      ); // the database, not the token, failed
    });
    this.subscriptions.push(
      // RxJS rethrows a subscriber's error asynchronously, which would stop the process: keep it here.
      this.bus.events.subscribe((event) => {
        try {
          this.publish(event);
        } catch (error) {
          this.logger.error(`relay failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
      this.bus.commands.subscribe((command) => this.obey(command)),
    );
    // Events committed on other nodes, through the Redis adapter (never fired without Redis).
    server.on('relay', (event: LiveEvent) => this.sequencer.push(event));
  }

  async handleConnection(socket: LiveSocket): Promise<void> {
    const { actor } = socket.data;
    if (!actor) return; // refused by the handshake middleware
    this.listen(socket);
    this.metrics.socketsConnected.inc();
    await socket.join([
      streams.user(actor.userId),
      sessionRoom(actor.sessionId),
      ...(actor.officeId ? [streams.office(actor.officeId)] : []),
    ]);
    // The token is checked again when it expires: the client reconnects with a fresh one.
    const expiresIn = socket.data.expiresAt - Date.now();
    this.local.get(socket)!.expiry = setTimeout(() => socket.disconnect(true), Math.max(0, expiresIn));
    await this.announcePresence(socket, true);
  }

  async handleDisconnect(socket: LiveSocket): Promise<void> {
    clearTimeout(this.local.get(socket)?.expiry);
    if (!socket.data.actor) return;
    this.metrics.socketsConnected.dec();
    await this.announcePresence(socket, false);
  }

  onModuleDestroy(): void {
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.sequencer.stop();
  }

  private subscribe(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(SubscribeDto, payload);
      const room = streams.channel(dto.channelId);
      await this.channels.requireMember(socket.data.actor, dto.channelId);
      await socket.join(room); // joined before reading, so nothing falls between (duplicates share a seq)
      // A removal committed between the check and the join was relayed before we joined: check
      // again from inside the room (a later removal's relay will find the socket there).
      try {
        await this.channels.requireMember(socket.data.actor, dto.channelId);
      } catch (error) {
        await socket.leave(room);
        throw error;
      }
      return this.live.missedOnChannel(dto.channelId, dto.after);
    });
  }

  private unsubscribe(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(ChannelDto, payload);
      await socket.leave(streams.channel(dto.channelId));
      return {};
    });
  }

  private sync(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(SyncDto, payload);
      return this.live.sync(socket.data.actor, dto.streams);
    });
  }

  private presence(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(ChannelDto, payload);
      await this.channels.requireMember(socket.data.actor, dto.channelId);
      return { online: await this.onlineIn(dto.channelId) };
    });
  }

  /**
   * The client messages, bound by hand before anything else happens on the socket: Nest's
   * @SubscribeMessage keeps an RxJS pipeline per message per socket, which at ten thousand
   * idle sockets was most of our memory above bare socket.io.
   */
  private listen(socket: LiveSocket): void {
    const handlers = {
      subscribe: this.subscribe,
      unsubscribe: this.unsubscribe,
      sync: this.sync,
      presence: this.presence,
    } satisfies Record<keyof ClientMessages, (socket: LiveSocket, payload: unknown) => Promise<unknown>>;
    for (const [message, handle] of Object.entries(handlers)) {
      (socket as unknown as Socket).on(message, (...args: unknown[]) => {
        const ack = args[args.length - 1];
        if (typeof ack !== 'function') return; // every message answers through its ack
        void handle.call(this, socket, args.length > 1 ? args[0] : undefined).then((answer) => ack(answer));
      });
    }
  }

  /** Rate limit, then the work; every failure becomes an error ack and the socket stays up. */
  private async answer<T extends object>(socket: LiveSocket, work: () => Promise<T>): Promise<Ack<T>> {
    if (!this.local.get(socket)?.limiter.take()) {
      return { ok: false, error: { code: 'rate_limited', message: 'Too many messages; slow down' } };
    }
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: { code: error.code, message: error.message } };
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      return { ok: false, error: { code: 'internal_error', message: 'An unexpected error occurred' } };
    }
  }

  /** A committed event of this node: to its own sockets, and to the other nodes for theirs. */
  private publish(event: LiveEvent): void {
    this.sequencer.push(event);
    if (!this.redis.configured) return;
    try {
      this.server.serverSideEmit('relay', event);
    } catch (error) {
      // Redis is down: other nodes' clients recover this event with `sync` once it is back.
      this.logger.warn(`event not relayed to other nodes: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Emits to this node's sockets only: every node relays each event itself, in seq order. */
  private relay(event: LiveEvent): void {
    this.server.local.to(event.stream).emit('event', event);
    this.metrics.eventsPublished.inc({ type: event.type });
    this.metrics.eventDelay.observe((Date.now() - Date.parse(event.at)) / 1000);
    // An office removed from a channel stops following it at once, on every node.
    if (event.type === 'channel.member_removed' && event.stream.startsWith('office:')) {
      const { channelId, officeId } = event.data as { channelId: string; officeId: string };
      this.server.local.in(streams.office(officeId)).socketsLeave(streams.channel(channelId));
    }
  }

  private obey(command: SocketCommand): void {
    if (command.kind === 'disconnect_user') this.server.in(streams.user(command.userId)).disconnectSockets(true);
    if (command.kind === 'disconnect_session') this.server.in(sessionRoom(command.sessionId)).disconnectSockets(true);
  }

  private async onlineIn(channelId: string) {
    const offices = await this.channels.memberOfficeIds(channelId);
    if (offices.length === 0) return [];
    const sockets = await this.server.in(offices.map(streams.office)).fetchSockets();
    const online = new Map<string, { userId: string; officeId: string; displayName: string }>();
    for (const { data } of sockets) {
      const { actor, displayName } = data as SocketData;
      if (actor?.officeId) online.set(actor.userId, { userId: actor.userId, officeId: actor.officeId, displayName });
    }
    return [...online.values()];
  }

  /**
   * A user comes online with their first socket and goes offline with their last. Presence
   * is ephemeral: sent to the channel's subscribers with seq 0, never stored or replayed.
   */
  private async announcePresence(socket: LiveSocket, online: boolean): Promise<void> {
    try {
      await this.emitPresence(socket, online);
    } catch (error) {
      // Presence is best effort: a database hiccup must not take the socket (or the node) down.
      this.logger.warn(`presence not announced: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async emitPresence(socket: LiveSocket, online: boolean): Promise<void> {
    const { actor, displayName } = socket.data;
    if (!actor.officeId) return;
    const others = (await this.server.in(streams.user(actor.userId)).fetchSockets()).filter((s) => s.id !== socket.id);
    if (others.length > 0) return;
    for (const channelId of await this.channels.channelIdsOfOffice(actor.officeId)) {
      const data: PresencePayload = { channelId, userId: actor.userId, officeId: actor.officeId, displayName, online };
      const event: LiveEvent<'presence.changed'> = {
        stream: streams.channel(channelId),
        seq: 0,
        id: crypto.randomUUID(),
        type: 'presence.changed',
        at: new Date().toISOString(),
        actor: { userId: actor.userId, officeId: actor.officeId },
        data,
      };
      this.server.to(event.stream).emit('event', event);
    }
  }
}
