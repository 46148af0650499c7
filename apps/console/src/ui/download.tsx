import { type ReactNode, useState } from 'react';
import { fetchFile } from '../api/session';
import { useT } from '../i18n/t';

/**
 * A link to bytes behind the API. The access token lives in memory, so a plain link would
 * arrive unsigned: the click fetches with it and hands the browser the result to save.
 */
export function DownloadLink({
  href,
  fallbackName,
  children,
}: {
  href: string;
  fallbackName: string;
  children: ReactNode;
}) {
  const t = useT();
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setFailed(false);
    try {
      const { blob, filename } = await fetchFile(href);
      const url = URL.createObjectURL(blob);
      const anchor = document.createElement('a');
      anchor.href = url;
      anchor.download = filename ?? fallbackName;
      document.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      setFailed(true);
    }
  };
  return (
    <>
      <a
        href={href}
        download={fallbackName}
        onClick={(event) => {
          event.preventDefault();
          void download();
        }}
      >
        {children}
      </a>
      {failed && (
        <span className="error" role="alert">
          {' '}
          {t('download.failed')}
        </span>
      )}
    </>
  );
}
