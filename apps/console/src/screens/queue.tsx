import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { api, call, type User } from '../api/session';
import type { components } from '../api/schema';
import { useEnum, useT } from '../i18n/t';
import { CATEGORIES, OPEN_STATUSES, STATUSES, URGENCIES } from '../ui/enums';
import { Shell } from '../ui/layout';
import { FlagFilter, MineFilter } from '../ui/members';
import { Link, useUrlFilters } from '../ui/router';
import { useCountdown, useMinuteTick } from '../ui/time';

type CaseRow = components['schemas']['CaseSummaryDto'] & {
  dueAt?: string | null;
  dueReason?: string | null;
  overdue?: boolean;
};
const RANK: Record<string, number> = { emergency: 0, priority: 1, routine: 2 };
// The contract's intake windows (INTAKE_WINDOW_HOURS defaults), in hours.
const INTAKE_HOURS: Record<string, number> = { emergency: 4, priority: 48, routine: 240 };

/**
 * When a file must be acted on. GET /cases/queue says so itself (deadline, intake window,
 * follow-up or IRCC reply); a search through GET /cases is approximated here from the
 * deadline and the intake window.
 */
function due(row: CaseRow): { at: number; reason: string | null } {
  if (row.dueAt !== undefined)
    return { at: row.dueAt ? Date.parse(row.dueAt) : Infinity, reason: row.dueReason ?? null };
  const intake = Date.parse(row.createdAt) + INTAKE_HOURS[row.urgency]! * 3600_000;
  const deadline = row.deadline ? Date.parse(row.deadline) : Infinity;
  return deadline <= intake ? { at: deadline, reason: 'deadline' } : { at: intake, reason: 'intake_window' };
}
const dueAt = (row: CaseRow) => due(row).at;

/** What must be done first: due time, then urgency, then oldest (the order of GET /cases/queue). */
export function byUrgency(a: CaseRow, b: CaseRow): number {
  return dueAt(a) - dueAt(b) || RANK[a.urgency]! - RANK[b.urgency]! || a.createdAt.localeCompare(b.createdAt);
}

type Page = { items: CaseRow[]; nextCursor: string | null };

/** Every page of a list, up to `max` files: an office's queue is read whole, not its first 200. */
async function allPages(page: (after: string | undefined) => Promise<Page>, max = 2000): Promise<Page> {
  const items: CaseRow[] = [];
  let after: string | undefined;
  do {
    const next = await page(after);
    items.push(...next.items);
    after = next.nextCursor ?? undefined;
  } while (after && items.length < max);
  return { items, nextCursor: after ?? null };
}

export function QueueScreen({ user }: { user: User }) {
  const t = useT();
  const label = useEnum();
  const countdown = useCountdown();
  const now = useMinuteTick();
  const filters = useUrlFilters('/');
  const status = filters.get('status');
  const urgency = filters.get('urgency');
  const category = filters.get('category');
  const mine = filters.get('mine') === '1';
  // Files left open when the seat changed hands; filtered here, the queue's rows say so.
  const review = filters.get('review') === '1';
  const q = useDeferredValue(filters.get('q').trim());
  // The queue itself unless the filters need the search (status, category, words).
  const searching = !!(status || category || q);
  const { data, isPending, isError } = useQuery({
    queryKey: ['cases', 'queue', { status, urgency, category, mine, q }],
    queryFn: (): Promise<Page> =>
      allPages((after) =>
        searching
          ? searchCases(after)
          : call(
              api.GET('/api/v1/cases/queue', {
                params: {
                  query: {
                    limit: 200,
                    ...(after ? { after } : {}),
                    ...(urgency ? { urgency: urgency as CaseRow['urgency'] } : {}),
                    ...(mine ? { assigneeId: user.id } : {}),
                  },
                },
              }),
            ),
      ),
    placeholderData: keepPreviousData,
  });
  function searchCases(after: string | undefined) {
    return call(
      api.GET('/api/v1/cases', {
        params: {
          query: {
            limit: 200,
            ...(after ? { after } : {}),
            ...(status ? { status: status as CaseRow['status'] } : {}),
            ...(urgency ? { urgency: urgency as CaseRow['urgency'] } : {}),
            ...(category ? { category: category as CaseRow['category'] } : {}),
            ...(mine ? { assigneeId: user.id } : {}),
            ...(q ? { q } : {}),
          },
        },
      }),
    );
  }
  const rows = useMemo(
    () =>
      (data?.items ?? [])
        .filter((row) => (status || OPEN_STATUSES.includes(row.status)) && (!review || row.transitionReview))
        .sort(byUrgency),
    [data, status, review],
  );
  const select = (name: string, value: string, options: readonly string[], family: string, text: string) => (
    <div className="field">
      <label htmlFor={`filter-${name}`}>{text}</label>
      <select id={`filter-${name}`} value={value} onChange={(event) => filters.set(name, event.target.value)}>
        <option value="">{t('queue.any')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {label(family, option)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <Shell user={user} title={t('queue.title')}>
      <div className="toolbar">
        <Link href="/files/new" className="button primary">
          {t('queue.newFile')}
        </Link>
      </div>
      <form role="search" className="filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-q">{t('queue.search')}</label>
          <input
            id="filter-q"
            type="search"
            defaultValue={filters.get('q')}
            onChange={(event) => filters.set('q', event.target.value)}
          />
        </div>
        {select('urgency', urgency, URGENCIES, 'urgency', t('case.urgency'))}
        {select('status', status, STATUSES, 'status', t('case.status'))}
        {select('category', category, CATEGORIES, 'category', t('case.category'))}
        <MineFilter filters={filters} />
        <FlagFilter filters={filters} name="review" label={t('queue.underReview')} />
      </form>
      {isPending && <p role="status">{t('common.loading')}</p>}
      {isError && <p role="alert">{t('problem.generic')}</p>}
      {data && (
        <>
          <p role="status" className="count">
            {t('queue.count', { count: rows.length })}
          </p>
          <table className="queue">
            <caption className="visually-hidden">{t('queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.reference')}</th>
                <th scope="col">{t('case.urgency')}</th>
                <th scope="col">{t('queue.due')}</th>
                <th scope="col">{t('case.status')}</th>
                <th scope="col">{t('case.category')}</th>
                <th scope="col">{t('case.summary')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => {
                const { at, reason } = due(row);
                const dueIso = Number.isFinite(at) ? new Date(at).toISOString() : '';
                return (
                  <tr key={row.id} className={`urgency-${row.urgency}`}>
                    <th scope="row">
                      <Link href={`/files/${row.id}`}>{row.reference}</Link>
                      {row.transitionReview && (
                        <>
                          {' '}
                          <span className="badge badge-review">{t('review.marker')}</span>
                        </>
                      )}
                    </th>
                    <td>
                      <span className={`badge badge-${row.urgency}`}>{label('urgency', row.urgency)}</span>
                    </td>
                    <td className={at < now ? 'overdue' : undefined}>
                      {Number.isFinite(at) && <time dateTime={dueIso}>{countdown(dueIso, now)}</time>}
                      {reason && <span className="hint"> · {label('dueReason', reason)}</span>}
                    </td>
                    <td>{label('status', row.status)}</td>
                    <td>
                      {label('category', row.category)}
                      {row.immigrationType && (
                        <span className="hint"> · {label('immigrationType', row.immigrationType)}</span>
                      )}
                    </td>
                    <td className="summary">{row.summary}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Shell>
  );
}
