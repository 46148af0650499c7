import { useQuery } from '@tanstack/react-query';
import { api, call, type User } from '../api/session';
import { useT } from '../i18n/t';
import { asProblem, Field, ProblemMessage } from '../ui/form';
import { idempotencyKey, localToIso } from '../ui/idempotency';
import { useMembers } from '../ui/members';
import { DateTime, Due, useMinuteTick } from '../ui/time';
import { useFormMutation } from './form-mutation';
import { useMarkDone } from './follow-ups';

/** A file's bring-forward dates: soonest first, the done ones with who and when. */
export function CaseFollowUps({ caseId, user }: { caseId: string; user: User }) {
  const t = useT();
  const now = useMinuteTick();
  const { members, name } = useMembers(user);
  const done = useMarkDone();
  const { data } = useQuery({
    queryKey: ['follow-ups', 'case', caseId],
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/follow-ups', { params: { path: { id: caseId }, query: { limit: 200 } } })),
  });
  const add = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/cases/{id}/follow-ups', {
          params: { path: { id: caseId } },
          body: {
            dueAt: localToIso(v.dueAt) ?? '',
            note: v.note ?? '',
            ...(v.assigneeId ? { assigneeId: v.assigneeId } : {}),
          },
          headers: idempotencyKey(),
        }),
      ),
    [['follow-ups'], ['cases'], ['history', caseId]],
  );
  return (
    <section aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">{t('followUps.title')}</h2>
      <ProblemMessage problem={asProblem(done.error)} />
      <ul>
        {(data?.items ?? []).map((item) => (
          <li key={item.id}>
            {item.doneAt ? (
              <span>
                {t('followUps.doneOn')} <DateTime iso={item.doneAt} /> · {name(item.doneBy)}
              </span>
            ) : (
              <Due iso={item.dueAt} now={now} />
            )}{' '}
            · {name(item.assigneeId)} · {item.note}{' '}
            {!item.doneAt && (
              <button type="button" onClick={() => done.mutate(item.id)} disabled={done.isPending}>
                {t('followUps.markDone')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {data?.items.length === 0 && <p>{t('followUps.none')}</p>}
      <form ref={add.form} onSubmit={add.onSubmit} noValidate aria-labelledby="follow-up-new-heading">
        <h3 id="follow-up-new-heading">{t('followUps.new')}</h3>
        <Field label={t('followUps.dueAt')} name="dueAt" problem={add.problem}>
          {(props) => <input {...props} type="datetime-local" />}
        </Field>
        <Field label={t('followUps.assignee')} name="assigneeId" problem={add.problem}>
          {(props) => (
            <select {...props} defaultValue={user.id}>
              {members.map((member) => (
                <option key={member.id} value={member.id}>
                  {name(member.id)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('followUps.note')} name="note" problem={add.problem}>
          {(props) => <textarea {...props} rows={2} />}
        </Field>
        <ProblemMessage problem={add.problem} />
        <button type="submit" disabled={add.mutation.isPending}>
          {t('followUps.add')}
        </button>
      </form>
    </section>
  );
}
