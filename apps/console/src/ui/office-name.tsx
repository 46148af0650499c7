import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/session';
import { useOfficeName } from '../i18n/i18n';

export function useOffice(id: string | null | undefined) {
  return useQuery({
    queryKey: ['office', id],
    queryFn: () => call(api.GET('/api/v1/offices/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    staleTime: 3600_000,
  });
}

/** An office by id, named in the chosen language (nameFr in French). */
export function OfficeName({ id }: { id: string | null | undefined }) {
  const { data } = useOffice(id);
  const name = useOfficeName();
  if (!id) return null;
  return <span>{data ? `${name(data)} (${data.code})` : '…'}</span>;
}

/** An office as a <select> option (an option holds text only), named in the chosen language. */
export function OfficeOption({ id }: { id: string }) {
  const { data } = useOffice(id);
  const name = useOfficeName();
  return <option value={id}>{data ? `${name(data)} (${data.code})` : id}</option>;
}
