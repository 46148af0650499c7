import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { asProblem, Field, fieldErrors, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { OfficeName, OfficeOption, useOffice } from '../ui/office-name';
import { Link } from '../ui/router';
import { useFormMutation } from './form-mutation';

type Member = components['schemas']['UserDto'];
type Channel = components['schemas']['ChannelDto'];
const ROLES = ['assistant', 'office_lead'] as const;

function useUpdateMember(officeId: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ member, change }: { member: Member; change: components['schemas']['UpdateUserDto'] }) =>
      call(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: member.id }, header: { 'If-Match': `"${member.version}"` } },
          body: change,
        }),
      ),
    onSettled: () => queries.invalidateQueries({ queryKey: ['members', officeId] }),
  });
}

/** A member's role, changed with its own small form (a select alone must not save on arrow keys). */
function RoleForm({ member, update }: { member: Member; update: ReturnType<typeof useUpdateMember> }) {
  const t = useT();
  const label = useEnum();
  const [role, setRole] = useState(member.role);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ member, change: { role: role as (typeof ROLES)[number] } });
  };
  return (
    <form className="inline" onSubmit={submit}>
      <label htmlFor={`role-${member.id}`} className="visually-hidden">
        {t('office.roleOf', { name: member.displayName })}
      </label>
      <select id={`role-${member.id}`} value={role} onChange={(event) => setRole(event.target.value as Member['role'])}>
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {label('role', option)}
          </option>
        ))}
      </select>{' '}
      <button type="submit" disabled={update.isPending || role === member.role}>
        {t('office.saveRole', { name: member.displayName })}
      </button>
    </form>
  );
}

function Members({ user, officeId }: { user: User; officeId: string }) {
  const t = useT();
  const label = useEnum();
  const update = useUpdateMember(officeId);
  const { data: members } = useQuery({
    queryKey: ['members', officeId],
    queryFn: () =>
      call(api.GET('/api/v1/offices/{id}/members', { params: { path: { id: officeId }, query: { limit: 200 } } })),
  });
  return (
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
              <td>
                {member.id === user.id ? (
                  label('role', member.role)
                ) : (
                  <RoleForm key={`${member.id}-${member.version}`} member={member} update={update} />
                )}
              </td>
              <td>
                {t(member.active ? 'office.active' : 'office.inactive')}{' '}
                {member.id !== user.id && (
                  <button type="button" onClick={() => update.mutate({ member, change: { active: !member.active } })}>
                    {t(member.active ? 'office.deactivate' : 'office.reactivate', { name: member.displayName })}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function useMembership() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ channel, officeId, join }: { channel: Channel; officeId: string; join: boolean }) =>
      join
        ? call(api.POST('/api/v1/channels/{id}/members', { params: { path: { id: channel.id } }, body: { officeId } }))
        : call(
            api.DELETE('/api/v1/channels/{id}/members/{officeId}', {
              params: { path: { id: channel.id, officeId } },
            }),
          ),
    onSettled: () => queries.invalidateQueries({ queryKey: ['channels'] }),
  });
}

