import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import { Shell } from '../ui/layout';
import { OfficeName } from '../ui/office-name';
import { Link } from '../ui/router';
import { DateTime } from '../ui/time';

type Handoff = components['schemas']['HandoffDto'];
export type Decision = 'accept' | 'decline' | 'withdraw';

export function useDecide(kind: 'handoffs' | 'trades') {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: Decision }): Promise<unknown> =>
      kind === 'handoffs'
        ? call(api.POST(`/api/v1/handoffs/{id}/${decision}`, { params: { path: { id } }, body: {} }))
        : call(api.POST(`/api/v1/trades/{id}/${decision}`, { params: { path: { id } }, body: {} })),
    onSettled: () => {
      for (const key of ['handoffs', 'trades', 'cases', 'ledger']) void queries.invalidateQueries({ queryKey: [key] });
    },
  });
}

export function Summary({ file }: { file: components['schemas']['RedactedFileDto'] }) {
  const label = useEnum();
  return (
    <span>
      {label('category', file.category)}
      {file.immigrationType && ` · ${label('immigrationType', file.immigrationType)}`} ·{' '}
      {label('urgency', file.urgency)} · {label('complexity', file.complexity)} · {file.languages.join(', ')}
    </span>
  );
}

function HandoffList({ direction, user }: { direction: 'incoming' | 'outgoing'; user: User }) {
  const t = useT();
  const label = useEnum();
  const decide = useDecide('handoffs');
  const { data } = useQuery({
    queryKey: ['handoffs', direction],
    queryFn: () => call(api.GET('/api/v1/handoffs', { params: { query: { direction, limit: 200 } } })),
  });
  const button = (handoff: Handoff, decision: Decision) => (
    <button type="button" onClick={() => decide.mutate({ id: handoff.id, decision })} disabled={decide.isPending}>
      {t(`handoffs.${decision}`)}
    </button>
  );
  return (
    <section aria-labelledby={`handoffs-${direction}`}>
      <h2 id={`handoffs-${direction}`}>{t(`handoffs.${direction}`)}</h2>
      <ProblemMessage problem={asProblem(decide.error)} />
      {data?.items.length === 0 && <p>{t('handoffs.none')}</p>}
      <ul className="cards">
        {data?.items.map((handoff) => (
          <li key={handoff.id}>
            <p>
              <strong>{label('handoffStatus', handoff.status)}</strong> ·{' '}
              {direction === 'incoming' ? t('handoffs.from') : t('handoffs.to')}{' '}
              <OfficeName id={direction === 'incoming' ? handoff.fromOfficeId : handoff.toOfficeId} />
              {handoff.channelId && direction === 'outgoing' && ` ${t('handoffs.toChannel')}`} ·{' '}
              <DateTime iso={handoff.createdAt} />
            </p>
            <p>
              <Summary file={handoff.summary} />
            </p>
            <p>{handoff.note}</p>
            {handoff.status === 'offered' && direction === 'incoming' && (
              <>
                {button(handoff, 'accept')} {button(handoff, 'decline')}
              </>
            )}
            {handoff.status === 'offered' && direction === 'outgoing' && button(handoff, 'withdraw')}
            {(handoff.status === 'accepted' && handoff.acceptedByOfficeId === user.officeId) ||
            direction === 'outgoing' ? (
              <Link href={`/files/${handoff.caseId}`}>{t('handoffs.openFile')}</Link>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Ledger({ officeId }: { officeId: string }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['ledger', officeId],
    queryFn: () => call(api.GET('/api/v1/offices/{id}/ledger', { params: { path: { id: officeId } } })),
  });
  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">{t('ledger.title')}</h2>
      {data?.offices.length === 0 && <p>{t('ledger.none')}</p>}
      {!!data?.offices.length && (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('ledger.office')}</th>
              <th scope="col">{t('ledger.given')}</th>
              <th scope="col">{t('ledger.taken')}</th>
              <th scope="col">{t('ledger.balance')}</th>
            </tr>
          </thead>
          <tbody>
            {data.offices.map((line) => (
              <tr key={line.officeId}>
                <th scope="row">
                  <OfficeName id={line.officeId} />
                </th>
                <td>{line.given}</td>
                <td>{line.taken}</td>
                <td>{line.balance}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export default function HandoffsScreen({ user }: { user: User }) {
  const t = useT();
  return (
    <Shell user={user} title={t('handoffs.title')}>
      <HandoffList direction="incoming" user={user} />
      <HandoffList direction="outgoing" user={user} />
      <section aria-labelledby="trades-heading">
        <h2 id="trades-heading">{t('trades.title')}</h2>
        <p>
          <Link href="/handoffs/trades">{t('trades.open')}</Link>
        </p>
      </section>
      {user.officeId && <Ledger officeId={user.officeId} />}
    </Shell>
  );
}
