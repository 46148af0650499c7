import { Injectable, Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { AppConfig, type OfficeActor, TransactionRunner, type Tx, ADVISORY_LOCKS } from '@relay/platform';
import { UsersService } from '@relay/identity';
import { CasesService, CreateCaseDto } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { DocumentsDemo } from '@relay/documents';
import { ChecklistsService, FollowUpsService, InteractionsService } from '@relay/casework';
import { DirectoryLoader } from './directory-loader.js';

const HOME_RIDING = '35067'; // Nepean
const NEIGHBOUR_RIDING = '35020'; // Carleton, same party, shares a border
const OTHER_PARTY_RIDING = '35051'; // Lanark—Frontenac: borders Carleton, another party
const DEMO_DOMAIN = '@demo.riding-relay.ca';
const DEMO_OUTCOMES = ['approved', 'referred'] as const;

export interface DemoLogin {
  email: string;
  role: string;
  office: string;
}

export interface DemoAccounts {
  /** Random, made when the accounts are made: never a fixed, published string. */
  password: string;
  logins: DemoLogin[];
}

/**
 * SEED_DEMO=1 (never in production): the directory (see DirectoryLoader), plus a few demo
 * accounts, one region channel per province and a few files. Constituents are invented.
 */
@Injectable()
export class DemoSeeder {
  private readonly logger = new Logger('seed');

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly directory: DirectoryLoader,
    private readonly users: UsersService,
    private readonly cases: CasesService,
    private readonly channels: ChannelsService,
    private readonly config: AppConfig,
    private readonly documentsDemo: DocumentsDemo,
    private readonly checklists: ChecklistsService,
    private readonly followUps: FollowUpsService,
    private readonly interactions: InteractionsService,
  ) {}

  /** Creates the demo accounts unless they exist; answers their logins and password when it did. */
  async seedIfAbsent(dataDir = resolve('data')): Promise<DemoAccounts | null> {
    // loadConfig refuses SEED_DEMO in production; this holds even if someone calls it anyway.
    if (this.config.NODE_ENV === 'production') throw new Error('SEED_DEMO: no demo accounts when NODE_ENV=production');
    await this.directory.load(dataDir);
    const password = randomBytes(12).toString('base64url');
    const logins = await this.transactions.run(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock($1)`, [ADVISORY_LOCKS.demoSeed]);
      const [{ n }] = (await tx.query(`SELECT count(*)::int AS n FROM users WHERE email LIKE $1`, [
        `%${DEMO_DOMAIN}`,
      ])) as { n: number }[];
      if (n > 0) return null;
      await this.createChannels(tx);
      const codes = [HOME_RIDING, NEIGHBOUR_RIDING, OTHER_PARTY_RIDING];
      const rows = (await tx.query(`SELECT id, code FROM offices WHERE code = ANY($1)`, [codes])) as {
        id: string;
        code: string;
      }[];
      const officeIds = new Map(rows.map((row) => [row.code, row.id]));
      await this.documentsDemo.seed(
        tx,
        [HOME_RIDING, NEIGHBOUR_RIDING].map((code) => officeIds.get(code)!),
      );
      return this.createDemoUsers(tx, officeIds, password);
    });
    if (logins === null) {
      this.logger.log('SEED_DEMO: the demo accounts exist already; their password was printed when they were made');
      return null;
    }
    await this.createStayOfRemovalChecklist(logins);
    await this.createDemoCases(logins);
    return { password, logins: logins.map(({ email, role, office }) => ({ email, role, office })) };
  }

  /** One region channel per province (the party channels come with the directory). */
  private async createChannels(tx: Tx): Promise<void> {
    const provinces = (await tx.query(
      `SELECT province, array_agg(id) AS office_ids FROM offices GROUP BY province ORDER BY province`,
    )) as { province: string; office_ids: string[] }[];
    for (const { province, office_ids } of provinces) {
      await this.channels.createRegionChannel(tx, `${province} offices`, office_ids);
    }
  }

  private async createDemoUsers(tx: Tx, officeIds: Map<string, string>, password: string) {
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
      const officeId = officeIds.get(person.code)!;
      const user = await this.users.insert(tx, null, {
        ...person,
        languages: [...person.languages],
        password,
        officeId,
      });
      created.push({
        email: user.email,
        role: user.role,
        office: person.code,
        userId: user.id,
        officeId,
      });
    }
    if (!this.config.ADMIN_EMAIL) {
      const admin = await this.users.insert(tx, null, {
        email: `admin${DEMO_DOMAIN}`,
        displayName: 'Demo Admin',
        role: 'admin',
        password,
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
      const actor: OfficeActor = {
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
      // Each office's last demo file is done, with how it ended (reports and precedents need some).
      await this.cases.update(actor, created[2].id, { status: 'resolved', outcome: DEMO_OUTCOMES[i] });
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
  private async workTheDay(actor: OfficeActor, files: { id: string; urgency: string }[], nepean: boolean) {
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
