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
