import busboy from 'busboy';
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import { AppError } from '@relay/platform';
import type { ByteSink } from './document-store.js';
import { type MediaType, PlainText, SNIFF_BYTES, sniffMediaType } from './sniff.js';

/** Room for the form's boundaries and small fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

export interface ReceivedFile {
  filename: string | undefined;
  mediaType: MediaType;
  bytes: number;
  sha256: string;
}

export interface Received {
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

const tooLarge = (maxBytes: number) =>
  new AppError('payload_too_large', `A document may be at most ${maxBytes / 1_000_000} MB`);
const unsupported = () =>
  new AppError('unsupported_media_type', 'Documents may be PDF, JPEG, PNG, HEIC, DOCX or plain text');

/**
 * Reads a `multipart/form-data` upload as it arrives: the file's first bytes decide its
 * media type, then every chunk is hashed and handed to `open`'s sink, never the whole file
 * at once. Past `maxBytes` it fails at once (413); the rest of the body is read and
 * dropped.
 */
export function receiveUpload(
  req: IncomingMessage,
  maxBytes: number,
  open: (mediaType: MediaType) => ByteSink,
): Promise<Received> {
  if (!/^multipart\/form-data\s*;/i.test(req.headers['content-type'] ?? '')) {
    return Promise.reject(new AppError('unsupported_media_type', 'Send the document as multipart/form-data'));
  }
  const length = Number(req.headers['content-length']);
  if (Number.isFinite(length) && length > maxBytes + FORM_OVERHEAD) return Promise.reject(tooLarge(maxBytes));
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: req.headers,
      defParamCharset: 'utf8',
      limits: { fileSize: maxBytes, files: 1, fields: 8, fieldSize: 4096, parts: 10, headerPairs: 20 },
    });
  } catch {
    return Promise.reject(AppError.invalid('body', 'is not a multipart/form-data body with a boundary'));
  }

  return new Promise<Received>((resolve, reject) => {
    const fields: Record<string, string> = {};
    let settled = false;
    let sink: ByteSink | undefined;
    let work: Promise<ReceivedFile> | undefined;

    const fail = (error: AppError) => {
      if (settled) return;
      settled = true;
      if (!req.complete) {
        // Drop the rest of the body as it comes. Closing the connection instead would reset it
        // with unread bytes pending, and the client could lose the answer.
        req.unpipe(parser);
        req.resume();
      }
      void sink?.abort().catch(() => undefined);
      reject(error);
    };

    const receive = async (stream: Readable, filename: string | undefined): Promise<ReceivedFile> => {
      stream.on('limit', () => fail(tooLarge(maxBytes)));
      const hash = createHash('sha256');
      const head: Buffer[] = [];
      let bytes = 0;
      let mediaType: MediaType | undefined;
      let text: PlainText | undefined;
      const start = async () => {
        const first = Buffer.concat(head);
        mediaType = (await sniffMediaType(first)) ?? undefined;
        if (!mediaType) throw unsupported();
        if (mediaType === 'text/plain') text = new PlainText();
        if (text && !text.accepts(first)) throw unsupported();
        sink = open(mediaType);
        await sink.write(first);
      };
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        if (settled) break;
        bytes += chunk.length;
        hash.update(chunk);
        if (!sink) {
          head.push(chunk);
          if (bytes >= SNIFF_BYTES) await start();
          continue;
        }
        if (text && !text.accepts(chunk)) throw unsupported();
        await sink.write(chunk);
      }
      if ((stream as Readable & { truncated?: boolean }).truncated) throw tooLarge(maxBytes);
      if (settled) throw new AppError('validation_failed', 'The upload was abandoned');
      if (bytes === 0) throw AppError.invalid('file', 'is empty');
      if (!sink) await start();
      if (text && !text.accepts(Buffer.alloc(0), true)) throw unsupported();
      await sink!.end();
      return { filename, mediaType: mediaType!, bytes, sha256: hash.digest('hex') };
    };

    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) fail(AppError.invalid(name, 'is too long'));
      else fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      if (name !== 'file' || work) {
        stream.resume();
        fail(AppError.invalid(name, 'send one file, in the field "file"'));
        return;
      }
      work = receive(stream, info.filename);
      work.catch((error: unknown) =>
        fail(error instanceof AppError ? error : AppError.invalid('file', 'could not be read')),
      );
    });
    for (const limit of ['partsLimit', 'filesLimit', 'fieldsLimit'] as const) {
      parser.on(limit, () => fail(AppError.invalid('body', 'has too many parts')));
    }
    parser.on('error', () => fail(AppError.invalid('body', 'is not a complete multipart/form-data body')));
    parser.on('close', () => {
      (work ?? Promise.resolve(null)).then(
        (file) => {
          if (settled) return;
          settled = true;
          resolve({ fields, file });
        },
        () => undefined, // already failed
      );
    });
    req.on('aborted', () => fail(AppError.invalid('body', 'the upload was interrupted')));
    req.on('error', () => fail(AppError.invalid('body', 'the upload was interrupted')));
    req.pipe(parser);
  });
}
