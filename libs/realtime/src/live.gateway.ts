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
  type AudiencedEvent,
  AppConfig,
  type ClientMessages,
  AppError,
  EventLog,
  Metrics,
  officeActor,
  RedisConnection,
  type LiveEvent,
  LiveBus,
  type PresencePayload,
  type SocketCommand,
  streams,
  toWire,
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
  /** Catch-ups (sync, subscribe with after) per minute: each can read thousands of events. */
  catchUps: RateLimiter;
  /** Stops counting the socket as arriving (it is in its user's room now, or gone). */
  arrived: () => void;
  expiry?: NodeJS.Timeout;
}

// Sockets re-checked per pair of queries (sessions, memberships).
const RECHECK_BATCH = 1000;
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
  // Handshakes accepted but not yet in their user's room, per user (for SOCKETS_PER_USER).
  private readonly arriving = new Map<string, number>();
  private recheckTimer?: NodeJS.Timeout;
  private rechecking = false;
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
          const arrived = this.admit(socket as LiveSocket, session.actor.userId);
          if (!arrived) return next(new Error('too_many_sockets'));
          Object.assign(socket.data, session);
          this.local.set(socket as LiveSocket, {
            limiter: new RateLimiter(this.config.SOCKET_RATE_LIMIT),
            catchUps: new RateLimiter(this.config.SOCKET_CATCH_UP_PER_MINUTE, 60_000),
            arrived,
          });
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
    // A removal or logout reaches this node by one message, which can be lost: look again now and then,
    // and whenever Redis comes back (messages sent while it was away are gone).
    this.recheckTimer = setInterval(() => void this.recheck(), this.config.SOCKET_RECHECK_SECONDS * 1000);
    this.recheckTimer.unref();
    this.redis.sub?.on('ready', () => void this.recheck());
  }

  /**
   * Counts the user's sockets on this node (those connected and those arriving): null over
   * the cap, otherwise what to call once the socket is in its user's room.
   */
  private admit(socket: LiveSocket, userId: string): (() => void) | null {
    const connected = this.server.adapter.rooms.get(streams.user(userId))?.size ?? 0;
    const arriving = this.arriving.get(userId) ?? 0;
    if (connected + arriving >= this.config.SOCKETS_PER_USER) return null;
    this.arriving.set(userId, arriving + 1);
    let arrived = false;
    const release = () => {
      if (arrived) return;
      arrived = true;
      const left = (this.arriving.get(userId) ?? 1) - 1;
      if (left > 0) this.arriving.set(userId, left);
      else this.arriving.delete(userId);
    };
    socket.conn.once('close', release);
    return release;
  }

  /**
   * Re-checks every socket of this node: a socket whose session ended (or whose user changed
   * office or role) is closed, and one following a channel its office left leaves it. Two
   * queries per thousand sockets, never two runs at once.
   */
  async recheck(): Promise<void> {
    if (this.rechecking) return;
    this.rechecking = true;
    try {
      const sockets = [...this.server.sockets.values()] as LiveSocket[];
      for (let i = 0; i < sockets.length; i += RECHECK_BATCH) {
        await this.recheckBatch(sockets.slice(i, i + RECHECK_BATCH).filter((s) => s.connected && s.data.actor));
      }
    } catch (error) {
      this.logger.warn(`socket re-check failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.rechecking = false;
    }
  }

  private async recheckBatch(sockets: LiveSocket[]): Promise<void> {
    if (sockets.length === 0) return;
    const sessions = new Map(sockets.map(({ data: { actor } }) => [actor.sessionId, actor]));
    const live = await this.auth.liveSessions([...sessions.values()]);
    const offices = [...new Set(sockets.flatMap(({ data: { actor } }) => (actor.officeId ? [actor.officeId] : [])))];
    const memberships = offices.length > 0 ? await this.channels.channelIdsOfOffices(offices) : new Map();
    for (const socket of sockets) {
      const { actor } = socket.data;
      const state = live.get(actor.sessionId);
      if (!state || state.officeId !== actor.officeId || state.role !== actor.role) {
        socket.disconnect(true);
        continue;
      }
      const channels = memberships.get(actor.officeId ?? '') ?? new Set<string>();
      for (const room of socket.rooms) {
        if (room.startsWith('channel:') && !channels.has(room.slice('channel:'.length))) await socket.leave(room);
      }
    }
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
    this.local.get(socket)?.arrived(); // now counted by its user's room
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
    clearInterval(this.recheckTimer);
    for (const subscription of this.subscriptions) subscription.unsubscribe();
    this.sequencer.stop();
  }

  private subscribe(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(SubscribeDto, payload);
      if (dto.after !== undefined) this.takeCatchUp(socket);
      const room = streams.channel(dto.channelId);
      await this.channels.requireMember(officeActor(socket.data.actor), dto.channelId);
      await socket.join(room); // joined before reading, so nothing falls between (duplicates share a seq)
      // A removal committed between the check and the join was relayed before we joined: check
      // again from inside the room (a later removal's relay will find the socket there).
      try {
        await this.channels.requireMember(officeActor(socket.data.actor), dto.channelId);
      } catch (error) {
        await socket.leave(room);
        throw error;
      }
      return this.live.missedOnChannel(socket.data.actor, dto.channelId, dto.after);
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
      this.takeCatchUp(socket);
      return this.live.sync(socket.data.actor, dto.streams);
    });
  }

  private takeCatchUp(socket: LiveSocket): void {
    if (!this.local.get(socket)?.catchUps.take()) {
      throw new AppError('rate_limited', 'Too many catch-ups this minute; keep the events you have and try later');
    }
  }

  private presence(socket: LiveSocket, payload: unknown) {
    return this.answer(socket, async () => {
      const dto = await this.live.parse(ChannelDto, payload);
      await this.channels.requireMember(officeActor(socket.data.actor), dto.channelId);
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
  private relay(event: AudiencedEvent): void {
    if (event.audience) this.relayToAudience(event, event.audience);
    else this.server.local.to(event.stream).emit('event', event);
    this.metrics.eventsPublished.inc({ type: event.type });
    this.metrics.eventDelay.observe((Date.now() - Date.parse(event.at)) / 1000);
    // An office removed from a channel stops following it at once, on every node.
    if (event.type === 'channel.member_removed' && event.stream.startsWith('office:')) {
      const { channelId, officeId } = event.data as { channelId: string; officeId: string };
      this.server.local.in(streams.office(officeId)).socketsLeave(streams.channel(channelId));
    }
  }

  /** An event meant for some offices only: to the sockets of the room whose office is one of them. */
  private relayToAudience(event: AudiencedEvent, audience: string[]): void {
    const ids = this.server.adapter.rooms.get(event.stream);
    if (!ids) return;
    const wire = toWire(event);
    for (const id of ids) {
      const socket = this.server.sockets.get(id) as LiveSocket | undefined;
      const officeId = socket?.data.actor?.officeId;
      if (officeId && audience.includes(officeId)) socket.emit('event', wire);
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
