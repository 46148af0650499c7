import { Injectable, Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { rowsOf, TransactionRunner, type Tx, ADVISORY_LOCKS } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { DirectoryEvents } from '@relay/directory';
import { ChannelsService } from '@relay/channels';
import { loadFederalRidings, PARTIES } from './riding-data.js';

export interface DirectoryLoaded {
  parties: number;
  offices: number;
  borders: number;
}

/**
 * The 343 federal ridings, their land borders and their MPs' parties (data/), loaded on
 * their own: `npm run load:directory` or LOAD_DIRECTORY=1, with no demo account. Adds only
 * what is missing, so it may run on every start and on every node.
 */
@Injectable()
export class DirectoryLoader {
  private readonly logger = new Logger('directory');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly channels: ChannelsService,
    private readonly events: DirectoryEvents,
  ) {}

  async load(dataDir = resolve('data')): Promise<DirectoryLoaded> {
    const added = await this.transactions.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ADVISORY_LOCKS.directoryLoad]);
      return this.loadIn(tx, dataDir);
    });
    this.logger.log(`directory: ${added.parties} parties, ${added.offices} offices and ${added.borders} borders added`);
    return added;
  }

  private async loadIn(tx: Tx, dataDir: string): Promise<DirectoryLoaded> {
    const { ridings, borders } = loadFederalRidings(dataDir);
    const parties = Object.entries(PARTIES);
    const newParties = rowsOf<{ id: string }>(
      await tx.query(
        `INSERT INTO parties (name, short_name) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT DO NOTHING RETURNING id`,
        [parties.map(([, p]) => p.name), parties.map(([, p]) => p.shortName)],
      ),
    );
    const partyRows = (await tx.query(`SELECT id, name FROM parties WHERE name = ANY($1)`, [
      parties.map(([, p]) => p.name),
    ])) as { id: string; name: string }[];
    const partyIds = new Map(
      parties.map(([label, p]) => [label, partyRows.find((row) => row.name === p.name)?.id ?? null]),
    );
    // Parties whose channel exists already: their new offices join it one by one, below.
    const withChannel = new Set(
      (
        (await tx.query(`SELECT party_id FROM channels WHERE kind = 'party' AND party_id IS NOT NULL`)) as {
          party_id: string;
        }[]
      ).map((row) => row.party_id),
    );
    const newOffices = rowsOf<{ id: string; party_id: string | null }>(
      await tx.query(
        `INSERT INTO offices (code, name, name_fr, province, level, party_id)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
         ON CONFLICT (code) DO NOTHING RETURNING id, party_id`,
        [
          ridings.map((r) => r.code),
          ridings.map((r) => r.name),
          ridings.map((r) => r.nameFr),
          ridings.map((r) => r.province),
          ridings.map(() => 'federal'),
          ridings.map((r) => (r.party ? (partyIds.get(r.party) ?? null) : null)),
        ],
      ),
    );
    // The MP's name signs the office's letters: filled where missing, never overwritten (an
    // office may have corrected it, or its seat changed hands since the data was taken).
    await tx.query(
      `UPDATE offices o SET mp_name = m.name FROM unnest($1::text[], $2::text[]) AS m(code, name)
       WHERE o.code = m.code AND o.mp_name IS NULL AND m.name IS NOT NULL`,
      [ridings.map((r) => r.code), ridings.map((r) => r.mpName)],
    );
    const codes = (await tx.query(`SELECT id, code FROM offices WHERE code = ANY($1)`, [
      ridings.map((r) => r.code),
    ])) as { id: string; code: string }[];
    const officeIds = new Map(codes.map((row) => [row.code, row.id]));
    const pairs = borders.flatMap(([a, b]) => [
      [officeIds.get(a)!, officeIds.get(b)!],
      [officeIds.get(b)!, officeIds.get(a)!],
    ]);
    const newBorders = rowsOf<unknown>(
      await tx.query(
        `INSERT INTO office_neighbours (office_id, neighbour_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])
         ON CONFLICT DO NOTHING RETURNING office_id`,
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      ),
    );
    // New parties get their channel with all their offices at once.
    await this.channels.ensurePartyChannels(tx);
    for (const office of newOffices) {
      if (office.party_id && withChannel.has(office.party_id)) {
        await this.events.officePartyChanged(tx, null, office.id, null, office.party_id);
      }
    }
    const added = { parties: newParties.length, offices: newOffices.length, borders: newBorders.length / 2 };
    if (added.parties + added.offices + added.borders > 0) {
      this.audit.record(tx, { action: 'directory.loaded', actor: null, data: { ...added } });
    }
    return added;
  }
}
