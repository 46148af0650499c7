import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { api, call, type User } from '../api/session';
import { useLanguage } from '../i18n/i18n';
import { useEnum, useT } from '../i18n/t';
import { ChannelOptions, useChannels } from '../ui/channels';
import { DownloadLink } from '../ui/download';
import { GROUP_BYS, OUTCOMES } from '../ui/enums';
import { asProblem, Field, ProblemMessage } from '../ui/form';
import { formValues } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { useUrlFilters } from '../ui/router';
import { ReportChart } from './report-chart';

type GroupBy = (typeof GROUP_BYS)[number];
type Count = number | '<5';
type Group = { key: string | null; label: string; opened: Count; closed: Count; open: Count; underReview: Count };
type Range = { from?: string; to?: string; groupBy: GroupBy; lang: 'en' | 'fr' };

/** The last day a report covers: its `to` is exclusive. */
const lastDay = (to: string) => new Date(Date.parse(to) - 1).toISOString();

/**
 * One table for both reports: a row per group, the counts, then the outcomes. The office's
 * own report adds the median days to close; a channel's may answer "<5" for a count.
 */
function ReportTable<G extends Group & { outcomes: Record<string, Count> }>({
  caption,
  groups,
  describedBy,
  median,
}: {
  caption: string;
  groups: G[];
  describedBy?: string;
  median?: (group: G) => number | null;
}) {
  const t = useT();
  const label = useEnum();
  const intl = useIntl();
  const columns = [
    t('reports.opened'),
    t('reports.closed'),
    t('reports.open'),
    t('reports.underReview'),
    ...(median ? [t('reports.median')] : []),
    ...OUTCOMES.map((outcome) => label('outcome', outcome)),
  ];
  const count = (value: Count | undefined) => (typeof value === 'number' ? intl.formatNumber(value) : (value ?? '0'));
  return (
    <table aria-describedby={describedBy}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('reports.group')}</th>
          {columns.map((column) => (
            <th scope="col" className="number" key={column}>
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => {
          const days = median?.(group);
          return (
            <tr key={group.key ?? ''}>
              <th scope="row">{group.label}</th>
              <td className="number">{count(group.opened)}</td>
              <td className="number">{count(group.closed)}</td>
              <td className="number">{count(group.open)}</td>
              <td className="number">{count(group.underReview)}</td>
              {median && (
                <td className="number">{days == null ? '—' : intl.formatNumber(days, { maximumFractionDigits: 1 })}</td>
              )}
              {OUTCOMES.map((outcome) => (
                <td className="number" key={outcome}>
                  {count(group.outcomes[outcome])}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** "By category · 1 Jan 2026 to 31 Dec 2026": the range as the server read it (its `to` is exclusive). */
function useCaption() {
  const t = useT();
  const intl = useIntl();
  const day = (iso: string) => intl.formatDate(iso, { dateStyle: 'medium', timeZone: 'UTC' });
  return (title: string, report: { from: string; to: string }) =>
    `${title} · ${t('reports.range', { from: day(report.from), to: day(lastDay(report.to)) })}`;
}

function OfficeReport({ range }: { range: Range }) {
  const t = useT();
  const label = useEnum();
  const caption = useCaption();
  const { data, error } = useQuery({
    queryKey: ['reports', 'caseload', range],
    queryFn: () => call(api.GET('/api/v1/reports/caseload', { params: { query: range } })),
    placeholderData: keepPreviousData,
  });
  const csv = new URLSearchParams(Object.entries(range).filter(([, value]) => value) as [string, string][]);
  return (
    <section aria-labelledby="office-report-heading">
      <h2 id="office-report-heading">{t('reports.office')}</h2>
      <ProblemMessage problem={asProblem(error)} />
      {!data && !error && <p role="status">{t('common.loading')}</p>}
      {data && (
        <>
          {data.groups.length === 0 ? (
            <p>{t('reports.empty')}</p>
          ) : (
            <>
              <ReportChart bars={data.groups.map(({ label, opened, closed }) => ({ label, opened, closed }))} />
              <ReportTable
                caption={caption(
                  t('reports.by', { groupBy: label('groupBy', data.groupBy).toLocaleLowerCase() }),
                  data,
                )}
                groups={data.groups}
                median={(group) => group.medianDaysToClose}
              />
            </>
          )}
          <p>
            <DownloadLink href={`/api/v1/reports/caseload.csv?${csv.toString()}`} fallbackName="caseload.csv">
              {t('reports.csv')}
            </DownloadLink>
          </p>
        </>
      )}
    </section>
  );
}

function ChannelReport({
  range,
  channelId,
  onChannel,
}: {
  range: Range;
  channelId: string;
  onChannel: (id: string) => void;
}) {
  const t = useT();
  const label = useEnum();
  const caption = useCaption();
  const { data: channels } = useChannels();
  const chosen = channelId || channels?.items[0]?.id || '';
  const { data, error } = useQuery({
    queryKey: ['reports', 'channel', chosen, range],
    queryFn: () => call(api.GET('/api/v1/channels/{id}/report', { params: { path: { id: chosen }, query: range } })),
    enabled: !!chosen,
    placeholderData: keepPreviousData,
  });
  return (
    <section aria-labelledby="channel-report-heading">
      <h2 id="channel-report-heading">{t('reports.channel')}</h2>
      <Field label={t('reports.channelField')} name="channel">
        {(props) => (
          <select {...props} value={chosen} onChange={(event) => onChannel(event.target.value)}>
            <ChannelOptions />
          </select>
        )}
      </Field>
      <p id="small-groups" className="hint">
        {t('reports.smallGroups')}
      </p>
      <ProblemMessage problem={asProblem(error)} />
      {data &&
        (data.groups.length === 0 ? (
          <p>{t('reports.empty')}</p>
        ) : (
          <ReportTable
            caption={caption(
              t('reports.channelBy', {
                channel: channels?.items.find((channel) => channel.id === chosen)?.name ?? '',
                groupBy: label('groupBy', data.groupBy).toLocaleLowerCase(),
              }),
              data,
            )}
            groups={data.groups}
            describedBy="small-groups"
          />
        ))}
    </section>
  );
}

/** The office's caseload in numbers, and its channels' files together (counts only). */
export default function ReportsScreen({ user }: { user: User }) {
  const t = useT();
  const label = useEnum();
  const { language } = useLanguage();
  const filters = useUrlFilters('/reports');
  const values = {
    from: filters.get('from'),
    to: filters.get('to'),
    groupBy: filters.get('groupBy'),
    channel: filters.get('channel'),
  };
  const range: Range = {
    groupBy: (GROUP_BYS as readonly string[]).includes(values.groupBy) ? (values.groupBy as GroupBy) : 'category',
    lang: language,
    ...(values.from ? { from: values.from } : {}),
    ...(values.to ? { to: values.to } : {}),
  };
  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    filters.setAll({ ...formValues(event.currentTarget), channel: values.channel });
  };
  return (
    <Shell user={user} title={t('reports.title')}>
      <form className="filters" onSubmit={apply} aria-label={t('reports.filters')} key={JSON.stringify(values)}>
        <Field label={t('reports.from')} name="from">
          {(props) => <input {...props} type="date" defaultValue={values.from} />}
        </Field>
        <Field label={t('reports.to')} name="to">
          {(props) => <input {...props} type="date" defaultValue={values.to} />}
        </Field>
        <Field label={t('reports.groupBy')} name="groupBy">
          {(props) => (
            <select {...props} defaultValue={range.groupBy}>
              {GROUP_BYS.map((groupBy) => (
                <option key={groupBy} value={groupBy}>
                  {label('groupBy', groupBy)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="primary">
          {t('reports.show')}
        </button>
      </form>
      <OfficeReport range={range} />
      <ChannelReport
        range={range}
        channelId={values.channel}
        onChannel={(channel) => filters.setAll({ ...values, channel })}
      />
    </Shell>
  );
}
