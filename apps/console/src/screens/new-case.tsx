import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { CATEGORIES, COMPLEXITIES, IMMIGRATION_TYPES, URGENCIES } from '../ui/enums';
import { asProblem, Field, ProblemMessage } from '../ui/form';
import { formValues, idempotencyKey, localToIso } from '../ui/idempotency';
import { Shell } from '../ui/layout';
import { navigate } from '../ui/router';

type NewCase = components['schemas']['CreateCaseDto'];

export default function NewCaseScreen({ user }: { user: User }) {
  const t = useT();
  const label = useEnum();
  const queries = useQueryClient();
  const key = useRef(idempotencyKey());
  const [category, setCategory] = useState('immigration');
  const create = useMutation({
    mutationFn: (body: NewCase) => call(api.POST('/api/v1/cases', { body, headers: key.current })),
    onSuccess: async (file) => {
      await queries.invalidateQueries({ queryKey: ['cases'] });
      navigate(`/files/${file.id}`);
    },
    onError: () => (key.current = idempotencyKey()),
  });
  const problem = asProblem(create.error);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const v = formValues(event.currentTarget);
    const constituent = Object.fromEntries(
      ['dateOfBirth', 'email', 'phone', 'uci', 'applicationNumber']
        .filter((name) => v[name])
        .map((name) => [name, v[name]]),
    );
    create.mutate({
      category: v.category as NewCase['category'],
      ...(v.category === 'immigration' && v.immigrationType
        ? { immigrationType: v.immigrationType as NewCase['immigrationType'] }
        : {}),
      summary: v.summary ?? '',
      urgency: v.urgency as NewCase['urgency'],
      complexity: v.complexity as NewCase['complexity'],
      ...(v.deadline ? { deadline: localToIso(v.deadline) } : {}),
      languages: (v.languages ?? '').split(/[\s,]+/).filter(Boolean),
      constituent: { fullName: v.fullName ?? '', ...constituent },
    });
  };
  const choice = (name: string, options: readonly string[], family: string, text: string, value?: string) => (
    <Field label={text} name={name} problem={problem}>
      {(props) => (
        <select
          {...props}
          defaultValue={value}
          onChange={name === 'category' ? (event) => setCategory(event.target.value) : undefined}
        >
          {options.map((option) => (
            <option key={option} value={option}>
              {label(family, option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
  return (
    <Shell user={user} title={t('newCase.title')}>
      <form onSubmit={submit} noValidate className="stack">
        <fieldset>
          <legend>{t('newCase.file')}</legend>
          {choice('category', CATEGORIES, 'category', t('case.category'), 'immigration')}
          {category === 'immigration' &&
            choice('immigrationType', IMMIGRATION_TYPES, 'immigrationType', t('case.immigrationType'))}
          {choice('urgency', URGENCIES, 'urgency', t('case.urgency'), 'routine')}
          {choice('complexity', COMPLEXITIES, 'complexity', t('case.complexity'), 'simple')}
          <Field label={t('case.summary')} name="summary" problem={problem} hint={t('newCase.summaryHint')}>
            {(props) => <textarea {...props} rows={3} required />}
          </Field>
          <Field label={t('case.deadline')} name="deadline" problem={problem}>
            {(props) => <input {...props} type="datetime-local" />}
          </Field>
          <Field label={t('case.languages')} name="languages" problem={problem} hint={t('newCase.languagesHint')}>
            {(props) => <input {...props} defaultValue={user.languages.join(', ')} />}
          </Field>
        </fieldset>
        <fieldset>
          <legend>{t('newCase.constituent')}</legend>
          <Field label={t('constituent.fullName')} name="constituent.fullName" problem={problem}>
            {(props) => <input {...props} name="fullName" autoComplete="off" required />}
          </Field>
          <Field label={t('constituent.dateOfBirth')} name="constituent.dateOfBirth" problem={problem}>
            {(props) => <input {...props} name="dateOfBirth" type="date" />}
          </Field>
          <Field label={t('constituent.email')} name="constituent.email" problem={problem}>
            {(props) => <input {...props} name="email" type="email" autoComplete="off" />}
          </Field>
          <Field label={t('constituent.phone')} name="constituent.phone" problem={problem}>
            {(props) => <input {...props} name="phone" type="tel" autoComplete="off" />}
          </Field>
          <Field label={t('constituent.uci')} name="constituent.uci" problem={problem} hint={t('constituent.uciHint')}>
            {(props) => <input {...props} name="uci" autoComplete="off" />}
          </Field>
          <Field label={t('constituent.applicationNumber')} name="constituent.applicationNumber" problem={problem}>
            {(props) => <input {...props} name="applicationNumber" autoComplete="off" />}
          </Field>
        </fieldset>
        <ProblemMessage problem={problem} />
        <button type="submit" className="primary" disabled={create.isPending}>
          {t('newCase.submit')}
        </button>
      </form>
    </Shell>
  );
}
