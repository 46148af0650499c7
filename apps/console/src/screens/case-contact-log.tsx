import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/session';
import type { components } from '../api/schema';
import { useEnum, useT } from '../i18n/t';
import { DIRECTIONS, INTERACTION_KINDS } from '../ui/enums';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey, localToIso } from '../ui/idempotency';
import { DateTime, Due, useMinuteTick } from '../ui/time';
import { useFormMutation } from './form-mutation';

type Interaction = components['schemas']['InteractionDto'];

/** Now, as a datetime-local value in the user's time zone (the form's default time). */
function localNow(): string {
  const now = new Date();
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

/** Whether an IRCC enquiry was answered, or when its reply is due. */
function EnquiryState({ item, now }: { item: Interaction; now: number }) {
  const t = useT();
  if (item.kind !== 'ircc_enquiry') return null;
  if (item.answeredAt) {
    return (
      <span>
        {' '}
        · {t('contactLog.answered')} <DateTime iso={item.answeredAt} />
      </span>
    );
  }
  return (
    <span>
      {' '}
      · {t('contactLog.replyDue')} {item.replyDueAt && <Due iso={item.replyDueAt} now={now} overdue={item.overdue} />}
    </span>
  );
}

/** Calls, e-mails, visits, letters and IRCC liaison on a file, newest first. */
export function ContactLog({ caseId }: { caseId: string }) {
  const t = useT();
  const label = useEnum();
  const now = useMinuteTick();
  const { data } = useQuery({
    queryKey: ['interactions', caseId],
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/interactions', { params: { path: { id: caseId }, query: { limit: 200 } } })),
  });
  const add = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/cases/{id}/interactions', {
          params: { path: { id: caseId } },
          body: {
            kind: v.kind as Interaction['kind'],
            direction: v.direction as Interaction['direction'],
            occurredAt: localToIso(v.occurredAt) ?? '',
            summary: v.summary ?? '',
            ...(v.durationMinutes ? { durationMinutes: Number(v.durationMinutes) } : {}),
            ...(v.irccReference ? { irccReference: v.irccReference } : {}),
            ...(v.replyDueAt ? { replyDueAt: localToIso(v.replyDueAt) } : {}),
          },
          headers: idempotencyKey(),
        }),
      ),
    [['interactions', caseId], ['liaison'], ['cases'], ['history', caseId]],
  );
  return (
    <section aria-labelledby="contact-log-heading">
      <h2 id="contact-log-heading">{t('contactLog.title')}</h2>
      <ol className="notes">
        {(data?.items ?? []).map((item) => (
          <li key={item.id}>
            <DateTime iso={item.occurredAt} /> · <strong>{label('interactionKind', item.kind)}</strong> ·{' '}
            {label('direction', item.direction)}
            {item.durationMinutes !== null && ` · ${t('contactLog.minutes', { count: item.durationMinutes })}`}
            {item.irccReference && ` · ${item.irccReference}`}
            <EnquiryState item={item} now={now} />
            <p>{item.summary}</p>
          </li>
        ))}
      </ol>
      {data?.items.length === 0 && <p>{t('contactLog.none')}</p>}
      <form ref={add.form} onSubmit={add.onSubmit} noValidate aria-labelledby="contact-new-heading">
        <h3 id="contact-new-heading">{t('contactLog.new')}</h3>
        <Field label={t('contactLog.kind')} name="kind" problem={add.problem}>
          {(props) => (
            <select {...props}>
              {INTERACTION_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {label('interactionKind', kind)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contactLog.direction')} name="direction" problem={add.problem}>
          {(props) => (
            <select {...props}>
              {DIRECTIONS.map((direction) => (
                <option key={direction} value={direction}>
                  {label('direction', direction)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('contactLog.occurredAt')} name="occurredAt" problem={add.problem}>
          {(props) => <input {...props} type="datetime-local" defaultValue={localNow()} />}
        </Field>
        <Field
          label={t('contactLog.duration')}
          name="durationMinutes"
          problem={add.problem}
          hint={t('contactLog.durationHint')}
        >
          {(props) => <input {...props} type="number" min={1} max={1440} inputMode="numeric" />}
        </Field>
        <Field label={t('contactLog.summary')} name="summary" problem={add.problem}>
          {(props) => <textarea {...props} rows={2} />}
        </Field>
        <Field label={t('contactLog.irccReference')} name="irccReference" problem={add.problem}>
          {(props) => <input {...props} />}
        </Field>
        <Field
          label={t('contactLog.replyDueAt')}
          name="replyDueAt"
          problem={add.problem}
          hint={t('contactLog.replyDueHint')}
        >
          {(props) => <input {...props} type="datetime-local" />}
        </Field>
        <ProblemMessage problem={add.problem} />
        <button type="submit" disabled={add.mutation.isPending}>
          {t('contactLog.add')}
        </button>
      </form>
    </section>
  );
}
