import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDeferredValue, useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useOfficeName } from '../i18n/i18n';
import { useT } from '../i18n/t';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { useFormMutation } from './form-mutation';
import { SeatChange } from './seat-change';

type Office = components['schemas']['OfficeDto'];
type Party = components['schemas']['PartyDto'];
const PROVINCES = ['NL', 'PE', 'NS', 'NB', 'QC', 'ON', 'MB', 'SK', 'AB', 'BC', 'YT', 'NT', 'NU'] as const;
const LEVELS = ['federal', 'provincial'] as const;

function PartySelect({ parties, defaultValue }: { parties: Party[]; defaultValue?: string | null }) {
  const t = useT();
  return (
    <Field label={t('directory.party')} name="partyId">
      {(props) => (
        <select {...props} defaultValue={defaultValue ?? ''}>
          <option value="">{t('directory.noParty')}</option>
          {parties.map((party) => (
            <option key={party.id} value={party.id}>
              {party.name} ({party.shortName})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

function NewParty() {
  const t = useT();
  const create = useFormMutation(
    (v) =>
      call(
        api.POST('/api/v1/parties', {
          body: { name: v.name ?? '', shortName: v.shortName ?? '' },
          headers: idempotencyKey(),
        }),
      ),
    [['parties']],
  );
  return (
    <form ref={create.form} onSubmit={create.onSubmit} noValidate aria-labelledby="new-party-heading">
      <h3 id="new-party-heading">{t('directory.newParty')}</h3>
      <Field label={t('directory.partyName')} name="name" problem={create.problem}>
        {(props) => <input {...props} />}
      </Field>
      <Field label={t('directory.shortName')} name="shortName" problem={create.problem}>
        {(props) => <input {...props} />}
      </Field>
      <ProblemMessage problem={create.problem} />
      <button type="submit" disabled={create.mutation.isPending}>
        {t('directory.addParty')}
      </button>
    </form>
  );
}

/** A new office, or the names and party of an existing one (with If-Match: another admin's change is a 412). */
function OfficeForm({ parties, office, onDone }: { parties: Party[]; office?: Office; onDone?: () => void }) {
  const t = useT();
  const save = useFormMutation(
    async (v) => {
      const partyId = v.partyId ?? null;
      const saved = office
        ? await call(
            api.PATCH('/api/v1/offices/{id}', {
              params: { path: { id: office.id }, header: { 'If-Match': `"${office.version}"` } },
              body: { name: v.name ?? '', nameFr: v.nameFr ?? '', partyId },
            }),
          )
        : await call(
            api.POST('/api/v1/offices', {
              body: {
                code: v.code ?? '',
                name: v.name ?? '',
                nameFr: v.nameFr ?? '',
                province: (v.province ?? '') as Office['province'],
                level: (v.level ?? 'federal') as Office['level'],
                partyId,
              },
              headers: idempotencyKey(),
            }),
          );
      onDone?.();
      return saved;
    },
    [['offices'], ['office']],
  );
  const heading = office ? 'edit-office-heading' : 'new-office-heading';
  return (
    <form ref={save.form} onSubmit={save.onSubmit} noValidate aria-labelledby={heading}>
      <h3 id={heading}>{office ? t('directory.editOffice', { code: office.code }) : t('directory.newOffice')}</h3>
      {!office && (
        <Field label={t('directory.code')} name="code" problem={save.problem}>
          {(props) => <input {...props} />}
        </Field>
      )}
      <Field label={t('directory.nameEn')} name="name" problem={save.problem}>
        {(props) => <input {...props} defaultValue={office?.name} />}
      </Field>
      <Field label={t('directory.nameFr')} name="nameFr" problem={save.problem}>
        {(props) => <input {...props} defaultValue={office?.nameFr} lang="fr" />}
      </Field>
      {!office && (
        <>
          <Field label={t('directory.province')} name="province" problem={save.problem}>
            {(props) => (
              <select {...props} defaultValue="">
                <option value="">{t('directory.chooseProvince')}</option>
                {PROVINCES.map((province) => (
                  <option key={province} value={province}>
                    {province}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('directory.level')} name="level" problem={save.problem}>
            {(props) => (
              <select {...props} defaultValue="federal">
                {LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {t(`directory.level.${level}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      <PartySelect parties={parties} defaultValue={office?.partyId} />
      <ProblemMessage problem={save.problem} />
      <button type="submit" disabled={save.mutation.isPending}>
        {office ? t('directory.saveOffice') : t('directory.addOffice')}
      </button>{' '}
      {office && (
        <button type="button" onClick={onDone}>
          {t('directory.cancel')}
        </button>
      )}
    </form>
  );
}

/** The admin's screen: parties and offices of the directory. */
export default function DirectoryScreen({ user }: { user: User }) {
  const t = useT();
  const name = useOfficeName();
  const [search, setSearch] = useState('');
  const [editing, setEditing] = useState<Office | null>(null);
  const [seat, setSeat] = useState<Office | null>(null);
  const q = useDeferredValue(search.trim());
  const { data: parties } = useQuery({
    queryKey: ['parties'],
    queryFn: () => call(api.GET('/api/v1/parties', { params: { query: { limit: 200 } } })),
  });
  const { data: offices } = useQuery({
    queryKey: ['offices', q],
    queryFn: () => call(api.GET('/api/v1/offices', { params: { query: { limit: 50, ...(q ? { q } : {}) } } })),
    placeholderData: keepPreviousData,
  });
  const party = (id: string | null) => parties?.items.find((p) => p.id === id)?.shortName ?? '';
  return (
    <Shell user={user} title={t('directory.title')}>
      <section aria-labelledby="parties-heading">
        <h2 id="parties-heading">{t('directory.parties')}</h2>
        <ul>
          {parties?.items.map((p) => (
            <li key={p.id}>
              {p.name} ({p.shortName})
            </li>
          ))}
        </ul>
        <NewParty />
      </section>
      <section aria-labelledby="offices-heading">
        <h2 id="offices-heading">{t('directory.offices')}</h2>
        <div className="field">
          <label htmlFor="office-search">{t('directory.search')}</label>
          <input id="office-search" type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('directory.code')}</th>
              <th scope="col">{t('office.name')}</th>
              <th scope="col">{t('directory.province')}</th>
              <th scope="col">{t('directory.party')}</th>
              <th scope="col">{t('directory.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {offices?.items.map((office) => (
              <tr key={office.id}>
                <td>{office.code}</td>
                <th scope="row">{name(office)}</th>
                <td>{office.province}</td>
                <td>{party(office.partyId)}</td>
                <td>
                  <button type="button" onClick={() => setEditing(office)}>
                    {t('directory.edit', { name: name(office) })}
                  </button>{' '}
                  <button type="button" onClick={() => setSeat(office)}>
                    {t('seat.open', { name: name(office) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {editing && (
          <OfficeForm
            key={`${editing.id}-${editing.version}`}
            parties={parties?.items ?? []}
            office={editing}
            onDone={() => setEditing(null)}
          />
        )}
        {seat && <SeatChange key={seat.id} office={seat} parties={parties?.items ?? []} onDone={() => setSeat(null)} />}
        <OfficeForm parties={parties?.items ?? []} />
      </section>
    </Shell>
  );
}
