import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { Field, fieldErrors, ProblemMessage, asProblem } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { OfficeName, OfficeOption, useOffice } from '../ui/office-name';
import { Link } from '../ui/router';
import { DateTime } from '../ui/time';
import { useFormMutation } from './form-mutation';
import { type Decision, Summary, useDecide } from './handoffs';
import type { Problem } from '../api/session';

type Trade = components['schemas']['TradeDto'];
type TradeFile = components['schemas']['TradeFileDto'];

function useTable(officeId: string | undefined) {
  return useQuery({
    queryKey: ['trade-table', officeId],
    queryFn: () => call(api.GET('/api/v1/offices/{id}/trade-table', { params: { path: { id: officeId! } } })),
    enabled: !!officeId,
  });
}

function FileLine({ file, own }: { file: TradeFile; own: boolean }) {
  const t = useT();
  return (
    <>
      <Summary file={file} />
      {file.deadline && (
        <>
          {' '}
          · {t('trades.deadline')} <DateTime iso={file.deadline} />
        </>
      )}
      {own && (
        <>
          {' '}
          · <Link href={`/files/${file.caseId}`}>{t('handoffs.openFile')}</Link>
        </>
      )}
    </>
  );
}

/** One side of a proposal: the files on one office's table, each a checkbox. */
function TableChoice({
  name,
  legend,
  files,
  own,
  problem,
}: {
  name: 'giveCaseIds' | 'takeCaseIds';
  legend: string;
  files: TradeFile[] | undefined;
  own: boolean;
  problem: Problem | null;
}) {
  const t = useT();
  const errors = fieldErrors(problem, name);
  return (
    <fieldset className="checkboxes" aria-describedby={errors.length ? `${name}-error` : undefined}>
      <legend>{legend}</legend>
      {files?.length === 0 && <p>{t('trades.tableEmpty')}</p>}
      <ul>
        {files?.map((file) => (
          <li key={file.caseId}>
            <input type="checkbox" name={name} value={file.caseId} id={`${name}-${file.caseId}`} />
            <label htmlFor={`${name}-${file.caseId}`}>
              <FileLine file={file} own={false} />
            </label>
            {/* Outside the label: a link must not become part of the checkbox's name. */}
            {own && (
              <>
                {' '}
                · <Link href={`/files/${file.caseId}`}>{t('handoffs.openFile')}</Link>
              </>
            )}
          </li>
        ))}
      </ul>
      {errors.length > 0 && (
        <span className="error" id={`${name}-error`}>
          {errors.join(' ')}
        </span>
      )}
    </fieldset>
  );
}

function Propose({ officeId }: { officeId: string }) {
  const t = useT();
  const { data: office } = useOffice(officeId);
  const [counterparty, setCounterparty] = useState('');
  const mine = useTable(officeId);
  const theirs = useTable(counterparty || undefined);
  const propose = useFormMutation(
    (v, form) =>
      call(
        api.POST('/api/v1/trades', {
          body: {
            counterpartyOfficeId: v.counterpartyOfficeId ?? '',
            giveCaseIds: form.getAll('giveCaseIds') as string[],
            takeCaseIds: form.getAll('takeCaseIds') as string[],
            note: v.note ?? '',
          },
          headers: idempotencyKey(),
        }),
      ),
    [['trades'], ['trade-table']],
  );
  return (
    <form ref={propose.form} onSubmit={propose.onSubmit} noValidate aria-labelledby="propose-heading">
      <h2 id="propose-heading">{t('trades.propose')}</h2>
      <p className="hint">{t('trades.proposeHint')}</p>
      <Field label={t('trades.counterparty')} name="counterpartyOfficeId" problem={propose.problem}>
        {(props) => (
          <select {...props} value={counterparty} onChange={(event) => setCounterparty(event.target.value)}>
            <option value="">{t('trades.chooseNeighbour')}</option>
            {office?.neighbourIds.map((id) => (
              <OfficeOption key={id} id={id} />
            ))}
          </select>
        )}
      </Field>
      <TableChoice
        name="giveCaseIds"
        legend={t('trades.give')}
        files={mine.data?.items}
        own
        problem={propose.problem}
      />
      {counterparty && (
        <TableChoice
          name="takeCaseIds"
          legend={t('trades.take')}
          files={theirs.data?.items}
          own={false}
          problem={propose.problem}
        />
      )}
      <Field label={t('trades.note')} name="note" problem={propose.problem} hint={t('trades.noPersonal')}>
        {(props) => <textarea {...props} rows={2} />}
      </Field>
      <ProblemMessage problem={propose.problem} />
      {propose.mutation.isSuccess && <p role="status">{t('trades.proposed')}</p>}
      <button type="submit" disabled={propose.mutation.isPending}>
        {t('trades.send')}
      </button>
    </form>
  );
}

