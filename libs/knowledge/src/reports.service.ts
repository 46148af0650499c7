import { Injectable } from '@nestjs/common';
import { AppError, type OfficeActor, TransactionRunner } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CATEGORIES, IMMIGRATION_TYPES, OUTCOMES, type Outcome, URGENCIES } from '@relay/cases';
import { ChannelsService } from '@relay/channels';
import { DirectoryService } from '@relay/directory';
import { type GroupBy, groupLabel } from './labels.js';
import { type GroupRow, ReportsRepository } from './reports.repository.js';
import {
  type ChannelCount,
  channelCount,
  type DateRange,
  monthsOf,
  parseRange,
  RangeError,
  snapToQuarters,
  toCsv,
} from './report-math.js';
import type { ReportQuery } from './report.dto.js';

export interface CaseloadGroup {
  key: string | null;
  label: string;
  opened: number;
  closed: number;
  open: number;
  underReview: number;
  medianDaysToClose: number | null;
  outcomes: Record<Outcome, number>;
}

export interface ChannelGroup {
  key: string | null;
  label: string;
  opened: ChannelCount;
  closed: ChannelCount;
  open: ChannelCount;
  underReview: ChannelCount;
  outcomes: Record<Outcome, ChannelCount>;
}

interface Report<G> {
  groupBy: GroupBy;
  from: string;
  to: string;
  groups: G[];
}

const DOMAIN: Record<Exclude<GroupBy, 'month'>, readonly string[]> = {
  category: CATEGORIES,
  immigrationType: IMMIGRATION_TYPES,
  urgency: URGENCIES,
  outcome: OUTCOMES,
};

const zeroOutcomes = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
const round1 = (value: number) => Math.round(value * 10) / 10;

/**
 * An office's caseload in numbers, and a channel's offices together in counts only. Every
 * group of the key's domain is listed, empty ones too (charts need them); a `null` key
 * (no immigration type, no outcome yet) only when it has files.
 */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportsRepository,
    private readonly channels: ChannelsService,
    private readonly directory: DirectoryService,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async caseload(actor: OfficeActor, query: ReportQuery): Promise<Report<CaseloadGroup>> {
    const range = rangeOf(query);
    const rows = await this.reports.office(actor.officeId, query.groupBy, range);
    const byKey = new Map(rows.map((row) => [row.key, row]));
    const groups = this.keys(query.groupBy, range, rows).map((key): CaseloadGroup => {
      const row = byKey.get(key);
      return {
        key,
        label: groupLabel(query.groupBy, key, query.lang),
        opened: row?.opened ?? 0,
        closed: row?.closed ?? 0,
        open: row?.open ?? 0,
        underReview: row?.under_review ?? 0,
        medianDaysToClose: row?.median_days == null ? null : round1(Number(row.median_days)),
        outcomes: row?.outcomes ?? zeroOutcomes(),
      };
    });
    return { groupBy: query.groupBy, from: range.from.toISOString(), to: range.to.toISOString(), groups };
  }

  /** The caseload as CSV, one row per group, with the office's name on each row. */
  async caseloadCsv(actor: OfficeActor, query: ReportQuery): Promise<string> {
    const report = await this.caseload(actor, query);
    await this.recordExport(actor, query);
    const office = await this.directory.getOffice(actor.officeId);
    const officeName = query.lang === 'fr' ? office.nameFr : office.name;
    const header = [
      'office',
      'groupBy',
      'key',
      'label',
      'from',
      'to',
      'opened',
      'closed',
      'open',
      'underReview',
      'medianDaysToClose',
      ...OUTCOMES,
    ];
    const rows = report.groups.map((g) => [
      officeName,
      report.groupBy,
      g.key,
      g.label,
      report.from,
      report.to,
      g.opened,
      g.closed,
      g.open,
      g.underReview,
      g.medianDaysToClose,
      ...OUTCOMES.map((o) => g.outcomes[o]),
    ]);
    return toCsv([header, ...rows]);
  }

  /**
   * A channel's offices together. Counts only, and none that could single out a file: see
   * `channelCount` (whole quarters, each rounded on its own, fewer than 5 shown as "<5").
   */
  async channel(actor: OfficeActor, channelId: string, query: ReportQuery): Promise<Report<ChannelGroup>> {
    await this.channels.requireMember(actor, channelId);
    const range = snapToQuarters(rangeOf(query));
    const [rows, secret] = await Promise.all([
      this.reports.channel(channelId, query.groupBy, range),
      this.reports.secret(),
    ]);
    const byKey = new Map<string | null, GroupRow[]>();
    for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
    const groups = this.keys(query.groupBy, range, rows).map((key): ChannelGroup => {
      const quarters = byKey.get(key) ?? [];
      // Cells are named by what they count, not by the channel: the same files round the same way.
      const count = (measure: string, pick: (row: GroupRow) => number) =>
        channelCount(
          quarters.map((row) => ({ quarter: row.quarter ?? 'now', count: pick(row) })),
          secret,
          `${query.groupBy}|${key}|${measure}`,
        );
      return {
        key,
        label: groupLabel(query.groupBy, key, query.lang),
        opened: count('opened', (row) => row.opened),
        closed: count('closed', (row) => row.closed),
        open: count('open', (row) => row.open),
        underReview: count('underReview', (row) => row.under_review),
        outcomes: Object.fromEntries(
          OUTCOMES.map((o) => [o, count(`outcome:${o}`, (row) => row.outcomes[o])]),
        ) as Record<Outcome, ChannelCount>,
      };
    });
    return { groupBy: query.groupBy, from: range.from.toISOString(), to: range.to.toISOString(), groups };
  }

  private keys(groupBy: GroupBy, range: DateRange, rows: GroupRow[]): (string | null)[] {
    const domain = groupBy === 'month' ? monthsOf(range) : DOMAIN[groupBy];
    return rows.some((row) => row.key === null) ? [...domain, null] : [...domain];
  }

  /** Reports hold no constituent data and are not audited; a CSV leaving the system is. */
  private async recordExport(actor: OfficeActor, query: ReportQuery): Promise<void> {
    await this.transactions.run(async (tx) =>
      this.audit.record(tx, {
        action: 'report.exported',
        actor,
        targetType: 'report',
        data: { report: 'caseload', groupBy: query.groupBy },
      }),
    );
  }
}

function rangeOf(query: ReportQuery): DateRange {
  try {
    return parseRange(query.from, query.to);
  } catch (error) {
    if (error instanceof RangeError) throw AppError.invalid(error.field, error.message);
    throw error;
  }
}
