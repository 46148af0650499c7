import type { ByteRange } from './byte-range.js';
import type { Tx } from '@relay/platform';

/** Where a document's bytes are written, chunk by chunk, as they arrive. */
export interface ByteSink {
  write(chunk: Buffer): Promise<void>;
  /** All bytes are written (the object exists, or the chunks are in the transaction). */
  end(): Promise<void>;
  /** Gives up: nothing written may stay (a rolled-back transaction, an aborted upload). */
  abort(): Promise<void>;
}

/** Keeps nothing: for bytes read only to be hashed (a retried upload whose key is taken). */
export const DISCARD: ByteSink = {
  write: () => Promise.resolve(),
  end: () => Promise.resolve(),
  abort: () => Promise.resolve(),
};

/**
 * The one interface both stores share. `pg` writes inside the caller's transaction, with
 * the metadata and audit row; `bucket` writes the object first and the row is committed
 * after it (objects left by a failed commit are removed by the orphan-cleanup job).
 */
export interface DocumentStore {
  readonly name: 'pg' | 'bucket';
  /** Whether writes belong to the caller's transaction (and so must happen inside it). */
  readonly transactional: boolean;
  open(tx: Tx, documentId: string): ByteSink;
  /** The bytes, or only those of `range` (read without fetching the rest). */
  read(documentId: string, range?: ByteRange): AsyncIterable<Buffer>;
  /** Removes the bytes as part of `tx` (pg) or once `tx` has committed (bucket). */
  remove(tx: Tx, documentId: string): Promise<void>;
}
