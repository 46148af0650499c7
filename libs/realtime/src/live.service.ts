import { Injectable } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type Actor, AppError, EventLog, type LiveEvent, streams } from '@relay/platform';
import { ChannelsService } from '@relay/channels';

// One sync or subscribe answers at most this many events; `hasMore` says to ask again.
export const CATCH_UP_LIMIT = 10_000;
const STREAM = /^(channel|office|user):[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What a socket may follow and read back from the durable event log. */
@Injectable()
export class LiveService {
  constructor(
    private readonly eventLog: EventLog,
    private readonly channels: ChannelsService,
  ) {}

  /** Validates a client message against its DTO; a bad one is a validation_failed ack. */
  async parse<T extends object>(type: new () => T, payload: unknown): Promise<T> {
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
      throw new AppError('validation_failed', 'The message must be an object');
    }
    const dto = plainToInstance(type, payload);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      const fields = errors.map((error) => error.property).join(', ');
      throw new AppError('validation_failed', `Invalid message: check ${fields}`);
    }
    return dto;
  }

  /** What a subscriber missed; the gateway has checked membership and joined the room first. */
  async missedOnChannel(actor: Actor, channelId: string, after?: number) {
    if (after === undefined) return { missed: [] as LiveEvent[], hasMore: false };
    return this.catchUp(actor, { [streams.channel(channelId)]: after });
  }

  /** Every event after the given seq of each stream the caller may read, in order per stream. */
  async sync(actor: Actor, requested: Record<string, unknown>) {
    const entries = Object.entries(requested);
    if (entries.length > 100) throw new AppError('validation_failed', 'Sync at most 100 streams at once');
    const wanted: Record<string, number> = {};
    // The office's channels, read once at the first channel stream rather than once per stream.
    let channels: Set<string> | undefined;
    const memberOf = async () =>
      (channels ??= new Set(actor.officeId ? await this.channels.channelIdsOfOffice(actor.officeId) : []));
    for (const [stream, after] of entries) {
      if (!STREAM.test(stream)) throw new AppError('validation_failed', `Unknown stream ${stream}`);
      if (typeof after !== 'number' || !Number.isSafeInteger(after) || after < 0) {
        throw new AppError('validation_failed', `The seq for ${stream} must be a whole number >= 0`);
      }
      await this.requireStream(actor, stream, memberOf);
      wanted[stream] = after;
    }
    return this.catchUp(actor, wanted);
  }

  /** Events with an audience reach only its offices (see EventLog.readFor). */
  private async catchUp(actor: Actor, wanted: Record<string, number>) {
    const missed: LiveEvent[] = [];
    for (const [stream, after] of Object.entries(wanted)) {
      const room = CATCH_UP_LIMIT - missed.length;
      if (room <= 0) return { missed, hasMore: true };
      const { events, scanned } = await this.eventLog.readFor(actor.officeId, stream, after, room + 1);
      if (scanned > room) return { missed: [...missed, ...events.slice(0, room)], hasMore: true };
      missed.push(...events);
    }
    return { missed, hasMore: false };
  }

  private async requireStream(actor: Actor, stream: string, memberOf: () => Promise<Set<string>>): Promise<void> {
    const [kind, id] = stream.split(':');
    if (kind === 'user' && id === actor.userId) return;
    if (kind === 'office' && id === actor.officeId) return;
    if (kind === 'channel' && (await memberOf()).has(id)) return;
    if (kind === 'channel') throw AppError.notFound('Channel');
    throw AppError.notFound('Stream');
  }
}
