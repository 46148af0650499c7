import { Injectable } from '@nestjs/common';
import { rowsOf, TransactionRunner, type Tx } from '@relay/platform';
import type { ByteRange } from './byte-range.js';
import type { ByteSink, DocumentStore } from './document-store.js';

/** Rows of 256 KiB: small enough to build one at a time, large enough to keep a 20 MB file to 80 rows. */
export const CHUNK_BYTES = 256 * 1024;
const READ_BATCH = 4;

/** Bytes in `document_chunks`, written in the same transaction as the document's row and audit row. */
@Injectable()
export class PgDocumentStore implements DocumentStore {
  readonly name = 'pg';
  readonly transactional = true;

  constructor(private readonly transactions: TransactionRunner) {}

  open(tx: Tx, documentId: string): ByteSink {
    let pending: Buffer[] = [];
    let size = 0;
    let seq = 0;
    let aborted = false;
    const flush = async () => {
      if (size === 0 || aborted) return;
      const data = Buffer.concat(pending, size);
      pending = [];
      size = 0;
      await tx.query(`INSERT INTO document_chunks (document_id, seq, data) VALUES ($1, $2, $3)`, [
        documentId,
        seq++,
        data,
      ]);
    };
    return {
      async write(chunk) {
        if (aborted) return;
        pending.push(chunk);
        size += chunk.length;
        if (size >= CHUNK_BYTES) await flush();
      },
      end: flush,
      // The transaction rolls back: only stop writing into it.
      abort() {
        aborted = true;
        pending = [];
        return Promise.resolve();
      },
    };
  }

  async *read(documentId: string, range?: ByteRange): AsyncIterable<Buffer> {
    // Chunks vary a little in size: their lengths (from the values' headers) say where to begin.
    let first = 0;
    let offset = 0; // the first chunk's position in the document
    if (range) {
      const sizes = rowsOf<{ bytes: number }>(
        await this.transactions.reader.query(
          `SELECT octet_length(data) AS bytes FROM document_chunks WHERE document_id = $1 ORDER BY seq`,
          [documentId],
        ),
      );
      while (first < sizes.length && offset + sizes[first]!.bytes <= range.start) offset += sizes[first++]!.bytes;
    }
    for (let seq = first; ; seq += READ_BATCH) {
      const rows = rowsOf<{ data: Buffer }>(
        await this.transactions.reader.query(
          `SELECT data FROM document_chunks WHERE document_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3`,
          [documentId, seq, READ_BATCH],
        ),
      );
      for (const { data } of rows) {
        if (!range) {
          yield data;
          continue;
        }
        const from = Math.max(0, range.start - offset);
        const to = Math.min(data.length, range.end + 1 - offset);
        if (to > from) yield data.subarray(from, to);
        offset += data.length;
        if (offset > range.end) return;
      }
      if (rows.length < READ_BATCH) return;
    }
  }

  async remove(tx: Tx, documentId: string): Promise<void> {
    await tx.query(`DELETE FROM document_chunks WHERE document_id = $1`, [documentId]);
  }
}
