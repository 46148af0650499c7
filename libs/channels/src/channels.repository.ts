import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type HandoffRow, rowCountOf, rowsOf, type Tx } from '@relay/platform';

export type ChannelKind = 'party' | 'region' | 'custom';

export interface ChannelRow {
  id: string;
  kind: ChannelKind;
  name: string;
  party_id: string | null;
  created_by: string | null;
  owner_office_id: string | null;
  version: number;
  created_at: Date;
  member_office_ids: string[];
}

export interface PostRow {
  id: string;
  channel_id: string;
  kind: 'message' | 'alert' | 'handoff';
  author_id: string;
  office_id: string;
  body: string;
  reply_to_id: string | null;
  case_id: string | null;
  case_reference: string | null;
  case_handling_office_id: string | null;
  title: string | null;
  severity: 'info' | 'important' | 'urgent' | null;
  categories: string[];
  immigration_types: string[];
  effective_date: string | null;
  source_url: string | null;
  created_at: Date;
  edited_at: Date | null;
  deleted_at: Date | null;
  version: number;
  /** A handoff offer made to the channel, as it stands now (see the handoffs context). */
  handoff: HandoffRow | null;
}

/** A post to write: a message (perhaps a reply, or linking a file), an alert, or a handoff offer. */
export interface NewPost {
  channelId: string;
  kind: PostRow['kind'];
  authorId: string;
  officeId: string;
  body: string;
  replyToId?: string | null;
  caseId?: string | null;
  handoffId?: string;
  alert?: {
    title: string;
    severity: NonNullable<PostRow['severity']>;
    categories: string[];
    immigrationTypes: string[];
    effectiveDate: string | null;
    sourceUrl: string | null;
  };
}

const CHANNEL_COLUMNS = `c.id, c.kind, c.name, c.party_id, c.created_by, c.owner_office_id, c.version, c.created_at,
  coalesce((SELECT array_agg(m.office_id ORDER BY m.office_id) FROM channel_members m WHERE m.channel_id = c.id), '{}') AS member_office_ids`;

const POST_COLUMNS = `p.id, p.channel_id, p.kind, p.author_id, p.office_id, p.body, p.reply_to_id, p.case_id,
  k.reference AS case_reference, k.handling_office_id AS case_handling_office_id,
  p.title, p.severity, p.categories, p.immigration_types, to_char(p.effective_date, 'YYYY-MM-DD') AS effective_date,
  p.source_url, p.created_at, p.edited_at, p.deleted_at, p.version,
  (SELECT row_to_json(h) FROM handoffs h WHERE h.id = p.handoff_id) AS handoff`;

