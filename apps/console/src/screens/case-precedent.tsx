import { api, call } from '../api/session';
import { useT } from '../i18n/t';
import { ChannelOptions, useChannels } from '../ui/channels';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { Link } from '../ui/router';
import type { CaseFile } from './case-file';
import { useFormMutation } from './form-mutation';

/**
 * A resolved or closed file's lessons, shared to one of the office's channels. The server
 * refuses text that looks like the constituent's details and names the field.
 */
export function SharePrecedent({ file }: { file: CaseFile }) {
  const t = useT();
  const { data: channels } = useChannels();
  const share = useFormMutation(
    (values) =>
      call(
        api.POST('/api/v1/cases/{id}/precedent', {
          params: { path: { id: file.id } },
          body: { channelId: values.channelId ?? '', title: values.title ?? '', lessons: values.lessons ?? '' },
          headers: idempotencyKey(),
        }),
      ),
    [['precedents'], ['history', file.id]],
  );
  return (
    <section aria-labelledby="precedent-heading">
      <h2 id="precedent-heading">{t('precedent.share')}</h2>
      <p className="hint">{t('precedent.shareHint')}</p>
      <form ref={share.form} onSubmit={share.onSubmit} noValidate>
        <Field label={t('precedent.channel')} name="channelId" problem={share.problem}>
          {(props) => (
            <select {...props}>
              <ChannelOptions />
            </select>
          )}
        </Field>
        <Field label={t('precedent.titleField')} name="title" problem={share.problem}>
          {(props) => <input {...props} maxLength={200} />}
        </Field>
        <Field label={t('precedent.lessons')} name="lessons" problem={share.problem} hint={t('precedent.lessonsHint')}>
          {(props) => <textarea {...props} rows={4} />}
        </Field>
        <ProblemMessage problem={share.problem} />
        {share.mutation.isSuccess && (
          <p role="status">
            {t('precedent.shared')} <Link href="/precedents">{t('precedent.seeAll')}</Link>
          </p>
        )}
        <button type="submit" disabled={share.mutation.isPending || !channels}>
          {t('precedent.shareSubmit')}
        </button>
      </form>
    </section>
  );
}
