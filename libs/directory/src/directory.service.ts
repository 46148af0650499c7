import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppError,
  assertVersion,
  decodeCursor,
  type Page,
  PageQuery,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { DirectoryRepository, type Letterhead } from './directory.repository.js';
import { DirectoryEvents } from './directory-events.js';
import { OfficeEntity, PartyEntity } from './directory.entities.js';
import type { CreateOfficeDto, CreatePartyDto, OfficeQuery, UpdateOfficeDto } from './directory.dto.js';

export interface OfficeView {
  id: string;
  code: string;
  name: string;
  nameFr: string;
  province: string;
  level: string;
  partyId: string | null;
  neighbourIds: string[];
  version: number;
}

const toPartyView = (party: PartyEntity) => ({ id: party.id, name: party.name, shortName: party.shortName });

/** Parties and offices: readable by every signed-in user, changed by admins only. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly directory: DirectoryRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: DirectoryEvents,
  ) {}

  async listParties(query: PageQuery): Promise<Page<ReturnType<typeof toPartyView>>> {
    const after = decodeCursor(query.after, ['string']);
    const rows = await this.directory.listParties(after?.[0] as string | undefined, query.limit + 1);
    return toPage(rows, query.limit, (party) => [party.name], toPartyView);
  }

  async createParty(actor: Actor, dto: CreatePartyDto) {
    requireAdmin(actor);
    return this.transactions.run(async (tx) => {
      if (await this.directory.partyNameTaken(tx, dto.name, dto.shortName)) {
        throw new AppError('conflict', 'A party with this name or short name exists');
      }
      const party = await this.directory.insertParty(tx, { name: dto.name, shortName: dto.shortName });
      this.audit.record(tx, { action: 'party.created', actor, targetType: 'party', targetId: party.id });
      await this.events.partyCreated(tx, actor, party);
      return toPartyView(party);
    });
  }

  async listOffices(query: OfficeQuery): Promise<Page<OfficeView>> {
    const after = decodeCursor(query.after, ['string']);
    const rows = await this.directory.listOffices(
      { province: query.province, partyId: query.partyId, q: query.q, afterCode: after?.[0] as string | undefined },
      query.limit + 1,
    );
    const views = await this.toOfficeViews(rows);
    return toPage(
      views,
      query.limit,
      (office) => [office.code],
      (office) => office,
    );
  }

  async getOffice(id: string, tx: Tx = this.directory.reader): Promise<OfficeView> {
    const office = await this.directory.findOffice(tx, id);
    if (!office) throw AppError.notFound('Office');
    const [view] = await this.toOfficeViews([office], tx);
    return view;
  }

  /** The ids among `ids` that are no office, in one query. */
  unknownOffices(tx: Tx, ids: string[]): Promise<string[]> {
    return this.directory.unknownOffices(tx, ids);
  }

  async officeExists(tx: Tx, id: string): Promise<boolean> {
    return (await this.directory.findOffice(tx, id)) !== null;
  }

  async createOffice(actor: Actor, dto: CreateOfficeDto): Promise<OfficeView> {
    requireAdmin(actor);
    return this.transactions.run(async (tx) => {
      if (await this.directory.officeCodeTaken(tx, dto.code)) {
        throw new AppError('conflict', `An office with code ${dto.code} exists`);
      }
      await this.checkReferences(tx, dto.partyId, dto.neighbourIds);
      const office = await this.directory.saveOffice(tx, {
        code: dto.code,
        name: dto.name,
        nameFr: dto.nameFr,
        province: dto.province,
        level: dto.level,
        partyId: dto.partyId ?? null,
      });
      await this.directory.replaceNeighbours(tx, office.id, dto.neighbourIds ?? []);
      await this.events.officePartyChanged(tx, actor, office.id, null, office.partyId);
      this.audit.record(tx, {
        action: 'office.created',
        actor,
        officeId: office.id,
        targetType: 'office',
        targetId: office.id,
      });
      return this.getOffice(office.id, tx);
    });
  }

  async updateOffice(actor: Actor, id: string, dto: UpdateOfficeDto, ifMatch?: number): Promise<OfficeView> {
    requireAdmin(actor);
    return this.transactions.run(async (tx) => {
      const office = await tx.findOne(OfficeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!office) throw AppError.notFound('Office');
      assertVersion(ifMatch, office.version);
      await this.checkReferences(tx, dto.partyId, dto.neighbourIds);
      // Checked here, not left to the table's CHECK constraint (a 500); a new office has no id yet.
      if (dto.neighbourIds?.includes(id)) throw AppError.invalid('neighbourIds', 'an office cannot neighbour itself');
      const changed = Object.keys(dto).filter((key) => dto[key as keyof UpdateOfficeDto] !== undefined);
      if (dto.name !== undefined) office.name = dto.name;
      if (dto.nameFr !== undefined) office.nameFr = dto.nameFr;
      if (dto.partyId !== undefined) {
        await this.events.officePartyChanged(tx, actor, id, office.partyId, dto.partyId);
        office.partyId = dto.partyId;
      }
      if (dto.neighbourIds !== undefined) await this.directory.replaceNeighbours(tx, id, dto.neighbourIds);
      if (changed.length > 0) {
        office.updatedAt = new Date(); // a neighbours-only change still moves the version
        await tx.save(OfficeEntity, office);
        this.audit.record(tx, {
          action: 'office.updated',
          actor,
          officeId: id,
          targetType: 'office',
          targetId: id,
          data: { changed },
        });
      }
      return this.getOffice(id, tx);
    });
  }

  /** A seat changed hands: the office follows its new party (and so that party's channel). */
  async changeParty(tx: Tx, actor: Actor | null, officeId: string, partyId: string | null): Promise<void> {
    const office = await tx.findOne(OfficeEntity, { where: { id: officeId }, lock: { mode: 'pessimistic_write' } });
    if (!office) throw AppError.notFound('Office');
    if (office.partyId === partyId) return;
    await this.events.officePartyChanged(tx, actor, officeId, office.partyId, partyId);
    office.partyId = partyId;
    await tx.save(OfficeEntity, office);
    this.audit.record(tx, {
      action: 'office.updated',
      actor,
      officeId,
      targetType: 'office',
      targetId: officeId,
      data: { changed: ['partyId'], reason: 'seat_transition' },
    });
  }

  /** The party an office belongs to now, or 404. */
  async partyOf(tx: Tx, officeId: string): Promise<string | null> {
    const office = await this.directory.findOffice(tx, officeId);
    if (!office) throw AppError.notFound('Office');
    return office.partyId;
  }

  /** What a letter's letterhead needs of an office (the documents context's letters); 404 for no office. */
  async letterhead(tx: Tx, officeId: string): Promise<Letterhead> {
    const letterhead = await this.directory.letterhead(tx, officeId);
    if (!letterhead) throw AppError.notFound('Office');
    return letterhead;
  }

  /** Every party with its offices, in one query (bulk loads make their channels from it). */
  partiesWithOffices(tx: Tx): Promise<{ id: string; name: string; officeIds: string[] }[]> {
    return this.directory.partiesWithOffices(tx);
  }

  async partyExists(tx: Tx, partyId: string): Promise<boolean> {
    return (await this.directory.findParty(tx, partyId)) !== null;
  }

  private async checkReferences(tx: Tx, partyId?: string | null, neighbourIds?: string[]): Promise<void> {
    if (partyId && !(await this.directory.findParty(tx, partyId))) {
      throw AppError.invalid('partyId', 'no such party');
    }
    if (neighbourIds && (await this.unknownOffices(tx, neighbourIds)).length > 0) {
      throw AppError.invalid('neighbourIds', 'every neighbour must be an existing office');
    }
  }

  private async toOfficeViews(offices: OfficeEntity[], tx?: Tx): Promise<OfficeView[]> {
    const neighbours = await this.directory.neighbourIds(
      offices.map((office) => office.id),
      tx,
    );
    return offices.map((office) => ({
      id: office.id,
      code: office.code,
      name: office.name,
      nameFr: office.nameFr,
      province: office.province,
      level: office.level,
      partyId: office.partyId,
      neighbourIds: neighbours.get(office.id) ?? [],
      version: office.version,
    }));
  }
}

export function requireAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw AppError.forbidden('Only admins manage the directory');
}