/** Channels, their member offices and their posts. Reads name the office asking. */
@Injectable()
export class ChannelsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insertChannel(
    tx: Tx,
    channel: {
      kind: ChannelKind;
      name: string;
      partyId?: string;
      createdBy: string | null;
      ownerOfficeId: string | null;
    },
  ) {
    const [row] = rowsOf<{ id: string }>(
      await tx.query(
        `INSERT INTO channels (kind, name, party_id, created_by, owner_office_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [channel.kind, channel.name, channel.partyId ?? null, channel.createdBy, channel.ownerOfficeId],
      ),
    );
    return row.id;
  }

  /** Adds offices not yet members; returns those actually added. */
  async addMembers(tx: Tx, channelId: string, officeIds: string[]): Promise<string[]> {
    const rows = rowsOf<{ office_id: string }>(
      await tx.query(
        `INSERT INTO channel_members (channel_id, office_id) SELECT $1, unnest($2::uuid[])
         ON CONFLICT DO NOTHING RETURNING office_id`,
        [channelId, officeIds],
      ),
    );
    return rows.map((row) => row.office_id);
  }

  async removeMember(tx: Tx, channelId: string, officeId: string): Promise<boolean> {
    const deleted = await tx.query(`DELETE FROM channel_members WHERE channel_id = $1 AND office_id = $2`, [
      channelId,
      officeId,
    ]);
    return rowCountOf(deleted) > 0;
  }

  /** The channel when `officeId` is one of its members (null otherwise: invisible is absent). */
  async findForMember(tx: Tx, channelId: string, officeId: string, lock = false): Promise<ChannelRow | null> {
    const rows = rowsOf<ChannelRow>(
      await tx.query(
        `SELECT ${CHANNEL_COLUMNS} FROM channels c
         WHERE c.id = $1 AND EXISTS (SELECT 1 FROM channel_members m WHERE m.channel_id = c.id AND m.office_id = $2)
         ${lock ? 'FOR UPDATE OF c' : ''}`,
        [channelId, officeId],
      ),
    );
    return rows[0] ?? null;
  }

  async findAny(tx: Tx, channelId: string): Promise<ChannelRow | null> {
    const rows = rowsOf<ChannelRow>(
      await tx.query(`SELECT ${CHANNEL_COLUMNS} FROM channels c WHERE c.id = $1`, [channelId]),
    );
    return rows[0] ?? null;
  }

  async partyChannelId(tx: Tx, partyId: string): Promise<string | null> {
    const [row] = rowsOf<{ id: string }>(
      await tx.query(`SELECT id FROM channels WHERE kind = 'party' AND party_id = $1`, [partyId]),
    );
    return row?.id ?? null;
  }

  /** The parties that have their channel. */
  async partiesWithChannel(tx: Tx): Promise<Set<string>> {
    const rows = rowsOf<{ party_id: string }>(await tx.query(`SELECT party_id FROM channels WHERE kind = 'party'`));
    return new Set(rows.map((row) => row.party_id));
  }

  async listForOffice(officeId: string, after: [string, string] | undefined, limit: number): Promise<ChannelRow[]> {
    return rowsOf<ChannelRow>(
      await this.reader.query(
        `SELECT ${CHANNEL_COLUMNS} FROM channels c
         JOIN channel_members me ON me.channel_id = c.id AND me.office_id = $1
         WHERE ($2::text IS NULL OR (c.name, c.id) > ($2, $3::uuid))
         ORDER BY c.name, c.id LIMIT $4`,
        [officeId, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
  }

  async channelIdsOfOffice(officeId: string): Promise<string[]> {
    const rows = rowsOf<{ channel_id: string }>(
      await this.reader.query(`SELECT channel_id FROM channel_members WHERE office_id = $1`, [officeId]),
    );
    return rows.map((row) => row.channel_id);
  }

  /** Each office's channels, in one query. */
  async channelIdsOfOffices(officeIds: string[]): Promise<Map<string, Set<string>>> {
    const rows = rowsOf<{ office_id: string; channel_id: string }>(
      await this.reader.query(`SELECT office_id, channel_id FROM channel_members WHERE office_id = ANY($1::uuid[])`, [
        officeIds,
      ]),
    );
    const byOffice = new Map<string, Set<string>>(officeIds.map((id) => [id, new Set()]));
    for (const row of rows) byOffice.get(row.office_id)?.add(row.channel_id);
    return byOffice;
  }

  async isMember(channelId: string, officeId: string, tx: Tx = this.reader): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(`SELECT 1 FROM channel_members WHERE channel_id = $1 AND office_id = $2`, [channelId, officeId]),
    );
    return rows.length > 0;
  }

  /** Inserts and reads back the post in one statement. */
  async insertPost(tx: Tx, post: NewPost): Promise<PostRow> {
    const [row] = rowsOf<PostRow>(
      await tx.query(
        `WITH p AS (
           INSERT INTO channel_posts (channel_id, kind, author_id, office_id, body, reply_to_id, case_id, handoff_id,
             title, severity, categories, immigration_types, effective_date, source_url)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
           RETURNING *)
         SELECT ${POST_COLUMNS} FROM p LEFT JOIN cases k ON k.id = p.case_id`,
        [
          post.channelId,
          post.kind,
          post.authorId,
          post.officeId,
          post.body,
          post.replyToId ?? null,
          post.caseId ?? null,
          post.handoffId ?? null,
          post.alert?.title ?? null,
          post.alert?.severity ?? null,
          post.alert?.categories ?? [],
          post.alert?.immigrationTypes ?? [],
          post.alert?.effectiveDate ?? null,
          post.alert?.sourceUrl ?? null,
        ],
      ),
    );
    return row;
  }

  async findPost(tx: Tx, postId: string, lock = false): Promise<PostRow | null> {
    const rows = rowsOf<PostRow>(
      await tx.query(
        `SELECT ${POST_COLUMNS} FROM channel_posts p LEFT JOIN cases k ON k.id = p.case_id WHERE p.id = $1
         ${lock ? 'FOR UPDATE OF p' : ''}`,
        [postId],
      ),
    );
    return rows[0] ?? null;
  }

  async updatePost(tx: Tx, postId: string, change: { body?: string; deleted?: boolean }): Promise<void> {
    if (change.deleted) {
      await tx.query(`UPDATE channel_posts SET deleted_at = now(), body = '', version = version + 1 WHERE id = $1`, [
        postId,
      ]);
    } else {
      await tx.query(`UPDATE channel_posts SET body = $2, edited_at = now(), version = version + 1 WHERE id = $1`, [
        postId,
        change.body,
      ]);
    }
  }

  /** A channel offer shows only to the offices it was made to (members when it was made). */
  async feed(
    channelId: string,
    viewerOfficeId: string,
    after: [string, string] | undefined,
    limit: number,
    latest = false,
  ): Promise<PostRow[]> {
    const order = latest ? 'DESC' : 'ASC';
    const rows = rowsOf<PostRow>(
      await this.reader.query(
        `SELECT ${POST_COLUMNS} FROM channel_posts p LEFT JOIN cases k ON k.id = p.case_id
         WHERE p.channel_id = $1 AND ($2::timestamptz IS NULL OR (p.created_at, p.id) > ($2, $3::uuid))
           AND (p.handoff_id IS NULL
                OR EXISTS (SELECT 1 FROM handoffs h WHERE h.id = p.handoff_id AND $5::uuid = ANY(h.eligible_office_ids)))
         ORDER BY p.created_at ${order}, p.id ${order} LIMIT $4`,
        [channelId, after?.[0] ?? null, after?.[1] ?? null, limit, viewerOfficeId],
      ),
    );
    return latest ? rows.reverse() : rows;
  }

  /** A case of this office by its reference, for linking it from a post. */
  async caseIdByReference(tx: Tx, officeId: string, reference: string): Promise<string | null> {
    const [row] = rowsOf<{ id: string }>(
      await tx.query(`SELECT id FROM cases WHERE reference = $1 AND handling_office_id = $2`, [reference, officeId]),
    );
    return row?.id ?? null;
  }
}
