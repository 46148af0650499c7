import { type DragEvent, useId, useRef, useState } from 'react';
import { postWithProgress, type Problem } from '../api/session';
import { useEnum, useT } from '../i18n/t';
import { DOCUMENT_KINDS } from '../ui/enums';
import { idempotencyKey } from '../ui/idempotency';
import { Field, ProblemMessage } from '../ui/form';
import { useFormMutation } from './form-mutation';

/** Too large (413) and not an accepted type (415) come without `errors`: they concern the file field. */
function asFileProblem(error: unknown, t: ReturnType<typeof useT>): unknown {
  const problem = error as Problem;
  if (problem?.status === 413) return { ...problem, errors: [{ field: 'file', message: t('documents.tooLarge') }] };
  if (problem?.status === 415) return { ...problem, errors: [{ field: 'file', message: t('documents.unsupported') }] };
  return error;
}

/**
 * Adds a document: a file dropped on the zone, or chosen with the native file input inside it
 * (the keyboard and screen-reader way), is sent with the kind and title above it. The body
 * goes through XMLHttpRequest so that a native progress bar can follow the upload.
 */
export function Upload({ caseId }: { caseId: string }) {
  const t = useT();
  const label = useEnum();
  const progressId = useId();
  const dropId = useId();
  const input = useRef<HTMLInputElement | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [over, setOver] = useState(false);
  const upload = useFormMutation(
    (values, data) => {
      if (!values.title) data.delete('title'); // an empty title is no title
      setProgress(0);
      // One key per submission: a retry of this attempt (a resend after a refresh) is not kept twice.
      return postWithProgress(`/api/v1/cases/${caseId}/documents`, data, setProgress, idempotencyKey()).catch(
        (error: unknown) => {
          setProgress(null);
          throw asFileProblem(error, t);
        },
      );
    },
    [
      ['documents', caseId],
      ['history', caseId],
    ],
  );
  const dragging = (event: DragEvent) => {
    event.preventDefault(); // without it the browser would open the file itself
    setOver(true);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    if (!input.current || event.dataTransfer.files.length === 0 || upload.mutation.isPending) return;
    input.current.files = event.dataTransfer.files;
    upload.form.current?.requestSubmit();
  };
  return (
    <form ref={upload.form} onSubmit={upload.onSubmit} noValidate aria-labelledby="upload-heading">
      <h3 id="upload-heading">{t('documents.upload')}</h3>
      <Field label={t('documents.kind')} name="kind" problem={upload.problem}>
        {(props) => (
          <select {...props} defaultValue="evidence">
            {DOCUMENT_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {label('documentKind', kind)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('documents.titleField')} name="title" problem={upload.problem}>
        {(props) => <input {...props} maxLength={200} />}
      </Field>
      <div
        className={over ? 'drop-zone over' : 'drop-zone'}
        role="group"
        aria-labelledby={dropId}
        onDragEnter={dragging}
        onDragOver={dragging}
        onDragLeave={() => setOver(false)}
        onDrop={drop}
      >
        <p id={dropId}>{t('documents.dropZone')}</p>
        <Field label={t('documents.file')} name="file" problem={upload.problem} hint={t('documents.fileHint')}>
          {(props) => <input {...props} ref={input} type="file" accept=".pdf,.jpg,.jpeg,.png,.heic,.docx,.txt" />}
        </Field>
      </div>
      {progress !== null && (
        <div className="upload-progress">
          <label htmlFor={progressId}>{t('documents.progress')}</label>
          <progress id={progressId} max={100} value={Math.round(progress * 100)} />
          <span role="status">{t('documents.percent', { done: progress })}</span>
        </div>
      )}
      <ProblemMessage problem={upload.problem} />
      {upload.mutation.isSuccess && <p role="status">{t('documents.uploaded')}</p>}
      <button type="submit" disabled={upload.mutation.isPending}>
        {t('documents.uploadSubmit')}
      </button>
    </form>
  );
}
