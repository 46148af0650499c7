import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useIntl } from 'react-intl';
import type { components } from '../api/schema';
import { api, call, type User } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { DownloadLink } from '../ui/download';
import { Field, ProblemMessage } from '../ui/form';
import { idempotencyKey } from '../ui/idempotency';
import { DateTime } from '../ui/time';
import { PREVIEWABLE, Preview } from './document-preview';
import { Upload } from './document-upload';
import { useFormMutation } from './form-mutation';

export type CaseDocument = components['schemas']['DocumentDto'];

export function useDocuments(caseId: string) {
  return useQuery({
    queryKey: ['documents', caseId],
    queryFn: () =>
      call(api.GET('/api/v1/cases/{id}/documents', { params: { path: { id: caseId }, query: { limit: 200 } } })),
  });
}

/** 1 234 B, 12 kB, 3.4 MB, in the chosen language. */
function useBytes() {
  const intl = useIntl();
  return (bytes: number) => {
    const [value, unit] =
      bytes < 1000 ? [bytes, 'byte'] : bytes < 1_000_000 ? [bytes / 1000, 'kilobyte'] : [bytes / 1_000_000, 'megabyte'];
    return intl.formatNumber(value, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 });
  };
}

/** Delete after a confirmation in a native modal dialog, which also asks why (kept in the tombstone). */
function Delete({ doc, name }: { doc: CaseDocument; name: string }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const remove = useFormMutation(
    (values) =>
      call(
        api.DELETE('/api/v1/documents/{id}', {
          params: { path: { id: doc.id }, query: { reason: values.reason ?? '' } },
        }),
      ),
    [
      ['documents', doc.caseId],
      ['case', doc.caseId],
      ['history', doc.caseId],
    ],
  );
  const close = () => dialog.current?.close();
  // Deleted: the dialog closes and the row turns into the tombstone.
  useEffect(() => {
    if (remove.mutation.isSuccess) dialog.current?.close();
  }, [remove.mutation.isSuccess]);
  return (
    <>
      <button type="button" onClick={() => dialog.current?.showModal()}>
        {t('documents.delete', { name })}
      </button>
      <dialog ref={dialog} aria-labelledby={`delete-${doc.id}`} onClose={() => remove.mutation.reset()}>
        <form ref={remove.form} noValidate onSubmit={remove.onSubmit}>
          <h3 id={`delete-${doc.id}`}>{t('documents.deleteTitle', { name })}</h3>
          <p>{t('documents.deleteWarning')}</p>
          <Field label={t('documents.reason')} name="reason" problem={remove.problem}>
            {(props) => <input {...props} maxLength={500} />}
          </Field>
          <ProblemMessage problem={remove.problem} />
          <div className="actions">
            <button type="button" onClick={close}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="danger" disabled={remove.mutation.isPending}>
              {t('documents.deleteConfirm')}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}

/** A file's papers: its documents (download, preview, delete), an upload, and letters written from a template. */
export function Documents({ caseId, user }: { caseId: string; user: User }) {
  const t = useT();
  const label = useEnum();
  const bytes = useBytes();
  const { data } = useDocuments(caseId);
  const items = data?.items ?? [];
  return (
    <section aria-labelledby="documents-heading">
      <h2 id="documents-heading">{t('documents.title')}</h2>
      {items.length === 0 ? (
        <p>{data ? t('documents.none') : t('common.loading')}</p>
      ) : (
        <table>
          <caption className="visually-hidden">{t('documents.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('documents.name')}</th>
              <th scope="col">{t('documents.kind')}</th>
              <th scope="col">{t('documents.size')}</th>
              <th scope="col">{t('documents.uploadedAt')}</th>
              <th scope="col">{t('documents.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((doc) => {
              const name = doc.title ?? doc.filename;
              return (
                <tr key={doc.id}>
                  <th scope="row">
                    {name}
                    {doc.title && <span className="hint"> {doc.filename}</span>}
                  </th>
                  <td>{label('documentKind', doc.kind)}</td>
                  <td>{doc.deleted ? '—' : bytes(doc.bytes)}</td>
                  <td>
                    <DateTime iso={doc.uploadedAt} /> ·{' '}
                    {t(doc.uploadedBy === user.id ? 'documents.byYou' : 'documents.byColleague')}
                  </td>
                  <td>
                    {doc.deleted ? (
                      <>
                        {t('documents.deleted')} <DateTime iso={doc.deletedAt} />
                        {doc.deletedReason && ` · ${doc.deletedReason}`}
                      </>
                    ) : (
                      <>
                        <DownloadLink href={`/api/v1/documents/${doc.id}/content`} fallbackName={doc.filename}>
                          {t('documents.download', { name })}
                        </DownloadLink>{' '}
                        {PREVIEWABLE.has(doc.mediaType) && <Preview doc={doc} name={name} />}{' '}
                        <Delete doc={doc} name={name} />
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Upload caseId={caseId} />
      <Letters caseId={caseId} />
    </section>
  );
}

/** A letter from one of the office's templates, rendered by the server to PDF and kept as a document. */
function Letters({ caseId }: { caseId: string }) {
  const t = useT();
  const label = useEnum();
  const { data: templates } = useQuery({
    queryKey: ['letter-templates'],
    queryFn: () => call(api.GET('/api/v1/letter-templates', { params: { query: { limit: 200 } } })),
  });
  const write = useFormMutation(
    (values) =>
      call(
        api.POST('/api/v1/cases/{id}/letters', {
          params: { path: { id: caseId } },
          body: { templateId: values.templateId ?? '' },
          headers: idempotencyKey(),
        }),
      ),
    [
      ['documents', caseId],
      ['history', caseId],
    ],
  );
  const items = templates?.items ?? [];
  return (
    <form ref={write.form} onSubmit={write.onSubmit} noValidate aria-labelledby="letters-heading">
      <h3 id="letters-heading">{t('letters.title')}</h3>
      {templates && items.length === 0 ? (
        <p>{t('letters.none')}</p>
      ) : (
        <>
          <Field label={t('letters.template')} name="templateId" problem={write.problem}>
            {(props) => (
              <select {...props}>
                {items.map((template) => (
                  <option key={template.id} value={template.id}>
                    {t('letters.option', {
                      name: template.name,
                      language: label('language', template.language),
                    })}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ProblemMessage problem={write.problem} />
          {write.mutation.isSuccess && <p role="status">{t('letters.written')}</p>}
          <button type="submit" disabled={write.mutation.isPending || !templates}>
            {t('letters.write')}
          </button>
        </>
      )}
    </form>
  );
}