function Files({ title, files, own }: { title: string; files: TradeFile[]; own: boolean }) {
  if (files.length === 0) return null;
  return (
    <>
      <p>{title}</p>
      <ul>
        {files.map((file) => (
          <li key={file.caseId}>
            <FileLine file={file} own={own} />
          </li>
        ))}
      </ul>
    </>
  );
}

function TradeList({ direction, user }: { direction: 'incoming' | 'outgoing'; user: User }) {
  const t = useT();
  const label = useEnum();
  const decide = useDecide('trades');
  const { data } = useQuery({
    queryKey: ['trades'],
    queryFn: () => call(api.GET('/api/v1/trades', { params: { query: { limit: 200 } } })),
  });
  const items = data?.items.filter(
    (trade) => (trade.proposerOfficeId === user.officeId) === (direction === 'outgoing'),
  );
  const button = (trade: Trade, decision: Decision) => (
    <button type="button" onClick={() => decide.mutate({ id: trade.id, decision })} disabled={decide.isPending}>
      {t(`trades.${decision}`)}
    </button>
  );
  const outgoing = direction === 'outgoing';
  return (
    <section aria-labelledby={`trades-${direction}`}>
      <h2 id={`trades-${direction}`}>{t(`trades.${direction}`)}</h2>
      <ProblemMessage problem={asProblem(decide.error)} />
      {items?.length === 0 && <p>{t('handoffs.none')}</p>}
      <ul className="cards">
        {items?.map((trade) => (
          <li key={trade.id}>
            <p>
              <strong>{label('tradeStatus', trade.status)}</strong> · {outgoing ? t('handoffs.to') : t('handoffs.from')}{' '}
              <OfficeName id={outgoing ? trade.counterpartyOfficeId : trade.proposerOfficeId} /> ·{' '}
              <DateTime iso={trade.createdAt} />
            </p>
            {trade.decidedAt && (
              <p>
                {t('trades.decided', { status: label('tradeStatus', trade.status) })} <DateTime iso={trade.decidedAt} />
                {trade.reason && ` · ${trade.reason}`}
              </p>
            )}
            {trade.status === 'proposed' && (
              <p>
                {t('trades.expires')} <DateTime iso={trade.expiresAt} />
              </p>
            )}
            <p>{trade.note}</p>
            {/* The proposer gives `give`; from the counterparty's side those are what it takes. */}
            <Files
              title={t(outgoing ? 'trades.youGive' : 'trades.youTake')}
              files={trade.give}
              own={outgoing ? trade.status !== 'accepted' : trade.status === 'accepted'}
            />
            <Files
              title={t(outgoing ? 'trades.youTake' : 'trades.youGive')}
              files={trade.take}
              own={outgoing ? trade.status === 'accepted' : trade.status !== 'accepted'}
            />
            {trade.status === 'proposed' && !outgoing && (
              <>
                {button(trade, 'accept')} {button(trade, 'decline')}
              </>
            )}
            {trade.status === 'proposed' && outgoing && button(trade, 'withdraw')}
          </li>
        ))}
      </ul>
    </section>
  );
}

export default function TradesScreen({ user }: { user: User }) {
  const t = useT();
  return (
    <Shell user={user} title={t('trades.title')}>
      <p>
        <Link href="/handoffs">{t('trades.backToHandoffs')}</Link>
      </p>
      <TradeList direction="incoming" user={user} />
      <TradeList direction="outgoing" user={user} />
      {user.officeId && <Propose officeId={user.officeId} />}
    </Shell>
  );
}
