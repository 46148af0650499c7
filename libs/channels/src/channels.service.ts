import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  type Actor,
  type OfficeActor,
  officeActor,
  AppError,
  decodeCursor,
  EventLog,
  type Page,
  type PageQuery,
  streams,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { DirectoryEvents, DirectoryService } from '@relay/directory';
import { ChannelsRepository, type ChannelKind, type ChannelRow } from './channels.repository.js';
import { toChannelView, type ChannelView } from './channel.views.js';
import type { CreateChannelDto } from './channel.dto.js';

/**
 * Caseload channels and their member offices. A party's channel follows the party's
 * offices by itself; region and custom channels are managed by office leads (and admins).
 * A channel is visible only to its member offices: to anyone else it does not exist.
 */
@Injectable()
export class ChannelsService implements OnModuleInit {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly directory: DirectoryService,
    private readonly directoryEvents: DirectoryEvents,
  ) {}

  onModuleInit(): void {
    this.directoryEvents.listen({
      partyCreated: (tx, actor, party) => this.createPartyChannel(tx, actor, party).then(() => undefined),
      officePartyChanged: (tx, actor, officeId, from, to) => this.followParty(tx, actor, officeId, from, to),
    });
  }

  async list(actor: OfficeActor, query: PageQuery): Promise<Page<ChannelView>> {
    const after = decodeCursor(query.after, ['string', 'uuid']);
    const rows = await this.channels.listForOffice(actor.officeId, after, query.limit + 1);
    return toPage(rows, query.limit, (row) => [row.name, row.id], toChannelView);
  }

  async get(actor: OfficeActor, channelId: string): Promise<ChannelView> {
    return toChannelView(await this.visible(this.channels.reader, actor, channelId));
  }

  async create(actor: Actor, dto: CreateChannelDto): Promise<ChannelView> {
    const ownOffice = actor.role === 'office_lead' ? actor.officeId : null;
    if (!ownOffice && actor.role !== 'admin') throw AppError.forbidden('Only office leads and admins create channels');
    const members = [...new Set([...(ownOffice ? [ownOffice] : []), ...dto.memberOfficeIds])];
    if (members.length === 0) throw AppError.invalid('memberOfficeIds', 'a channel needs at least one office');
    return this.transactions.run(async (tx) => {
      await this.checkOffices(tx, members);
      if (dto.kind === 'region' && ownOffice) {
        // An office lead's region is its own riding and the ridings that border it.
        const neighbours = new Set((await this.directory.getOffice(ownOffice, tx)).neighbourIds);
        const outside = members.filter((id) => id !== ownOffice && !neighbours.has(id));
        if (outside.length > 0) {
          throw AppError.invalid('memberOfficeIds', `not neighbours of your riding: ${outside.join(', ')}`);
        }
      }
      const channelId = await this.insertChannel(tx, actor, { kind: dto.kind, name: dto.name }, members);
      return toChannelView((await this.channels.findAny(tx, channelId))!);
    });
  }

  async addMember(actor: Actor, channelId: string, officeId: string): Promise<ChannelView> {
    return this.transactions.run(async (tx) => {
      const channel = await this.manageable(tx, actor, channelId);
      await this.checkOffices(tx, [officeId]);
      if ((await this.channels.addMembers(tx, channelId, [officeId])).length > 0) {
        await this.memberChanged(tx, actor, channelId, officeId, 'channel.member_added');
      }
      return toChannelView((await this.channels.findAny(tx, channel.id))!);
    });
  }

  /** The channel's creating office (or an admin) removes any office; a member office may leave. */
  async removeMember(actor: Actor, channelId: string, officeId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const channel = await this.manageable(tx, actor, channelId, officeId === actor.officeId);
      if (!channel.member_office_ids.includes(officeId)) throw AppError.notFound('Member office');
      await this.channels.removeMember(tx, channelId, officeId);
      await this.memberChanged(tx, actor, channelId, officeId, 'channel.member_removed');
    });
  }

  channelIdsOfOffice(officeId: string): Promise<string[]> {
    return this.channels.channelIdsOfOffice(officeId);
  }

  channelIdsOfOffices(officeIds: string[]): Promise<Map<string, Set<string>>> {
    return this.channels.channelIdsOfOffices(officeIds);
  }

  async memberOfficeIds(channelId: string, tx: Tx = this.channels.reader): Promise<string[]> {
    return (await this.channels.findAny(tx, channelId))?.member_office_ids ?? [];
  }

  /** For bulk loads (the demo seed), which write parties and offices without the directory's hooks. */
  async ensurePartyChannels(tx: Tx): Promise<void> {
    const withChannel = await this.channels.partiesWithChannel(tx);
    for (const party of await this.directory.partiesWithOffices(tx)) {
      if (withChannel.has(party.id)) continue;
      await this.insertChannel(tx, null, { kind: 'party', name: party.name, partyId: party.id }, party.officeIds);
    }
  }

  /** Used by the demo seed: one region channel per province. */
  async createRegionChannel(tx: Tx, name: string, officeIds: string[]): Promise<string> {
    return this.insertChannel(tx, null, { kind: 'region', name }, officeIds);
  }

  /** 404 unless the actor's office is a member: for writes that need no more than that. */
  /** A handoff offer made to a channel, as an item of its feed (the handoffs context calls this). */
  async postHandoffOffer(
    tx: Tx,
    offer: { id: string; channelId: string; fromOfficeId: string; note: string },
    authorId: string,
  ): Promise<void> {
    await this.channels.insertPost(tx, {
      channelId: offer.channelId,
      kind: 'handoff',
      authorId,
      officeId: offer.fromOfficeId,
      body: offer.note,
      handoffId: offer.id,
    });
  }

  async requireMember(actor: OfficeActor, channelId: string, tx: Tx = this.channels.reader): Promise<void> {
    if (!(await this.channels.isMember(channelId, actor.officeId, tx))) {
      throw AppError.notFound('Channel');
    }
  }

  /** The channel as its member `actor` sees it; 404 for everyone else. */
  async visible(tx: Tx, actor: OfficeActor, channelId: string, lock = false): Promise<ChannelRow> {
    const channel = await this.channels.findForMember(tx, channelId, actor.officeId, lock);
    if (!channel) throw AppError.notFound('Channel');
    return channel;
  }

  private async createPartyChannel(tx: Tx, actor: Actor | null, party: { id: string; name: string }) {
    return this.insertChannel(tx, actor, { kind: 'party', name: party.name, partyId: party.id }, []);
  }

  /** An office that changes party leaves the old party's channel and joins the new one at once. */
  private async followParty(tx: Tx, actor: Actor | null, officeId: string, from: string | null, to: string | null) {
    const leaving = from ? await this.channels.partyChannelId(tx, from) : null;
    if (leaving && (await this.channels.removeMember(tx, leaving, officeId))) {
      await this.memberChanged(tx, actor, leaving, officeId, 'channel.member_removed');
    }
    const joining = to ? await this.channels.partyChannelId(tx, to) : null;
    if (joining && (await this.channels.addMembers(tx, joining, [officeId])).length > 0) {
      await this.memberChanged(tx, actor, joining, officeId, 'channel.member_added');
    }
  }

  private async insertChannel(
    tx: Tx,
    actor: Actor | null,
    channel: { kind: ChannelKind; name: string; partyId?: string },
    officeIds: string[],
  ): Promise<string> {
    const channelId = await this.channels.insertChannel(tx, {
      ...channel,
      createdBy: actor?.userId ?? null,
      ownerOfficeId: actor?.officeId ?? null,
    });
    await this.channels.addMembers(tx, channelId, officeIds);
    this.audit.record(tx, {
      action: 'channel.created',
      actor,
      targetType: 'channel',
      targetId: channelId,
      data: { kind: channel.kind, members: officeIds.length },
    });
    for (const officeId of officeIds) {
      this.events.append(tx, streams.office(officeId), 'channel.created', actor, {
        channelId,
        name: channel.name,
        kind: channel.kind,
      });
    }
    return channelId;
  }

  /** Told to the channel and to the office itself, whose sockets follow (see the gateway). */
  private async memberChanged(
    tx: Tx,
    actor: Actor | null,
    channelId: string,
    officeId: string,
    type: 'channel.member_added' | 'channel.member_removed',
  ): Promise<void> {
    this.audit.record(tx, { action: type, actor, officeId, targetType: 'channel', targetId: channelId });
    this.events.append(tx, streams.channel(channelId), type, actor, { channelId, officeId });
    this.events.append(tx, streams.office(officeId), type, actor, { channelId, officeId });
  }

  /** Region and custom channels are managed by their creating office's lead or an admin. */
  private async manageable(tx: Tx, actor: Actor, channelId: string, leaving = false): Promise<ChannelRow> {
    const channel =
      actor.role === 'admin'
        ? await this.channels.findAny(tx, channelId)
        : await this.visible(tx, officeActor(actor), channelId, true);
    if (!channel) throw AppError.notFound('Channel');
    if (channel.kind === 'party') {
      throw new AppError('conflict', "A party channel's members follow the party's offices; change the office's party");
    }
    if (actor.role === 'admin' || (leaving && actor.role === 'office_lead')) return channel;
    if (actor.role !== 'office_lead' || channel.owner_office_id !== actor.officeId) {
      throw AppError.forbidden("Only the lead of the channel's creating office, or an admin, manages its members");
    }
    return channel;
  }

  private async checkOffices(tx: Tx, officeIds: string[]): Promise<void> {
    const [unknown] = await this.directory.unknownOffices(tx, officeIds);
    if (unknown) throw AppError.invalid('officeId', `no such office: ${unknown}`);
  }
}
