import { extensionOf, type MediaType } from './sniff.js';

const MAX_NAME = 200;

/**
 * A file name safe to store and to send back: no directories, no control or bidi-override
 * characters, no leading dots, at most 200 characters. It is constituent data all the same
 * (a name often says whose papers these are): it is never logged, audited or broadcast.
 */
export function sanitizeFilename(raw: string | undefined, mediaType: MediaType): string {
  const base = (raw ?? '').normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[<>:"|?*]/g, '_')
    .replace(/^[\s.]+/, '')
    .trim();
  const name = [...cleaned].slice(0, MAX_NAME).join('');
  return name || `document.${extensionOf(mediaType)}`;
}

/** `Content-Disposition: attachment` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function attachmentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}
