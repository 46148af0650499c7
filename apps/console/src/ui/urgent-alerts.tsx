import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { api, call, sessionStore } from '../api/session';
import { useT } from '../i18n/t';
import { Link } from './router';

/** Alerts are an office's: a user of no office (an admin) asks for none (`enabled: false`). */
export function useUnacknowledgedAlerts(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['alerts', 'unacknowledged'],
    queryFn: () => call(api.GET('/api/v1/alerts', { params: { query: { unacknowledged: true, limit: 50 } } })),
  });
}

export function useAcknowledge() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (alertId: string) => call(api.POST('/api/v1/alerts/{id}/ack', { params: { path: { id: alertId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['alerts'] }),
  });
}

/**
 * Urgent alerts not yet acknowledged, on every screen. The live region is always in the
 * page, so a screen reader announces an alert that arrives while it is open.
 */
export function UrgentAlerts() {
  const t = useT();
  const session = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const user = session.status === 'signedIn' ? session.user : null;
  const me = user?.id ?? null;
  const { data } = useUnacknowledgedAlerts(user !== null && user.officeId !== null);
  const acknowledge = useAcknowledge();
  const urgent = (data?.items ?? []).filter((alert) => alert.severity === 'urgent' && alert.authorId !== me);
  return (
    <section aria-live="assertive" aria-label={t('alerts.urgentRegion')} className="urgent-region">
      {urgent.map((alert) => (
        <div key={alert.id} className="urgent" role="group" aria-labelledby={`urgent-${alert.id}`}>
          <p>
            <strong id={`urgent-${alert.id}`}>{t('alerts.urgentTitle', { title: alert.title })}</strong> {alert.body}
          </p>
          {alert.affectedOpenCases > 0 && (
            <Link href={alert.categories?.length ? `/?category=${alert.categories[0]}` : '/'}>
              {t('alerts.affected', { count: alert.affectedOpenCases })}
            </Link>
          )}
          <button type="button" onClick={() => acknowledge.mutate(alert.id)} disabled={acknowledge.isPending}>
            {t('alerts.acknowledge')}
          </button>
        </div>
      ))}
    </section>
  );
}
