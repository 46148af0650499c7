import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/session';
import { useT } from '../i18n/t';
import { asProblem, ProblemMessage } from '../ui/form';
import type { CaseFile } from './case-file';

/** Puts the file on the table for trades (other offices may name it in a proposal), or takes it off. */
export function TradeToggle({ file }: { file: CaseFile }) {
  const t = useT();
  const queries = useQueryClient();
  // The box shows the choice at once (set in the click itself, not after the mutation's own
  // state arrives a tick later), until the server's answer replaces it.
  const [wanted, setWanted] = useState<boolean | null>(null);
  const toggle = useMutation({
    mutationFn: (availableForTrade: boolean) =>
      call(
        api.PATCH('/api/v1/cases/{id}', {
          params: { path: { id: file.id }, header: { 'If-Match': `"${file.version}"` } },
          body: { availableForTrade },
        }),
      ),
    onSuccess: (updated) => {
      queries.setQueryData(['case', file.id], updated);
      void queries.invalidateQueries({ queryKey: ['trade-table'] });
      void queries.invalidateQueries({ queryKey: ['history', file.id] });
    },
  });
  return (
    <section aria-labelledby="trade-toggle-heading">
      <h2 id="trade-toggle-heading">{t('trades.table')}</h2>
      <p className="hint" id="trade-toggle-hint">
        {t('trades.tableHint')}
      </p>
      <span className="checkbox">
        <input
          type="checkbox"
          id="trade-toggle"
          checked={wanted ?? file.availableForTrade}
          disabled={wanted !== null}
          aria-describedby="trade-toggle-hint"
          onChange={(event) => {
            setWanted(event.target.checked);
            toggle.mutate(event.target.checked, { onSettled: () => setWanted(null) });
          }}
        />
        <label htmlFor="trade-toggle">{t('trades.onTable')}</label>
      </span>
      <ProblemMessage problem={asProblem(toggle.error)} />
    </section>
  );
}
