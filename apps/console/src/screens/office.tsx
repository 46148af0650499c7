import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import { Shell } from '../ui/layout';
import { OfficeName } from '../ui/office-name';
import { Link } from '../ui/router';

/** The office lead's screen: members, their roles and standing, and the office's channels. */
export default function OfficeScreen({ user }: { user: User }) {
  const t = useT();
  const label = useEnum();
  const queries = useQueryClient();
  const officeId = user.officeId ?? '';
  const { data: members } = useQuery({
    queryKey: ['members', officeId],
    queryFn: () =>
      call(api.GET('/api/v1/offices/{id}/members', { params: { path: { id: officeId }, query: { limit: 200 } } })),
    enabled: !!officeId,
  });
  const { data: channels } = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })),
  });
  const update = useMutation({
    mutationFn: (change: { id: string; version: number; active: boolean }) =>
      call(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: change.id }, header: { 'If-Match': `"${change.version}"` } },
          body: { active: change.active },
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: ['members', officeId] }),
  });
  return (
    <Shell user={user} title={t('office.title')}>
      <p>
        <OfficeName id={officeId} />
      </p>
      <p>
        <Link href="/office/checklists">{t('templates.title')}</Link>
      </p>
      <section aria-labelledby="members-heading">
        <h2 id="members-heading">{t('office.members')}</h2>
        <ProblemMessage problem={asProblem(update.error)} />
        <table>
          <thead>
            <tr>
              <th scope="col">{t('office.name')}</th>
              <th scope="col">{t('signIn.email')}</th>
              <th scope="col">{t('office.role')}</th>
              <th scope="col">{t('office.standing')}</th>
            </tr>
          </thead>
          <tbody>
            {members?.items.map((member) => (
              <tr key={member.id}>
                <th scope="row">{member.displayName}</th>
                <td>{member.email}</td>
                <td>{label('role', member.role)}</td>
                <td>
                  {t(member.active ? 'office.active' : 'office.inactive')}{' '}
                  {member.id !== user.id && (
                    <button
                      type="button"
                      onClick={() => update.mutate({ id: member.id, version: member.version, active: !member.active })}
                    >
                      {t(member.active ? 'office.deactivate' : 'office.reactivate', { name: member.displayName })}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="office-channels-heading">
        <h2 id="office-channels-heading">{t('office.channels')}</h2>
        <ul>
          {channels?.items.map((channel) => (
            <li key={channel.id}>
              {channel.name} · {label('channelKind', channel.kind)} ·{' '}
              {t('office.memberOffices', { count: channel.memberOfficeIds.length })}
            </li>
          ))}
        </ul>
      </section>
    </Shell>
  );
}
