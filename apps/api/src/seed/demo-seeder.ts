import { Injectable, Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { type Actor, AppConfig, TransactionRunner, type Tx } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { UsersService } from '@relay/identity';
import { CasesService, CreateCaseDto } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { ChecklistsService, FollowUpsService, InteractionsService } from '@relay/casework';
import { loadFederalRidings, PARTIES } from './riding-data.js';

export const DEMO_PASSWORD = 'relay-demo-password';
const HOME_RIDING = '35067'; // Nepean
const NEIGHBOUR_RIDING = '35020'; // Carleton, same party, shares a border
const OTHER_PARTY_RIDING = '35051'; // Lanark—Frontenac: borders Carleton, another party

export interface DemoLogin {
  email: string;
  role: string;
  office: string;
}

/**
 * SEED_DEMO=1: the 343 federal ridings with their borders and parties, plus a few demo
 * accounts and files, loaded into an empty database. Constituents are invented.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('seed');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly channels: ChannelsService,
    private readonly config: AppConfig,
    private readonly checklists: ChecklistsService,
    private readonly followUps: FollowUpsService,
    private readonly interactions: InteractionsService,
  ) {}

  async seedIfEmpty(dataDir = resolve('data')): Promise<DemoLogin[] | null> {
    const logins = await this.transactions.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(7301746663)`);
      const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM offices`)) as { n: number }[];
      if (n > 0) return null;
      const officeIds = await this.loadRidings(tx, dataDir);
      await this.createChannels(tx);
      return this.createDemoUsers(tx, officeIds);
    });
    if (logins === null) {
      this.logger.log('SEED_DEMO: the database already has offices; nothing loaded');
      return null;
    }
    await this.createStayOfRemovalChecklist(logins);
    await this.createDemoCases(logins);
    return logins.map(({ email, role, office }) => ({ email, role, office }));
  }

  private async loadRidings(tx: Tx, dataDir: string): Promise<Map<string, string>> {
    const { ridings, borders } = loadFederalRidings(dataDir);
    const partyIds = new Map<string, string>();
    for (const [label, party] of Object.entries(PARTIES)) {
      const [row] = (await tx.query(`INSERT INTO parties (name, short_name) VALUES ($1, $2) RETURNING id`, [
        party.name,
        party.shortName,
      ])) as { id: string }[];
      partyIds.set(label, row.id);
    }
    const inserted = (await tx.query(
      `INSERT INTO offices (code, name, name_fr, province, level, party_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::uuid[])
       RETURNING id, code`,
      [
        ridings.map((r) => r.code),
        ridings.map((r) => r.name),
        ridings.map((r) => r.nameFr),
        ridings.map((r) => r.province),
        ridings.map(() => 'federal'),
        ridings.map((r) => (r.party ? partyIds.get(r.party) : null)),
      ],
    )) as { id: string; code: string }[];
    const officeIds = new Map(inserted.map((row) => [row.code, row.id]));
    const pairs = borders.flatMap(([a, b]) => [
      [officeIds.get(a)!, officeIds.get(b)!],
      [officeIds.get(b)!, officeIds.get(a)!],
    ]);
    await tx.query(
      `INSERT INTO office_neighbours (office_id, neighbour_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    await this.audit.record(tx, {
      action: 'directory.seeded',
      actor: null,
      data: { parties: partyIds.size, offices: ridings.length, borders: borders.length },
    });
    return officeIds;
  }

  /** Each party's channel with its offices, and one region channel per province. */
  private async createChannels(tx: Tx): Promise<void> {
    await this.channels.ensurePartyChannels(tx);
    const provinces = (await tx.query(
      `SELECT province, array_agg(id) AS office_ids FROM offices GROUP BY province ORDER BY province`,
    )) as { province: string; office_ids: string[] }[];
    for (const { province, office_ids } of provinces) {
      await this.channels.createRegionChannel(tx, `${province} offices`, office_ids);
    }
  }

  private async createDemoUsers(tx: Tx, officeIds: Map<string, string>) {
    const people = [
      {
        email: 'lead.nepean@demo.riding-relay.ca',
        displayName: 'Nadia Lead',
        role: 'office_lead',
        code: HOME_RIDING,
        languages: ['en', 'fr'],
      },
      {
        email: 'assistant.nepean@demo.riding-relay.ca',
        displayName: 'Sam Assistant',
        role: 'assistant',
        code: HOME_RIDING,
        languages: ['en'],
      },
      {
        email: 'lead.carleton@demo.riding-relay.ca',
        displayName: 'Chris Lead',
        role: 'office_lead',
        code: NEIGHBOUR_RIDING,
        languages: ['en', 'fr', 'es'],
      },
      {
        email: 'assistant.carleton@demo.riding-relay.ca',
        displayName: 'Alex Assistant',
        role: 'assistant',
        code: NEIGHBOUR_RIDING,
        languages: ['en', 'ar'],
      },
      {
        email: 'assistant.other@demo.riding-relay.ca',
        displayName: 'Pat Other-Party',
        role: 'assistant',
        code: OTHER_PARTY_RIDING,
        languages: ['en'],
      },
    ] as const;
    const created = [];
    for (const person of people) {
      const user = await this.users.insert(tx, null, {
        ...person,
        languages: [...person.languages],
        password: DEMO_PASSWORD,
        officeId: officeIds.get(person.code)!,
      });
      created.push({
        email: user.email,
        role: user.role,
        office: person.code,
        userId: user.id,
        officeId: user.officeId!,
      });
    }
    if (!this.config.ADMIN_EMAIL) {
      const admin = await this.users.insert(tx, null, {
        email: 'admin@demo.riding-relay.ca',
        displayName: 'Demo Admin',
        role: 'admin',
        password: DEMO_PASSWORD,
        officeId: null,
      });
      created.push({ email: admin.email, role: admin.role, office: '-', userId: admin.id, officeId: '' });
    }
    return created;
  }

  private async createDemoCases(logins: { role: string; userId: string; officeId: string }[]): Promise<void> {
    const files: CreateCaseDto[] = [
      {
        category: 'immigration',
        immigrationType: 'stay_of_removal',
        summary: 'Removal scheduled; H&C application pending, needs urgent follow-up with CBSA liaison',
        urgency: 'emergency',
        complexity: 'complex',
        deadline: new Date(Date.now() + 36 * 3600_000).toISOString(),
        languages: ['en', 'es'],
        constituent: { fullName: 'Demo Constituent One', uci: '1111-2222' },
      },
      {
        category: 'immigration',
        immigrationType: 'family_reunification',
        summary: 'Spousal sponsorship stalled past processing times',
        urgency: 'priority',
        complexity: 'complex',
        languages: ['fr'],
        constituent: { fullName: 'Demo Constituent Two', email: 'two@example.invalid' },
      },
      {
        category: 'employment_insurance',
        summary: 'EI claim delayed after record of employment correction',
        urgency: 'routine',
        complexity: 'simple',
        languages: ['en'],
        constituent: { fullName: 'Demo Constituent Three' },
      },
      {
        category: 'passport',
        summary: 'Urgent travel, passport application status',
        urgency: 'priority',
        complexity: 'simple',
        languages: ['en'],
        constituent: { fullName: 'Demo Constituent Four' },
      },
    ];
    const assistants = logins.filter((login) => login.role === 'assistant').slice(0, 2);
    for (const [i, assistant] of assistants.entries()) {
      const actor: Actor = {
        userId: assistant.userId,
        role: 'assistant',
        officeId: assistant.officeId,
        sessionId: 'seed',
      };
      const created = [];
      for (const file of files.slice(i, i + 3)) {
        created.push(await this.cases.create(actor, { ...file, languages: file.languages }));
      }
      await this.workTheDay(actor, created, i === 0);
    }
  }

  /** Nepean's lead writes how a stay of removal is worked and shares it with the party's offices. */
  private async createStayOfRemovalChecklist(logins: { role: string; userId: string; officeId: string }[]) {
    const lead = logins.find((login) => login.role === 'office_lead')!;
    const [channel] = (await this.transactions.reader.query(
      `SELECT c.id FROM channels c JOIN offices o ON o.party_id = c.party_id WHERE c.kind = 'party' AND o.id = $1`,
      [lead.officeId],
    )) as { id: string }[];
    await this.checklists.createTemplate(
      { userId: lead.userId, role: 'office_lead', officeId: lead.officeId, sessionId: 'seed' },
      {
        name: 'Stay of removal request',
        category: 'immigration',
        immigrationType: 'stay_of_removal',
        items: [
          { text: 'Confirm the removal date and time with the CBSA removals officer' },
          { text: 'Signed consent (IMM 5476) on file' },
          { text: 'Copy of the removal order and any pending application (H&C, PRRA) numbers' },
          { text: 'Counsel of record contacted; Federal Court stay motion filed or planned?' },
          { text: 'Urgent enquiry sent to IRCC through MCMPS, marked emergency' },
          { text: 'Letter of support from the MP drafted and signed' },
          { text: 'Constituent told what the office can and cannot do, and when we call back' },
        ],
        sharedWithChannelIds: channel ? [channel.id] : [],
      },
    );
  }

  /**
   * Follow-ups and a contact log, so the queue says something at first start. The emergency
   * file's call-back is due in two hours, before anything else in either office, so it heads
   * the queue (the console relies on it) and stays first as time passes.
   */
  private async workTheDay(actor: Actor, files: { id: string; urgency: string }[], nepean: boolean) {
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const log = (caseId: string, body: Parameters<InteractionsService['create']>[2]) =>
      this.interactions.create(actor, caseId, body);
    const [first, second, third] = files;
    if (nepean) {
      // The stay of removal (emergency, removal in 36 hours).
      await log(first.id, {
        kind: 'visit',
        direction: 'inbound',
        occurredAt: at(-1),
        durationMinutes: 40,
        summary: 'Constituent came in with the removal order; H&C application pending since spring',
      });
      await log(first.id, {
        kind: 'ircc_enquiry',
        direction: 'outbound',
        occurredAt: at(-0.5),
        summary: 'Emergency enquiry to MCMPS: status of the pending H&C application before removal',
        irccReference: 'MCMPS-2026-1187',
      });
      await this.followUps.create(actor, first.id, {
        dueAt: at(2),
        note: 'Call the CBSA removals officer back about a deferral request',
      });
    }
    // The priority file: an enquiry awaiting IRCC, this week's and last week's MCMPS slots.
    await log(second.id, {
      kind: 'mcmps_appointment',
      direction: 'outbound',
      occurredAt: at(-8 * 24),
      durationMinutes: 30,
      summary: 'MCMPS slot: reviewed the sponsorship file with the liaison officer',
    });
    await log(second.id, {
      kind: 'ircc_enquiry',
      direction: 'outbound',
      occurredAt: at(-3),
      summary: 'Asked why the sponsorship is past the posted processing time',
      irccReference: nepean ? 'MCMPS-2026-1102' : 'MCMPS-2026-1140',
    });
    await log(second.id, {
      kind: 'mcmps_appointment',
      direction: 'outbound',
      occurredAt: at(-2),
      durationMinutes: 15,
      summary: 'MCMPS slot: flagged the file as past processing times',
    });
    await this.followUps.create(actor, second.id, { dueAt: at(3 * 24), note: 'Update the sponsor on the enquiry' });
    // The routine file: an e-mail and a bring-forward date next week.
    await log(third.id, {
      kind: nepean ? 'email' : 'call',
      direction: 'outbound',
      occurredAt: at(-4),
      durationMinutes: nepean ? undefined : 10,
      summary: 'Asked the constituent for the missing documents',
    });
    await this.followUps.create(actor, third.id, { dueAt: at(6 * 24), note: 'Check the documents arrived' });
  }
}
