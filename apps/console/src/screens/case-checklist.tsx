import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import { useMembers } from '../ui/members';
import { DateTime } from '../ui/time';

type Checklist = components['schemas']['ChecklistDto'];

/** The steps of this kind of file, copied from the office's (or a shared) template; ticked with who and when. */
export function CaseChecklist({ caseId, user }: { caseId: string; user: User }) {
  const t = useT();
  const queries = useQueryClient();
  const { name } = useMembers(user);
  // The box shows the choice in the click itself (the mutation's own guess arrives a tick
  // later, and a controlled box would spring back meanwhile), until the answer replaces it.
  const [wanted, setWanted] = useState<{ itemId: string; done: boolean } | null>(null);
  const { data } = useQuery({
    queryKey: ['checklist', caseId],
    queryFn: () => call(api.GET('/api/v1/cases/{id}/checklist', { params: { path: { id: caseId } } })),
  });
  const tick = useMutation({
    mutationFn: ({ itemId, done }: { itemId: string; done: boolean }) =>
      call(
        api.PATCH('/api/v1/cases/{id}/checklist/{itemId}', {
          params: { path: { id: caseId, itemId } },
          body: { done },
        }),
      ),
    // Ticked at once; the answer (with who and when) replaces the guess, a refusal undoes it.
    onMutate: ({ itemId, done }) => {
      queries.setQueryData<Checklist>(['checklist', caseId], (old) =>
        old
          ? {
              ...old,
              items: old.items.map((item) =>
                item.id === itemId
                  ? { ...item, doneAt: done ? new Date().toISOString() : null, doneBy: done ? user.id : null }
                  : item,
              ),
            }
          : old,
      );
    },
    onSettled: () => {
      void queries.invalidateQueries({ queryKey: ['checklist', caseId] });
      void queries.invalidateQueries({ queryKey: ['history', caseId] });
    },
  });
  return (
    <section aria-labelledby="checklist-heading">
      <h2 id="checklist-heading">{t('checklist.title')}</h2>
      <ProblemMessage problem={asProblem(tick.error)} />
      {data?.items.length === 0 && <p>{t('checklist.none')}</p>}
      <ul className="checklist">
        {(data?.items ?? []).map((item) => (
          <li key={item.id} className="field checkbox">
            <input
              type="checkbox"
              id={`check-${item.id}`}
              checked={wanted?.itemId === item.id ? wanted.done : !!item.doneAt}
              disabled={tick.isPending || wanted !== null}
              onChange={(event) => {
                const choice = { itemId: item.id, done: event.target.checked };
                setWanted(choice);
                tick.mutate(choice, { onSettled: () => setWanted(null) });
              }}
            />
            <label htmlFor={`check-${item.id}`}>{item.text}</label>
            {item.doneAt && (
              <span className="hint">
                {' '}
                · {t('checklist.doneBy', { name: name(item.doneBy) })} <DateTime iso={item.doneAt} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
