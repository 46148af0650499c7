import { useRef, useState } from 'react';
import { fetchFile } from '../api/session';
import { useT } from '../i18n/t';
import type { CaseDocument } from './case-documents';

/** What the browser can show itself; HEIC, DOCX and text stay download only. */
export const PREVIEWABLE = new Set(['application/pdf', 'image/jpeg', 'image/png']);

/**
 * A document shown in a native modal dialog. The bytes are fetched with the in-memory token,
 * as a download is, and shown through a blob: URL (the content security policy allows blob:
 * for images and frames for this); the URL is revoked when the dialog closes.
 */
export function Preview({ doc, name }: { doc: CaseDocument; name: string }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const close = useRef<HTMLButtonElement>(null);
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const open = async () => {
    setFailed(false);
    try {
      const { blob } = await fetchFile(`/api/v1/documents/${doc.id}/content`);
      // The server decided the type from the bytes; the blob carries it so the viewer picks the right one.
      setUrl(URL.createObjectURL(new Blob([blob], { type: doc.mediaType })));
      dialog.current?.showModal();
      close.current?.focus(); // not the frame, whose viewer could keep Escape from the dialog
    } catch {
      setFailed(true);
    }
  };
  const closed = () => {
    if (url) URL.revokeObjectURL(url);
    setUrl(null);
  };
  return (
    <>
      <button type="button" onClick={() => void open()}>
        {t('documents.preview', { name })}
      </button>
      {failed && (
        <span className="error" role="alert">
          {' '}
          {t('documents.previewFailed')}
        </span>
      )}
      <dialog ref={dialog} className="preview" aria-labelledby={`preview-${doc.id}`} onClose={closed}>
        <h3 id={`preview-${doc.id}`}>{t('documents.previewTitle', { name })}</h3>
        {url &&
          (doc.mediaType === 'application/pdf' ? (
            <iframe src={url} title={name} />
          ) : (
            <img src={url} alt={t('documents.previewAlt', { name })} />
          ))}
        <div className="actions">
          <button type="button" ref={close} onClick={() => dialog.current?.close()}>
            {t('common.close')}
          </button>
        </div>
      </dialog>
    </>
  );
}
