import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { useChannels } from '../ui/channels';
import { CATEGORIES, OUTCOMES } from '../ui/enums';
import { Field } from '../ui/form';
import { formValues } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { OfficeName } from '../ui/office-name';
import { useUrlFilters } from '../ui/router';
import { DateTime } from '../ui/time';

type Precedent = components['schemas']['PrecedentDto'];
type Query = { q?: string; category?: Precedent['category']; outcome?: Precedent['outcome'] };

function PrecedentCard({ item, channel }: { item: Precedent; channel: string }) {
  const t = useT();
  const label = useEnum();
  return (
    <li>
      <h2>{item.title}</h2>
      <p className="hint">
        {[
          label('category', item.category),
          item.immigrationType && label('immigrationType', item.immigrationType),
          label('outcome', item.outcome),
          t('precedents.daysOpen', { count: item.daysOpen }),
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      <p className="lessons">{item.lessons}</p>
      <p className="hint">
        {t('precedents.sharedBy')} <OfficeName id={item.officeId} /> · {channel} · <DateTime iso={item.createdAt} />
      </p>
    </li>
  );
}

/** What the offices of the caller's channels learned from their resolved files, searched in French and English. */
export default function PrecedentsScreen({ user }: { user: User }) {
  const t = useT();
  const label = useEnum();
  const filters = useUrlFilters('/precedents');
  const query: Query = {};
  const q = filters.get('q');
  const category = filters.get('category');
  const outcome = filters.get('outcome');
  if (q) query.q = q;
  if (category) query.category = category as Precedent['category'];
  if (outcome) query.outcome = outcome as Precedent['outcome'];
  const { data, isPending, isError } = useQuery({
    queryKey: ['precedents', query],
    queryFn: () => call(api.GET('/api/v1/precedents', { params: { query: { limit: 50, ...query } } })),
    placeholderData: keepPreviousData,
  });
  const { data: channels } = useChannels();
  const channelName = (id: string) => channels?.items.find((channel) => channel.id === id)?.name ?? '';
  const search = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    filters.setAll(formValues(event.currentTarget));
  };
  const options = (family: string, values: readonly string[]) => [
    <option key="" value="">
      {t('queue.any')}
    </option>,
    ...values.map((value) => (
      <option key={value} value={value}>
        {label(family, value)}
      </option>
    )),
  ];
  return (
    <Shell user={user} title={t('precedents.title')}>
      <p>{t('precedents.intro')}</p>
      {/* Keyed by the URL, so going back to another search shows its words in the fields. */}
      <form role="search" className="filters" onSubmit={search} key={`${q}|${category}|${outcome}`}>
        <Field label={t('precedents.search')} name="q">
          {(props) => <input {...props} type="search" defaultValue={q} />}
        </Field>
        <Field label={t('case.category')} name="category">
          {(props) => (
            <select {...props} defaultValue={category}>
              {options('category', CATEGORIES)}
            </select>
          )}
        </Field>
        <Field label={t('case.outcome')} name="outcome">
          {(props) => (
            <select {...props} defaultValue={outcome}>
              {options('outcome', OUTCOMES)}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {t('precedents.searchSubmit')}
        </button>
      </form>
      {isPending && <p role="status">{t('common.loading')}</p>}
      {isError && <p role="alert">{t('problem.generic')}</p>}
      {data && (
        <>
          <p role="status">{t('precedents.count', { count: data.items.length })}</p>
          <ul className="cards precedents">
            {data.items.map((item) => (
              <PrecedentCard key={item.id} item={item} channel={channelName(item.channelId)} />
            ))}
          </ul>
        </>
      )}
    </Shell>
  );
}
