import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/session';
import { useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import type { CaseFile } from './case-file';

/**
 * A file left open when the office's seat changed hands: the new team keeps it only with a
 * consent recorded since then (POST /cases/:id/continue answers 409 consent_missing otherwise),
 * or closes it as referred.
 */
export function TransitionReview({ file }: { file: CaseFile }) {
  const t = useT();
  const queries = useQueryClient();
  const decide = useMutation({
    mutationFn: (decision: 'keep' | 'refer') =>
      call(api.POST('/api/v1/cases/{id}/continue', { params: { path: { id: file.id } }, body: { decision } })),
    onSuccess: (updated) => {
      queries.setQueryData(['case', file.id], updated);
      void queries.invalidateQueries({ queryKey: ['cases'] });
      void queries.invalidateQueries({ queryKey: ['history', file.id] });
    },
  });
  const problem = asProblem(decide.error);
  return (
    <section aria-labelledby="review-heading" className="review-panel">
      <h2 id="review-heading">{t('review.title')}</h2>
      <p>{t('review.explain')}</p>
      <ol>
        <li>{t('review.stepConsent')}</li>
        <li>{t('review.stepKeep')}</li>
        <li>{t('review.stepRefer')}</li>
      </ol>
      {problem?.code === 'consent_missing' ? (
        <p className="problem" role="alert">
          {t('review.consentMissing')} <a href="#consents-heading">{t('review.toConsents')}</a>
        </p>
      ) : (
        <ProblemMessage problem={problem} />
      )}
      <div className="toolbar">
        <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate('keep')}>
          {t('review.keep')}
        </button>{' '}
        <button type="button" disabled={decide.isPending} onClick={() => decide.mutate('refer')}>
          {t('review.refer')}
        </button>
      </div>
    </section>
  );
}
