import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey, localToIso } from '../ui/idempotency';
import { OfficeName } from '../ui/office-name';
import { DateTime } from '../ui/time';
import { useFormMutation } from './form-mutation';
import type { CaseFile } from './case-file';
import { useDocuments } from './case-documents';

export function Notes({ caseId }: { caseId: string }) {
  const t = useT();
  const { data } = useQuery({
    queryKey: ['notes', caseId],
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/notes', { params: { path: { id: caseId }, query: { limit: 200 } } })),
  });
  const add = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/cases/{id}/notes', {
          params: { path: { id: caseId } },
          body: { body: v.body ?? '' },
          headers: idempotencyKey(),
        }),
      ),
    [
      ['notes', caseId],
      ['history', caseId],
    ],
  );
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('notes.title')}</h2>
      <ul className="notes">
        {(data?.items ?? []).map((note) => (
          <li key={note.id}>
            <DateTime iso={note.createdAt} /> <p>{note.body}</p>
          </li>
        ))}
      </ul>
      {data?.items.length === 0 && <p>{t('notes.none')}</p>}
      <form ref={add.form} onSubmit={add.onSubmit} noValidate>
        <Field label={t('notes.new')} name="body" problem={add.problem}>
          {(props) => <textarea {...props} rows={3} />}
        </Field>
        <ProblemMessage problem={add.problem} />
        <button type="submit" disabled={add.mutation.isPending}>
          {t('notes.add')}
        </button>
      </form>
    </section>
  );
}

