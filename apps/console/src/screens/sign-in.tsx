import { type FormEvent, useState } from 'react';
import { type Problem, signIn } from '../api/session';
import { useT } from '../i18n/t';
import { Field, ProblemMessage } from '../ui/form';
import { LanguageSwitch } from '../ui/layout';

export function SignIn({ expired }: { expired: boolean }) {
  const t = useT();
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    const failed = await signIn(String(form.get('email')), String(form.get('password')));
    setBusy(false);
    setProblem(failed && failed.status === 401 ? { ...failed, detail: t('signIn.wrong') } : failed);
  };
  return (
    <div className="sign-in">
      <header className="top">
        <span className="brand">Riding Relay</span>
        <div className="tools">
          <LanguageSwitch />
        </div>
      </header>
      <main id="main">
        <h1>{t('signIn.title')}</h1>
        {expired && <p role="status">{t('signIn.expired')}</p>}
        <form onSubmit={(event) => void submit(event)} noValidate>
          <Field label={t('signIn.email')} name="email" problem={problem}>
            {(props) => <input {...props} type="email" autoComplete="username" required />}
          </Field>
          <Field label={t('signIn.password')} name="password" problem={problem}>
            {(props) => <input {...props} type="password" autoComplete="current-password" required />}
          </Field>
          <ProblemMessage problem={problem} />
          <button type="submit" className="primary" disabled={busy}>
            {t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
