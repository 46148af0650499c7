import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { DONE_STATUSES, OUTCOMES, STATUSES } from '../ui/enums';
import { asProblem, Field, ProblemMessage } from '../ui/form';
import { Shell } from '../ui/layout';
import { DateTime } from '../ui/time';
import { Documents } from './case-documents';
import { CaseChecklist } from './case-checklist';
import { ContactLog } from './case-contact-log';
import { CaseFollowUps } from './case-follow-ups';
import { Consents, HandOff, History, Notes } from './case-parts';
import { SharePrecedent } from './case-precedent';
import { TransitionReview } from './case-review';
import { TradeToggle } from './trade-toggle';

export type CaseFile = components['schemas']['CaseDto'];
type Outcome = NonNullable<CaseFile['outcome']>;

export function useCase(id: string) {
  return useQuery({
    queryKey: ['case', id],
    // The home office's status view is a subset of the whole file; `access` tells them apart.
    queryFn: () => call(api.GET('/api/v1/cases/{id}', { params: { path: { id } } })) as Promise<CaseFile>,
  });
}

function StatusChange({ file }: { file: CaseFile }) {
  const t = useT();
  const label = useEnum();
  const queries = useQueryClient();
  // The version this form was read at: a change by someone else since then is a 412.
  const [base, setBase] = useState({ version: file.version, status: file.status });
  const [status, setStatus] = useState(file.status);
  // Resolving or closing says how the file ended; the server refuses it without an outcome.
  const [outcome, setOutcome] = useState<Outcome | ''>('');
  const done = DONE_STATUSES.includes(status);
  const change = useMutation({
    mutationFn: () =>
      call(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id: file.id }, header: { 'If-Match': `"${base.version}"` } },
          body: { status, ...(done && outcome ? { outcome } : {}) },
        }),
      ),
    onSuccess: (updated) => {
      setBase({ version: updated.version, status: updated.status });
      queries.setQueryData(['case', file.id], updated);
      void queries.invalidateQueries({ queryKey: ['cases'] });
      void queries.invalidateQueries({ queryKey: ['history', file.id] });
    },
  });
  const problem = asProblem(change.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    change.mutate();
  };
  const reload = async () => {
    await queries.refetchQueries({ queryKey: ['case', file.id] });
    const fresh = queries.getQueryData<CaseFile>(['case', file.id]) ?? file;
    setBase({ version: fresh.version, status: fresh.status });
    setStatus(fresh.status);
    change.reset();
  };
  return (
    <form onSubmit={submit} className="inline" aria-labelledby="status-heading">
      <h2 id="status-heading">{t('case.changeStatus')}</h2>
      <Field label={t('case.status')} name="status" problem={problem}>
        {(props) => (
          <select {...props} value={status} onChange={(event) => setStatus(event.target.value as CaseFile['status'])}>
            {STATUSES.map((option) => (
              <option key={option} value={option}>
                {label('status', option)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {done && (
        <Field label={t('case.outcome')} name="outcome" problem={problem}>
          {(props) => (
            <select {...props} value={outcome} onChange={(event) => setOutcome(event.target.value as Outcome | '')}>
              <option value="">{t('case.outcomeChoose')}</option>
              {OUTCOMES.map((option) => (
                <option key={option} value={option}>
                  {label('outcome', option)}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <button type="submit" disabled={change.isPending || status === base.status}>
        {t('case.saveStatus')}
      </button>
      <ProblemMessage problem={problem} />
      {problem?.status === 412 && (
        <button type="button" onClick={() => void reload()}>
          {t('case.reload')}
        </button>
      )}
    </form>
  );
}

function Details({ file }: { file: CaseFile }) {
  const t = useT();
  const label = useEnum();
  const rows: [string, React.ReactNode][] = [
    [t('case.status'), label('status', file.status)],
    [t('case.urgency'), label('urgency', file.urgency)],
    [t('case.complexity'), label('complexity', file.complexity)],
    [t('case.category'), label('category', file.category)],
    ...(file.immigrationType
      ? [[t('case.immigrationType'), label('immigrationType', file.immigrationType)] as [string, string]]
      : []),
    [t('case.deadline'), file.deadline ? <DateTime iso={file.deadline} /> : t('common.none')],
    ...(file.outcome ? [[t('case.outcome'), label('outcome', file.outcome)] as [string, string]] : []),
  ];
  if (file.access === 'full') {
    rows.push([t('case.summary'), file.summary ?? ''], [t('case.languages'), (file.languages ?? []).join(', ')]);
    const person = file.constituent;
    if (person) {
      rows.push([t('constituent.fullName'), person.fullName]);
      if (person.dateOfBirth) rows.push([t('constituent.dateOfBirth'), person.dateOfBirth]);
      if (person.email) rows.push([t('constituent.email'), person.email]);
      if (person.phone) rows.push([t('constituent.phone'), person.phone]);
      if (person.uci) rows.push([t('constituent.uci'), person.uci]);
      if (person.applicationNumber) rows.push([t('constituent.applicationNumber'), person.applicationNumber]);
    }
  }
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading">{t('case.details')}</h2>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export default function CaseScreen({ user, id }: { user: User; id: string }) {
  const t = useT();
  const { data: file, isPending, error } = useCase(id);
  const title = file ? t('case.title', { reference: file.reference }) : t('case.titleLoading');
  return (
    <Shell user={user} title={title}>
      {isPending && <p role="status">{t('common.loading')}</p>}
      {error && <p role="alert">{t(asProblem(error)?.status === 404 ? 'case.notFound' : 'problem.generic')}</p>}
      {file && file.access === 'status' && <p className="notice">{t('case.readOnly')}</p>}
      {file && <Details file={file} />}
      {file && file.access === 'full' && (
        <>
          {file.transitionReview && <TransitionReview file={file} />}
          <StatusChange file={file} />
          <CaseFollowUps caseId={file.id} user={user} />
          <CaseChecklist caseId={file.id} user={user} />
          <ContactLog caseId={file.id} />
          <Notes caseId={file.id} />
          <Documents caseId={file.id} user={user} />
          <Consents file={file} />
          <HandOff file={file} />
          {DONE_STATUSES.includes(file.status) && <SharePrecedent file={file} />}
          <TradeToggle file={file} />
          <History caseId={file.id} />
        </>
      )}
    </Shell>
  );
}
