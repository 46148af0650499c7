import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import { OfficeEntity, PartyEntity } from './directory.entities.js';

export interface OfficeFilter {
  province?: string;
  partyId?: string;
  q?: string;
  afterCode?: string;
}

export interface Letterhead {
  name: string;
  nameFr: string;
  mpName: string | null;
}

@Injectable()
export class DirectoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  listParties(afterName: string | undefined, limit: number): Promise<PartyEntity[]> {
    const query = this.reader.createQueryBuilder(PartyEntity, 'p').orderBy('p.name', 'ASC').limit(limit);
    if (afterName !== undefined) query.where('p.name > :afterName', { afterName });
    return query.getMany();
  }

  findParty(tx: Tx, id: string): Promise<PartyEntity | null> {
    return tx.findOne(PartyEntity, { where: { id } });
  }

  async partyNameTaken(tx: Tx, name: string, shortName: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(`SELECT 1 FROM parties WHERE lower(name) = lower($1) OR lower(short_name) = lower($2)`, [
        name,
        shortName,
      ]),
    );
    return rows.length > 0;
  }

  insertParty(tx: Tx, party: Partial<PartyEntity>): Promise<PartyEntity> {
    return tx.save(PartyEntity, tx.create(PartyEntity, party));
  }

  listOffices(filter: OfficeFilter, limit: number): Promise<OfficeEntity[]> {
    const query = this.reader.createQueryBuilder(OfficeEntity, 'o').orderBy('o.code', 'ASC').limit(limit);
    if (filter.province) query.andWhere('o.province = :province', { province: filter.province });
    if (filter.partyId) query.andWhere('o.party_id = :partyId', { partyId: filter.partyId });
    if (filter.afterCode !== undefined) query.andWhere('o.code > :afterCode', { afterCode: filter.afterCode });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('(o.code ILIKE :pattern OR o.name ILIKE :pattern OR o.name_fr ILIKE :pattern)', { pattern });
    }
    return query.getMany();
  }

  findOffice(tx: Tx, id: string): Promise<OfficeEntity | null> {
    return tx.findOne(OfficeEntity, { where: { id } });
  }

  async officeCodeTaken(tx: Tx, code: string): Promise<boolean> {
    return (await tx.count(OfficeEntity, { where: { code } })) > 0;
  }

  /** The ids among `ids` that are no office. */
  async unknownOffices(tx: Tx, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows = rowsOf<{ id: string }>(
      await tx.query(`SELECT unnest($1::uuid[]) AS id EXCEPT SELECT id FROM offices`, [ids]),
    );
    return rows.map((row) => row.id);
  }

  saveOffice(tx: Tx, office: Partial<OfficeEntity>): Promise<OfficeEntity> {
    return tx.save(OfficeEntity, tx.create(OfficeEntity, office));
  }

  /** Neighbours are symmetric: both directions are written and removed together. */
  async replaceNeighbours(tx: Tx, officeId: string, neighbourIds: string[]): Promise<void> {
    await tx.query(`DELETE FROM office_neighbours WHERE office_id = $1 OR neighbour_id = $1`, [officeId]);
    if (neighbourIds.length === 0) return;
    await tx.query(
      `INSERT INTO office_neighbours (office_id, neighbour_id)
       SELECT $1::uuid, n FROM unnest($2::uuid[]) n
       UNION SELECT n, $1::uuid FROM unnest($2::uuid[]) n
       ON CONFLICT DO NOTHING`,
      [officeId, neighbourIds],
    );
  }

  /** What a letter's letterhead needs of an office: its names and its member of Parliament. */
  async letterhead(tx: Tx, officeId: string): Promise<Letterhead | undefined> {
    const [row] = rowsOf<Letterhead>(
      await tx.query(`SELECT name, name_fr AS "nameFr", mp_name AS "mpName" FROM offices WHERE id = $1`, [officeId]),
    );
    return row;
  }

  /** Every party with the ids of its offices. */
  async partiesWithOffices(tx: Tx): Promise<{ id: string; name: string; officeIds: string[] }[]> {
    return rowsOf(
      await tx.query(
        `SELECT p.id, p.name, coalesce(array_agg(o.id) FILTER (WHERE o.id IS NOT NULL), '{}') AS "officeIds"
         FROM parties p LEFT JOIN offices o ON o.party_id = p.id
         GROUP BY p.id, p.name`,
      ),
    );
  }

  async neighbourIds(officeIds: string[], tx: Tx = this.reader): Promise<Map<string, string[]>> {
    const rows = rowsOf<{ office_id: string; ids: string[] }>(
      await tx.query(
        `SELECT office_id, array_agg(neighbour_id ORDER BY neighbour_id) AS ids
         FROM office_neighbours WHERE office_id = ANY($1::uuid[]) GROUP BY office_id`,
        [officeIds],
      ),
    );
    return new Map(rows.map((row) => [row.office_id, row.ids]));
  }
}
