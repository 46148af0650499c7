import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import { api, call, type User } from '../api/session';
import { useOfficeName } from '../i18n/i18n';
import { useT } from '../i18n/t';
import { Shell } from '../ui/layout';

/** The admin's screen: parties and offices of the directory. */
export default function DirectoryScreen({ user }: { user: User }) {
  const t = useT();
  const name = useOfficeName();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search.trim());
  const { data: parties } = useQuery({
    queryKey: ['parties'],
    queryFn: () => call(api.GET('/api/v1/parties', { params: { query: { limit: 200 } } })),
  });
  const { data: offices } = useQuery({
    queryKey: ['offices', q],
    queryFn: () => call(api.GET('/api/v1/offices', { params: { query: { limit: 50, ...(q ? { q } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const party = (id: string | null) => parties?.items.find((p) => p.id === id)?.shortName ?? '';
  return (
    <Shell user={user} title={t('directory.title')}>
      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t('directory.parties')}</h2>
        <ul>
          {parties?.items.map((p) => (
            <li key={p.id}>
              {p.name} ({p.shortName})
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="offices-heading">
        <h2 id="offices-heading">{t('directory.offices')}</h2>
        <div className="field">
          <label htmlFor="office-search">{t('directory.search')}</label>
          <input id="office-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('directory.code')}</th>
              <th scope="col">{t('office.name')}</th>
              <th scope="col">{t('directory.province')}</th>
              <th scope="col">{t('directory.party')}</th>
            </tr>
          </thead>
          <tbody>
            {offices?.items.map((office) => (
              <tr key={office.id}>
                <td>{office.code}</td>
                <th scope="row">{name(office)}</th>
                <td>{office.province}</td>
                <td>{party(office.partyId)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Shell>
  );
}
