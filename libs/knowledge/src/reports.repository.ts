import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OUTCOMES, type Outcome, openFileSql } from '@relay/cases';
import { rowsOf } from '@relay/platform';
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
const KEY: Record<GroupBy, (at: string) => string> = {
  category: () => 'category',
  immigrationType: () => 'immigration_type',
  urgency: () => 'urgency',
  outcome: () => 'outcome',
  month: (at) => `to_char(${at} AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

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
    const [row] = rowsOf<{ secret: string }>(
      await this.dataSource.query(`SELECT secret FROM report_secrets WHERE id = 1`),
    );
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
    const opened = `c.created_at >= ${from} AND c.created_at < ${to}`;
    const closed = `c.closed_at >= ${from} AND c.closed_at < ${to}`;
    // Open files by month are those opened in the range; by any other key, all of them.
    const open = groupBy === 'month' ? `${openFileSql('c')} AND ${opened}` : openFileSql('c');
    const quarter = (at: string) =>
      byQuarter ? `date_trunc('quarter', c.${at} AT TIME ZONE 'UTC')` : 'NULL::timestamp';
    const outcome = (o: Outcome) => `"outcome:${o}"`;
    // Step 1 reads the scope's files once, counting them per (opening key, closing key,
    // quarters): a few hundred rows. Step 2 sums each measure under its own key: opened
    // under the opening, closed under the closing; the days to close come as one row each,
    // for the median (office reports only: channel reports are counts).
    const rows = rowsOf<GroupRow>(
      await this.dataSource.query(
        `WITH facts AS (
           SELECT ${KEY[groupBy]('c.created_at')} AS opened_key, ${KEY[groupBy]('c.closed_at')} AS closed_key,
             ${quarter('created_at')} AS opened_quarter, ${quarter('closed_at')} AS closed_quarter,
             count(*) FILTER (WHERE ${opened}) AS opened,
             count(*) FILTER (WHERE ${closed}) AS closed,
             count(*) FILTER (WHERE ${open}) AS open,
             count(*) FILTER (WHERE ${open} AND c.review_since IS NOT NULL) AS under_review,
             ${OUTCOMES.map((o) => `count(*) FILTER (WHERE ${closed} AND c.outcome = '${o}') AS ${outcome(o)}`).join(',\n           ')},
             ${byQuarter ? 'NULL::float8[]' : `array_agg(extract(epoch FROM c.closed_at - c.created_at) / 86400) FILTER (WHERE ${closed})`} AS days
           FROM cases c
           WHERE ${scope} AND (${opened} OR ${closed} OR ${openFileSql('c')})
           GROUP BY 1, 2, 3, 4
         )
         SELECT key, to_char(quarter, 'YYYY"-Q"Q') AS quarter,
           sum(opened)::int AS opened, sum(closed)::int AS closed, sum(open)::int AS open,
           sum(under_review)::int AS under_review,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY day) AS median_days,
           json_build_object(${OUTCOMES.map((o) => `'${o}', sum(${outcome(o)})::int`).join(', ')}) AS outcomes
         FROM (
           SELECT opened_key AS key, opened_quarter AS quarter, opened, 0 AS closed, 0 AS open, 0 AS under_review,
             ${OUTCOMES.map((o) => `0 AS ${outcome(o)}`).join(', ')}, NULL::float8 AS day
           FROM facts WHERE opened > 0
           UNION ALL
           SELECT closed_key, closed_quarter, 0, closed, 0, 0, ${OUTCOMES.map(outcome).join(', ')}, NULL
           FROM facts WHERE closed > 0
           UNION ALL
           SELECT opened_key, NULL, 0, 0, open, under_review, ${OUTCOMES.map(() => '0').join(', ')}, NULL
           FROM facts WHERE open > 0
           UNION ALL
           SELECT closed_key, NULL, 0, 0, 0, 0, ${OUTCOMES.map(() => '0').join(', ')}, day
           FROM facts, unnest(days) day
         ) f
         GROUP BY key, quarter`,
        [...params, range.from, range.to],
      ),
    );
    return rows;
  }
}