/** One channel: its member offices; its creating office's lead adds neighbours; any member office may leave. */
function ChannelItem({ channel, officeId, neighbours }: { channel: Channel; officeId: string; neighbours: string[] }) {
  const t = useT();
  const label = useEnum();
  const membership = useMembership();
  const [adding, setAdding] = useState('');
  const [shown, setShown] = useState(false);
  const managed = channel.kind !== 'party';
  const addable = neighbours.filter((id) => !channel.memberOfficeIds.includes(id));
  return (
    <li>
      <p>
        <strong>{channel.name}</strong> · {label('channelKind', channel.kind)} ·{' '}
        {t('office.memberOffices', { count: channel.memberOfficeIds.length })}
      </p>
      {/* Named only on demand: a party channel has a hundred offices or more, each a lookup. */}
      <details onToggle={(event) => setShown(event.currentTarget.open)}>
        <summary>{t('office.showMembers', { name: channel.name })}</summary>
        {shown && (
          <ul className="inline-list">
            {channel.memberOfficeIds.map((id) => (
              <li key={id}>
                <OfficeName id={id} />
              </li>
            ))}
          </ul>
        )}
      </details>
      {managed && channel.ownerOfficeId === officeId && addable.length > 0 && (
        <form
          className="inline"
          onSubmit={(event) => {
            event.preventDefault();
            if (adding) membership.mutate({ channel, officeId: adding, join: true });
          }}
        >
          <label htmlFor={`add-${channel.id}`}>{t('office.addOffice', { name: channel.name })}</label>{' '}
          <select id={`add-${channel.id}`} value={adding} onChange={(event) => setAdding(event.target.value)}>
            <option value="">{t('trades.chooseNeighbour')}</option>
            {addable.map((id) => (
              <OfficeOption key={id} id={id} />
            ))}
          </select>{' '}
          <button type="submit" disabled={!adding || membership.isPending}>
            {t('office.add')}
          </button>
        </form>
      )}
      {managed && (
        <button
          type="button"
          onClick={() => membership.mutate({ channel, officeId, join: false })}
          disabled={membership.isPending}
        >
          {t('office.leave', { name: channel.name })}
        </button>
      )}
      <ProblemMessage problem={asProblem(membership.error)} />
    </li>
  );
}

function NewChannel({ neighbours }: { neighbours: string[] }) {
  const t = useT();
  const label = useEnum();
  const create = useFormMutation(
    (v, form) =>
      call(
        api.POST('/api/v1/channels', {
          body: {
            name: v.name ?? '',
            kind: (v.kind ?? 'custom') as 'custom',
            memberOfficeIds: form.getAll('memberOfficeIds') as string[],
          },
          headers: idempotencyKey(),
        }),
      ),
    [['channels']],
  );
  const errors = fieldErrors(create.problem, 'memberOfficeIds');
  return (
    <form ref={create.form} onSubmit={create.onSubmit} noValidate aria-labelledby="new-channel-heading">
      <h2 id="new-channel-heading">{t('office.newChannel')}</h2>
      <Field label={t('office.channelName')} name="name" problem={create.problem}>
        {(props) => <input {...props} />}
      </Field>
      <Field label={t('office.channelKind')} name="kind" problem={create.problem}>
        {(props) => (
          <select {...props} defaultValue="custom">
            {(['custom', 'region'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {label('channelKind', kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <fieldset className="checkboxes" aria-describedby={errors.length ? 'new-channel-members-error' : undefined}>
        <legend>{t('office.channelMembers')}</legend>
        {neighbours.map((id) => (
          <span key={id}>
            <input type="checkbox" name="memberOfficeIds" value={id} id={`new-channel-${id}`} />
            <label htmlFor={`new-channel-${id}`}>
              <OfficeName id={id} />
            </label>
          </span>
        ))}
        {errors.length > 0 && (
          <span className="error" id="new-channel-members-error">
            {errors.join(' ')}
          </span>
        )}
      </fieldset>
      <ProblemMessage problem={create.problem} />
      <button type="submit" disabled={create.mutation.isPending}>
        {t('office.createChannel')}
      </button>
    </form>
  );
}

/** The office lead's screen: members, their roles and standing, and the office's channels. */
export default function OfficeScreen({ user }: { user: User }) {
  const t = useT();
  const officeId = user.officeId ?? '';
  const { data: office } = useOffice(officeId);
  const neighbours = office?.neighbourIds ?? [];
  const { data: channels } = useQuery({
    queryKey: ['channels'],
    queryFn: () => call(api.GET('/api/v1/channels', { params: { query: { limit: 200 } } })),
  });
  return (
    <Shell user={user} title={t('office.title')}>
      <p>
        <OfficeName id={officeId} />
      </p>
      <p>
        <Link href="/office/checklists">{t('templates.title')}</Link>
      </p>
      {officeId && <Members user={user} officeId={officeId} />}
      <section aria-labelledby="office-channels-heading">
        <h2 id="office-channels-heading">{t('office.channels')}</h2>
        <ul className="cards">
          {channels?.items.map((channel) => (
            <ChannelItem key={channel.id} channel={channel} officeId={officeId} neighbours={neighbours} />
          ))}
        </ul>
      </section>
      <NewChannel neighbours={neighbours} />
    </Shell>
  );
}
