import { Injectable } from '@nestjs/common';
import {
  AppError,
  assertVersion,
  decodeCursor,
  EventLog,
  type OfficeActor,
  type Page,
  encodeCursor,
  streams,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { ChannelsRepository, type NewPost, type PostRow } from './channels.repository.js';
import { ChannelsService } from './channels.service.js';
import { toPostPayload, toPostView } from './channel.views.js';
import type { EditMessageDto, FeedQuery, PostAlertDto, PostMessageDto } from './channel.dto.js';

type PostView = ReturnType<typeof toPostView>;

/**
 * Messages and alerts in a channel's feed. Bodies are free text shared with every member
 * office: the API cannot tell a constituent's name from any other word, so the contract
 * asks assistants to link a case by `caseRef` instead of describing the person.
 */
@Injectable()
export class PostsService {
  constructor(
    private readonly channelsRepo: ChannelsRepository,
    private readonly channels: ChannelsService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
  ) {}

  async feed(actor: OfficeActor, channelId: string, query: FeedQuery): Promise<Page<PostView>> {
    await this.channels.requireMember(actor, channelId);
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    if (query.latest) {
      // The newest page; its cursor is its newest post, from which later posts follow.
      const rows = await this.channelsRepo.feed(channelId, actor.officeId, after, query.limit, true);
      const last = rows.at(-1);
      return {
        items: rows.map((row) => toPostView(row, actor.officeId)),
        nextCursor: last ? encodeCursor([last.created_at.toISOString(), last.id]) : null,
      };
    }
    const rows = await this.channelsRepo.feed(channelId, actor.officeId, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.created_at.toISOString(), row.id],
      (row) => toPostView(row, actor.officeId),
    );
  }

  async postMessage(actor: OfficeActor, channelId: string, dto: PostMessageDto): Promise<PostView> {
    return this.transactions.run(async (tx) => {
      await this.channels.requireMember(actor, channelId, tx);
      if (dto.replyToId) await this.checkReplyTarget(tx, channelId, dto.replyToId);
      const caseId = dto.caseRef ? await this.linkedCase(tx, actor, dto.caseRef) : null;
      const post = await this.insert(tx, actor, {
        channelId,
        kind: 'message',
        body: dto.body,
        replyToId: dto.replyToId,
        caseId,
      });
      this.events.append(tx, streams.channel(channelId), 'message.posted', actor, toPostPayload(post));
      return toPostView(post, actor.officeId);
    });
  }

  async postAlert(actor: OfficeActor, channelId: string, dto: PostAlertDto): Promise<PostView> {
    return this.transactions.run(async (tx) => {
      await this.channels.requireMember(actor, channelId, tx);
      const post = await this.insert(tx, actor, {
        channelId,
        kind: 'alert',
        body: dto.body,
        alert: {
          title: dto.title,
          severity: dto.severity,
          categories: dto.categories,
          immigrationTypes: dto.immigrationTypes,
          effectiveDate: dto.effectiveDate ?? null,
          sourceUrl: dto.sourceUrl ?? null,
        },
      });
      this.events.append(tx, streams.channel(channelId), 'alert.posted', actor, toPostPayload(post));
      return toPostView(post, actor.officeId);
    });
  }

  /** Only the author edits or deletes a message; the audit trail keeps that it happened. */
  async editMessage(
    actor: OfficeActor,
    channelId: string,
    messageId: string,
    dto: EditMessageDto,
    ifMatch?: number,
  ): Promise<PostView> {
    return this.transactions.run(async (tx) => {
      assertVersion(ifMatch, (await this.ownMessage(tx, actor, channelId, messageId)).version);
      await this.channelsRepo.updatePost(tx, messageId, { body: dto.body });
      const post = (await this.channelsRepo.findPost(tx, messageId))!;
      this.audit.record(tx, { action: 'message.edited', actor, targetType: 'message', targetId: messageId });
      // The earlier text leaves every stored event of this message (its replays) with it.
      await this.events.scrubPost(tx, streams.channel(channelId), messageId, { body: post.body });
      this.events.append(tx, streams.channel(channelId), 'message.edited', actor, toPostPayload(post));
      return toPostView(post, actor.officeId);
    });
  }

  async deleteMessage(actor: OfficeActor, channelId: string, messageId: string, ifMatch?: number): Promise<void> {
    await this.transactions.run(async (tx) => {
      assertVersion(ifMatch, (await this.ownMessage(tx, actor, channelId, messageId)).version);
      await this.channelsRepo.updatePost(tx, messageId, { deleted: true });
      this.audit.record(tx, { action: 'message.deleted', actor, targetType: 'message', targetId: messageId });
      await this.events.scrubPost(tx, streams.channel(channelId), messageId, { body: null, deleted: true });
      this.events.append(tx, streams.channel(channelId), 'message.deleted', actor, { id: messageId, channelId });
    });
  }

  private async insert(
    tx: Tx,
    actor: OfficeActor,
    fields: Omit<NewPost, 'authorId' | 'officeId'> & { kind: 'message' | 'alert' },
  ) {
    const post = await this.channelsRepo.insertPost(tx, {
      ...fields,
      authorId: actor.userId,
      officeId: actor.officeId,
    });
    const { channelId, kind, alert } = fields;
    this.audit.record(tx, {
      action: kind === 'alert' ? 'alert.posted' : 'message.posted',
      actor,
      targetType: kind,
      targetId: post.id,
      data: { channelId, ...(kind === 'alert' ? { severity: alert?.severity } : {}) },
    });
    return post;
  }

  private async ownMessage(tx: Tx, actor: OfficeActor, channelId: string, messageId: string): Promise<PostRow> {
    await this.channels.requireMember(actor, channelId, tx);
    const post = await this.channelsRepo.findPost(tx, messageId, true);
    if (!post || post.channel_id !== channelId || post.kind !== 'message' || post.deleted_at) {
      throw AppError.notFound('Message');
    }
    if (post.author_id !== actor.userId) throw AppError.forbidden('Only its author edits or deletes a message');
    return post;
  }

  /** Threads are one level deep: a reply answers a top-level message of the same channel. */
  private async checkReplyTarget(tx: Tx, channelId: string, replyToId: string): Promise<void> {
    const target = await this.channelsRepo.findPost(tx, replyToId);
    if (!target || target.channel_id !== channelId || target.deleted_at) {
      throw AppError.invalid('replyToId', 'no such message in this channel');
    }
    if (target.reply_to_id) throw AppError.invalid('replyToId', 'replies are one level deep: answer the first message');
  }

  private async linkedCase(tx: Tx, actor: OfficeActor, reference: string): Promise<string> {
    const caseId = await this.channelsRepo.caseIdByReference(tx, actor.officeId, reference);
    if (!caseId) throw AppError.invalid('caseRef', 'no case of your office has this reference');
    return caseId;
  }
}
