import { fileTypeFromBuffer } from 'file-type';

/** The media types a document may have, decided from its bytes, never from its name. */
export const MEDIA_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/heic',
  'image/heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'text/plain',
] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** How much of the start of a file is read before deciding (a DOCX names its parts near the start). */
export const SNIFF_BYTES = 64 * 1024;

const EXTENSIONS: Record<MediaType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/heic': 'heic',
  'image/heif': 'heif',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/plain': 'txt',
};

export const extensionOf = (mediaType: MediaType) => EXTENSIONS[mediaType];

/** The media type of a file from its first bytes, or null when it is none we accept. */
export async function sniffMediaType(head: Buffer): Promise<MediaType | null> {
  const found = await fileTypeFromBuffer(head);
  if (found) return (MEDIA_TYPES as readonly string[]).includes(found.mime) ? (found.mime as MediaType) : null;
  return new PlainText().accepts(head) ? 'text/plain' : null;
}

/**
 * Plain text: UTF-8 without control characters other than tab, line feed, form feed and
 * carriage return. Fed chunk by chunk, so the whole file is checked, not only its head.
 */
export class PlainText {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });

  accepts(chunk: Buffer, last = false): boolean {
    for (const byte of chunk) {
      if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) {
        return false;
      }
    }
    try {
      this.decoder.decode(chunk, { stream: !last });
      return true;
    } catch {
      return false;
    }
  }
}