export function Consents({ file }: { file: CaseFile }) {
  const t = useT();
  const record = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/cases/{id}/consents', {
          params: { path: { id: file.id } },
          body: {
            scope: 'share_with_offices',
            grantedAt: localToIso(v.grantedAt) ?? '',
            ...(v.expiresAt ? { expiresAt: localToIso(v.expiresAt) } : {}),
            // An uploaded consent form can stand as the evidence; without one, the evidence is described.
            ...(v.documentId ? { documentId: v.documentId } : {}),
            ...(v.evidence || !v.documentId ? { evidence: v.evidence ?? '' } : {}),
          },
          headers: idempotencyKey(),
        }),
      ),
    [
      ['case', file.id],
      ['history', file.id],
    ],
  );
  const { data: documents } = useDocuments(file.id);
  const forms = (documents?.items ?? []).filter((doc) => doc.kind === 'consent_form' && !doc.deleted);
  const queries = useQueryClient();
  const revoke = useMutation({
    mutationFn: (consentId: string) =>
      call(api.DELETE('/api/v1/cases/{id}/consents/{consentId}', { params: { path: { id: file.id, consentId } } })),
    onSettled: () => queries.invalidateQueries({ queryKey: ['case', file.id] }),
  });
  // IRCC treats a consent form as stale after 90 days (CONSENT_MAX_AGE_DAYS).
  const stale = (grantedAt: string) => Date.now() - Date.parse(grantedAt) > 90 * 86_400_000;
  return (
    <section aria-labelledby="consents-heading">
      <h2 id="consents-heading">{t('consents.title')}</h2>
      <ul>
        {(file.consents ?? []).map((consent) => (
          <li key={consent.id}>
            {t(consent.active ? 'consents.active' : 'consents.inactive')} · {t('consents.granted')}{' '}
            <DateTime iso={consent.grantedAt} /> · {consent.evidence}
            {consent.active && stale(consent.grantedAt) && <strong className="warning"> {t('consents.stale')}</strong>}
            {consent.evidenceMissing && <strong className="warning"> {t('consents.evidenceMissing')}</strong>}
            {consent.active && (
              <button type="button" onClick={() => revoke.mutate(consent.id)}>
                {t('consents.revoke')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {(file.consents ?? []).length === 0 && <p>{t('consents.none')}</p>}
      <form ref={record.form} onSubmit={record.onSubmit} noValidate>
        <Field label={t('consents.grantedAt')} name="grantedAt" problem={record.problem}>
          {(props) => <input {...props} type="datetime-local" />}
        </Field>
        <Field label={t('consents.expiresAt')} name="expiresAt" problem={record.problem}>
          {(props) => <input {...props} type="datetime-local" />}
        </Field>
        {forms.length > 0 && (
          <Field label={t('consents.document')} name="documentId" problem={record.problem}>
            {(props) => (
              <select {...props} defaultValue="">
                <option value="">{t('consents.noDocument')}</option>
                {forms.map((doc) => (
                  <option key={doc.id} value={doc.id}>
                    {doc.title ?? doc.filename}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field
          label={t('consents.evidence')}
          name="evidence"
          problem={record.problem}
          hint={t('consents.evidenceHint')}
        >
          {(props) => <input {...props} />}
        </Field>
        <ProblemMessage problem={record.problem} />
        <button type="submit" disabled={record.mutation.isPending}>
          {t('consents.record')}
        </button>
      </form>
    </section>
  );
}

/** Consecutive entries of one action (each time the file was opened, say) shown as one line with a count. */
function runsOf<E extends { action: string }>(events: E[]): { event: E; count: number }[] {
  const runs: { event: E; count: number }[] = [];
  for (const event of events) {
    const last = runs[runs.length - 1];
    if (last && last.event.action === event.action) last.count++;
    else runs.push({ event, count: 1 });
  }
  return runs;
}

export function History({ caseId }: { caseId: string }) {
  const t = useT();
  const label = useEnum();
  const { data } = useQuery({
    queryKey: ['history', caseId],
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/history', { params: { path: { id: caseId }, query: { limit: 200 } } })),
  });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t('history.title')}</h2>
      <ol className="history">
        {runsOf(data?.items ?? []).map(({ event, count }) => (
          <li key={event.id}>
            <DateTime iso={event.at} /> · {label('action', event.action)}
            {count > 1 && ` ${t('history.repeated', { count })}`}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** Offer the file to another office: ranked suggestions, and what the other side will see. */
export function HandOff({ file }: { file: CaseFile }) {
  const t = useT();
  const label = useEnum();
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState('');
  const { data: suggestions } = useQuery({
    queryKey: ['suggestions', file.id],
    queryFn: () => call(api.GET('/api/v1/handoffs/suggestions', { params: { query: { caseId: file.id } } })),
    enabled: open,
  });
  const offer = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/handoffs', {
          body: { caseId: file.id, toOfficeId: target, note: v.note ?? '' },
          headers: idempotencyKey(),
        }),
      ),
    [['handoffs'], ['history', file.id]],
  );
  if (!open) {
    return (
      <section aria-labelledby="handoff-heading">
        <h2 id="handoff-heading">{t('handoff.title')}</h2>
        <button type="button" onClick={() => setOpen(true)}>
          {t('handoff.start')}
        </button>
      </section>
    );
  }
  return (
    <section aria-labelledby="handoff-heading">
      <h2 id="handoff-heading">{t('handoff.title')}</h2>
      <form ref={offer.form} onSubmit={offer.onSubmit} noValidate>
        <fieldset>
          <legend>{t('handoff.suggestions')}</legend>
          {!suggestions && <p role="status">{t('common.loading')}</p>}
          {suggestions?.items.length === 0 && <p>{t('handoff.noSuggestions')}</p>}
          <ul className="suggestions">
            {suggestions?.items.map((s) => (
              <li key={s.officeId}>
                <input
                  type="radio"
                  name="toOfficeId"
                  id={`to-${s.officeId}`}
                  value={s.officeId}
                  checked={target === s.officeId}
                  onChange={() => setTarget(s.officeId)}
                />
                <label htmlFor={`to-${s.officeId}`}>
                  <OfficeName id={s.officeId} />
                </label>
                <span className="hint">
                  {[
                    s.neighbour && t('handoff.reason.neighbour'),
                    s.sameParty && t('handoff.reason.sameParty'),
                    s.expertise > 0 && t('handoff.reason.expertise', { count: s.expertise }),
                    s.languages.length > 0 && t('handoff.reason.languages', { languages: s.languages.join(', ') }),
                    t('handoff.reason.load', { count: s.openLoad }),
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </span>
              </li>
            ))}
          </ul>
        </fieldset>
        <Field label={t('handoff.note')} name="note" problem={offer.problem} hint={t('handoff.noteHint')}>
          {(props) => <textarea {...props} rows={2} />}
        </Field>
        <section aria-labelledby="preview-heading" className="preview">
          <h3 id="preview-heading">{t('handoff.preview')}</h3>
          <dl className="details">
            <div>
              <dt>{t('case.category')}</dt>
              <dd>{label('category', file.category)}</dd>
            </div>
            {file.immigrationType && (
              <div>
                <dt>{t('case.immigrationType')}</dt>
                <dd>{label('immigrationType', file.immigrationType)}</dd>
              </div>
            )}
            <div>
              <dt>{t('case.urgency')}</dt>
              <dd>{label('urgency', file.urgency)}</dd>
            </div>
            <div>
              <dt>{t('case.complexity')}</dt>
              <dd>{label('complexity', file.complexity)}</dd>
            </div>
            <div>
              <dt>{t('case.deadline')}</dt>
              <dd>{file.deadline ? <DateTime iso={file.deadline} /> : t('common.none')}</dd>
            </div>
            <div>
              <dt>{t('case.languages')}</dt>
              <dd>{(file.languages ?? []).join(', ')}</dd>
            </div>
          </dl>
          <p className="hint">{t('handoff.previewHint')}</p>
        </section>
        <ProblemMessage problem={offer.problem} />
        {offer.mutation.isSuccess && <p role="status">{t('handoff.sent')}</p>}
        <button type="submit" className="primary" disabled={!target || offer.mutation.isPending}>
          {t('handoff.send')}
        </button>
      </form>
    </section>
  );
}
