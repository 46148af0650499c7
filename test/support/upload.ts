import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';

export const BOUNDARY = `----relay${randomBytes(8).toString('hex')}`;

export interface Part {
  name: string;
  value?: string;
  /** A file part: its bytes, the name the client gives it and its claimed type. */
  file?: { bytes: Buffer; filename: string; contentType?: string; encoded?: boolean };
}

/** A multipart/form-data body built by hand, so tests control every byte (even bad names). */
export function multipart(parts: Part[], { close = true } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(
        Buffer.from(
          `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; ` +
            // RFC 5987 lets a client send any character, control characters included.
            (part.file.encoded
              ? `filename*=UTF-8''${encodeURIComponent(part.file.filename)}\r\n`
              : `filename="${part.file.filename}"\r\n`) +
            `Content-Type: ${part.file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
          'utf8',
        ),
        part.file.bytes,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(
        Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    }
  }
  if (close) chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: () => Record<string, unknown>;
}

/**
 * Sends `body` (a Buffer, or a stream sent chunked) and resolves as soon as the answer has
 * arrived, even if the server answered before the body was all sent.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  options: { method?: string; token?: string; headers?: Record<string, string>; body?: Buffer | Readable },
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (Buffer.isBuffer(options.body)) headers['content-length'] ??= String(options.body.length);
    const req = http.request(`${baseUrl}${path}`, { method: options.method ?? 'POST', headers, agent: false });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown>,
        });
      });
      res.on('error', reject);
    });
    // The server may close while we still send (a refused upload): the answer is what counts.
    req.on('error', (error) => setTimeout(() => reject(error), 2000));
    if (options.body instanceof Readable) {
      options.body.on('error', () => req.destroy());
      options.body.pipe(req);
    } else {
      req.end(options.body);
    }
  });
}

/** A stream of `total` bytes of zeros in 64 KiB chunks, never held in memory at once. */
export function zeros(total: number, first = Buffer.alloc(0)): Readable {
  let sent = 0;
  const chunk = Buffer.alloc(64 * 1024);
  return new Readable({
    read() {
      if (sent === 0 && first.length > 0) {
        sent += first.length;
        this.push(first);
        return;
      }
      if (sent >= total) {
        this.push(null);
        return;
      }
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

/** Resident memory of a process, in bytes (Linux). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return Number(kb ?? 0) * 1024;
}
