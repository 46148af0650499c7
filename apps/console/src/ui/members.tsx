import { useQuery } from '@tanstack/react-query';
import { api, call, type User } from '../api/session';
import { useT } from '../i18n/t';

/**
 * The office's members, to assign work and to name assignees. Only an office lead may list
 * them (GET /offices/:id/members); an assistant knows only itself, and others stay unnamed.
 */
export function useMembers(user: User) {
  const t = useT();
  const officeId = user.officeId ?? '';
  const { data } = useQuery({
    queryKey: ['members', officeId],
    queryFn: () =>
      call(api.GET('/api/v1/offices/{id}/members', { params: { path: { id: officeId }, query: { limit: 200 } } })),
    enabled: !!officeId && user.role === 'office_lead',
    staleTime: 300_000,
  });
  const members = (data?.items ?? [user]).filter((member) => member.active);
  const name = (id: string | null | undefined) => {
    if (!id) return t('members.nobody');
    if (id === user.id) return t('members.you', { name: user.displayName });
    return (data?.items ?? []).find((member) => member.id === id)?.displayName ?? t('members.other');
  };
  return { members, name };
}

type Filters = { get: (name: string) => string; set: (name: string, value: string) => void };

/** A yes/no filter kept in the URL as `name=1`. */
export function FlagFilter({ filters, name, label }: { filters: Filters; name: string; label: string }) {
  return (
    <div className="field checkbox">
      <input
        id={`filter-${name}`}
        type="checkbox"
        checked={filters.get(name) === '1'}
        onChange={(event) => filters.set(name, event.target.checked ? '1' : '')}
      />
      <label htmlFor={`filter-${name}`}>{label}</label>
    </div>
  );
}

/** The "Assigned to me" filter, kept in the URL as `mine=1`. */
export function MineFilter({ filters }: { filters: Filters }) {
  const t = useT();
  return <FlagFilter filters={filters} name="mine" label={t('queue.mine')} />;
}
