import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTCOMES, type Outcome, openFileSql } from '@relay/cases';
import type { GroupBy } from './labels.js';
import type { DateRange } from './report-math.js';

export interface GroupRow {
  key: string | null;
  /** "2026-Q1" in channel reports (null for the `open` snapshot); absent in office reports. */
  quarter?: string | null;
  opened: number;
  closed: number;
  open: number;
  under_review: number;
  median_days: number | null;
  outcomes: Record<Outcome, number>;
}

// Whitelisted: interpolated into SQL. A month is the file's opening month for `opened` and
// `open`, and its closing month for `closed`.
const KEY: Record<GroupBy, (at: 'created_at' | 'closed_at') => string> = {
  category: () => 'category',
  immigrationType: () => 'immigration_type',
  urgency: () => 'urgency',
  outcome: () => 'outcome',
  month: (at) => `to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

const QUARTER = (at: string) =>
  `to_char(${at} AT TIME ZONE 'UTC', 'YYYY') || '-Q' || to_char(${at} AT TIME ZONE 'UTC', 'Q')`;

/**
 * Caseload figures, computed by PostgreSQL in one statement: each file contributes a fact
 * per measure (opened in the range, closed in the range, open now), grouped by the key.
 * Scoped by the offices named by the caller (its own, or a channel's members).
 */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One office's figures, with the median days from opening to closing. */
  office(officeId: string, groupBy: GroupBy, range: DateRange): Promise<GroupRow[]> {
    return this.figures(`c.handling_office_id = $1`, [officeId], groupBy, range, false);
  }

  /** A channel's member offices together, per quarter, counts only. */
  channel(channelId: string, groupBy: GroupBy, range: DateRange): Promise<GroupRow[]> {
    return this.figures(
      `c.handling_office_id IN (SELECT office_id FROM channel_members WHERE channel_id = $1)`,
      [channelId],
      groupBy,
      range,
      true,
    );
  }

  async secret(): Promise<string> {
    const [row] = (await this.dataSource.query(`SELECT secret FROM report_secrets WHERE id = 1`)) as {
      secret: string;
    }[];
    return row.secret;
  }

  private async figures(
    scope: string,
    params: unknown[],
    groupBy: GroupBy,
    range: DateRange,
    byQuarter: boolean,
  ): Promise<GroupRow[]> {
    const from = `$${params.length + 1}`;
    const to = `$${params.length + 2}`;
    const quarter = (at: string) => (byQuarter ? QUARTER(at) : 'NULL');
    // Open files by month are those opened in the range; by any other key, all of them.
    const openInRange = groupBy === 'month' ? `AND c.created_at >= ${from} AND c.created_at < ${to}` : '';
    const outcomes = OUTCOMES.map(
      (o) => `'${o}', count(*) FILTER (WHERE kind = 'closed' AND f.outcome = '${o}')::int`,
    ).join(', ');
    const rows: GroupRow[] = await this.dataSource.query(
      `SELECT key, quarter,
         count(*) FILTER (WHERE kind = 'opened')::int AS opened,
         count(*) FILTER (WHERE kind = 'closed')::int AS closed,
         count(*) FILTER (WHERE kind = 'open')::int AS open,
         count(*) FILTER (WHERE kind = 'open' AND under_review)::int AS under_review,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY days) FILTER (WHERE kind = 'closed') AS median_days,
         json_build_object(${outcomes}) AS outcomes
       FROM (
         SELECT ${KEY[groupBy]('created_at')} AS key, ${quarter('c.created_at')} AS quarter, 'opened' AS kind,
                NULL::float8 AS days, c.outcome, false AS under_review
         FROM cases c WHERE ${scope} AND c.created_at >= ${from} AND c.created_at < ${to}
         UNION ALL
         SELECT ${KEY[groupBy]('closed_at')}, ${quarter('c.closed_at')}, 'closed',
                extract(epoch FROM c.closed_at - c.created_at) / 86400, c.outcome, false
         FROM cases c WHERE ${scope} AND c.closed_at >= ${from} AND c.closed_at < ${to}
         UNION ALL
         SELECT ${KEY[groupBy]('created_at')}, NULL, 'open', NULL, c.outcome, c.review_since IS NOT NULL
         FROM cases c WHERE ${scope} AND ${openFileSql('c')} ${openInRange}
       ) f
       GROUP BY key, quarter`,
      [...params, range.from, range.to],
    );
    return rows;
  }
}
