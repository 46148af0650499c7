import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobScheduler, ADVISORY_LOCKS, type Tx } from '@relay/platform';
import { BucketDocumentStore } from './bucket-store.js';
import { DocumentsRepository } from './documents.repository.js';

/** An upload's object exists before its row commits: leave young objects alone. */
export const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * Bucket objects no live document points at: an upload whose row never committed, or a
 * deleted document whose object could not be removed at once. Once across nodes.
 */
@Injectable()
export class OrphanCleanup implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly bucket: BucketDocumentStore,
    private readonly documents: DocumentsRepository,
  ) {}

  onApplicationBootstrap(): void {
    if (this.bucket.configured)
      this.jobs.schedule('document-orphans', ADVISORY_LOCKS.documentOrphans, (tx) => this.sweep(tx));
  }

  /** Removes the orphans older than `graceMs`; returns how many. Reads in the job's transaction `tx`. */
  async sweep(tx: Tx, graceMs = ORPHAN_GRACE_MS): Promise<number> {
    let removed = 0;
    const cutoff = Date.now() - graceMs;
    for await (const page of this.bucket.objects()) {
      const old = page.filter((object) => object.lastModified.getTime() <= cutoff).map((o) => o.documentId);
      if (old.length === 0) continue;
      for (const documentId of await this.documents.orphans(tx, old)) {
        await this.bucket.removeNow(documentId);
        removed++;
      }
    }
    return removed;
  }
}
