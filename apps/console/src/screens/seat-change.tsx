import { useQuery } from '@tanstack/react-query';
import type { components } from '../api/schema';
import { api, call } from '../api/session';
import { useOfficeName } from '../i18n/i18n';
import { useT } from '../i18n/t';
import { Field, ProblemMessage } from '../ui/form';
import { localToIso } from '../ui/idempotency';
import { DateTime } from '../ui/time';
import { useFormMutation } from './form-mutation';

type Office = components['schemas']['OfficeDto'];
type Party = components['schemas']['PartyDto'];
// The party choice has three meanings: absent (the party stays), null (no party), or a party.
const STAYS = '';
const NONE = 'none';

/**
 * The admin schedules a seat changing hands (POST /offices/:id/transitions): at effectiveAt
 * the office's accounts end, it follows the new party, and its open files go under review.
 */
export function SeatChange({ office, parties, onDone }: { office: Office; parties: Party[]; onDone: () => void }) {
  const t = useT();
  const name = useOfficeName();
  const { data: transitions } = useQuery({
    queryKey: ['transitions', office.id],
    queryFn: () =>
      call(api.GET('/api/v1/offices/{id}/transitions', { params: { path: { id: office.id }, query: { limit: 20 } } })),
  });
  const schedule = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/offices/{id}/transitions', {
          params: { path: { id: office.id } },
          body: {
            effectiveAt: localToIso(v.effectiveAt) ?? '',
            ...(v.partyId === STAYS ? {} : { partyId: v.partyId === NONE ? null : v.partyId }),
          },
        }),
      ),
    [['transitions', office.id], ['offices']],
  );
  const party = (id: string | null) => {
    const found = parties.find((p) => p.id === id);
    return found ? `${found.name} (${found.shortName})` : t('directory.noParty');
  };
  return (
    <section aria-labelledby="seat-change-heading">
      <h3 id="seat-change-heading">{t('seat.title', { name: name(office) })}</h3>
      <p className="hint">{t('seat.explain')}</p>
      <h4>{t('seat.scheduled')}</h4>
      {transitions?.items.length === 0 && <p>{t('seat.none')}</p>}
      <ul>
        {transitions?.items.map((item) => (
          <li key={item.id}>
            {t(`seat.status.${item.status}`)} · <DateTime iso={item.effectiveAt} /> ·{' '}
            {item.changesParty ? party(item.partyId) : t('seat.partyStays')}
            {item.status === 'applied' &&
              ` · ${t('seat.applied', { accounts: item.deactivatedAccounts ?? 0, files: item.filesUnderReview ?? 0 })}`}
          </li>
        ))}
      </ul>
      <form ref={schedule.form} onSubmit={schedule.onSubmit} noValidate aria-labelledby="seat-change-heading">
        <Field label={t('seat.effectiveAt')} name="effectiveAt" problem={schedule.problem}>
          {(props) => <input {...props} type="datetime-local" />}
        </Field>
        <Field label={t('seat.newParty')} name="partyId" problem={schedule.problem}>
          {(props) => (
            <select {...props} defaultValue={STAYS}>
              <option value={STAYS}>{t('seat.partyStays')}</option>
              <option value={NONE}>{t('directory.noParty')}</option>
              {parties.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.shortName})
                </option>
              ))}
            </select>
          )}
        </Field>
        <ProblemMessage problem={schedule.problem} />
        {schedule.mutation.isSuccess && <p role="status">{t('seat.done')}</p>}
        <button type="submit" disabled={schedule.mutation.isPending}>
          {t('seat.submit')}
        </button>{' '}
        <button type="button" onClick={onDone}>
          {t('directory.cancel')}
        </button>
      </form>
    </section>
  );
}
