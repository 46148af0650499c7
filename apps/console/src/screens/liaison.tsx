import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, call, type User } from '../api/session';
import { useT } from '../i18n/t';
import { Shell } from '../ui/layout';
import { Link } from '../ui/router';
import { DateTime, Due, useMinuteTick } from '../ui/time';

/** The office's IRCC liaison: open enquiries (overdue first, then soonest reply due) and MCMPS minutes used. */
export default function LiaisonScreen({ user }: { user: User }) {
  const t = useT();
  const now = useMinuteTick();
  const { data, isPending, isError } = useQuery({
    queryKey: ['liaison'],
    queryFn: () => call(api.GET('/api/v1/liaison')),
  });
  const enquiries = useMemo(
    () =>
      [...(data?.openEnquiries ?? [])].sort(
        (a, b) => Number(b.overdue) - Number(a.overdue) || a.replyDueAt.localeCompare(b.replyDueAt),
      ),
    [data],
  );
  return (
    <Shell user={user} title={t('liaison.title')}>
      {isPending && <p role="status">{t('common.loading')}</p>}
      {isError && <p role="alert">{t('problem.generic')}</p>}
      {data && (
        <>
          <section aria-labelledby="mcmps-heading">
            <h2 id="mcmps-heading">{t('liaison.mcmps')}</h2>
            <dl className="details">
              <div>
                <dt>{t('liaison.thisWeek')}</dt>
                <dd>{t('contactLog.minutes', { count: data.mcmpsMinutesThisWeek })}</dd>
              </div>
              <div>
                <dt>{t('liaison.last4Weeks')}</dt>
                <dd>{t('contactLog.minutes', { count: data.mcmpsMinutesLast4Weeks })}</dd>
              </div>
            </dl>
          </section>
          <section aria-labelledby="enquiries-heading">
            <h2 id="enquiries-heading">{t('liaison.open')}</h2>
            <p role="status" className="count">
              {t('liaison.count', { count: enquiries.length })}
            </p>
            <table>
              <caption className="visually-hidden">{t('liaison.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.reference')}</th>
                  <th scope="col">{t('liaison.sentAt')}</th>
                  <th scope="col">{t('liaison.replyDue')}</th>
                </tr>
              </thead>
              <tbody>
                {enquiries.map((row) => (
                  <tr key={row.interactionId}>
                    <th scope="row">
                      <Link href={`/files/${row.caseId}`}>{row.caseReference}</Link>
                    </th>
                    <td>
                      <DateTime iso={row.sentAt} />
                    </td>
                    <td>
                      <Due iso={row.replyDueAt} now={now} overdue={row.overdue} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </Shell>
  );
}
