import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type User } from '../api/session';
import { useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import { Shell } from '../ui/layout';
import { MineFilter, useMembers } from '../ui/members';
import { Link, useUrlFilters } from '../ui/router';
import { Due, useMinuteTick } from '../ui/time';

const DUE = ['overdue', 'today', 'week'] as const;

/** POST /follow-ups/:id/done; every list of follow-ups, and the queue's due times, follow. */
export function useMarkDone() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(api.POST('/api/v1/follow-ups/{id}/done', { params: { path: { id } } })),
    onSettled: () => {
      for (const key of ['follow-ups', 'cases', 'history']) void queries.invalidateQueries({ queryKey: [key] });
    },
  });
}

/** "My day": the office's open follow-ups, soonest first; `?due=` and `?mine=1` are kept in the URL. */
export default function FollowUpsScreen({ user }: { user: User }) {
  const t = useT();
  const now = useMinuteTick();
  const filters = useUrlFilters('/follow-ups');
  const due = DUE.find((value) => value === filters.get('due'));
  const mine = filters.get('mine') === '1';
  const { name } = useMembers(user);
  const done = useMarkDone();
  const { data, isPending, isError } = useQuery({
    queryKey: ['follow-ups', 'office', { due, mine }],
    queryFn: () =>
      call(
        api.GET('/api/v1/follow-ups', {
          params: { query: { limit: 200, ...(due ? { due } : {}), ...(mine ? { assigneeId: user.id } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const rows = data?.items ?? [];
  return (
    <Shell user={user} title={t('myDay.title')}>
      <form className="filters" aria-label={t('myDay.filters')} onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-due">{t('myDay.show')}</label>
          <select id="filter-due" value={due ?? ''} onChange={(event) => filters.set('due', event.target.value)}>
            <option value="">{t('myDay.due.all')}</option>
            {DUE.map((value) => (
              <option key={value} value={value}>
                {t(`myDay.due.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <MineFilter filters={filters} />
      </form>
      {isPending && <p role="status">{t('common.loading')}</p>}
      {isError && <p role="alert">{t('problem.generic')}</p>}
      <ProblemMessage problem={asProblem(done.error)} />
      {data && (
        <>
          <p role="status" className="count">
            {t('myDay.count', { count: rows.length })}
          </p>
          <table>
            <caption className="visually-hidden">{t('myDay.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.reference')}</th>
                <th scope="col">{t('followUps.dueAt')}</th>
                <th scope="col">{t('followUps.note')}</th>
                <th scope="col">{t('followUps.assignee')}</th>
                <th scope="col">{t('followUps.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <Link href={`/files/${row.caseId}`}>{row.caseReference}</Link>
                  </th>
                  <td>
                    <Due iso={row.dueAt} now={now} />
                  </td>
                  <td className="summary">{row.note}</td>
                  <td>{name(row.assigneeId)}</td>
                  <td>
                    <button type="button" onClick={() => done.mutate(row.id)} disabled={done.isPending}>
                      {t('followUps.markDone')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Shell>
  );
}
