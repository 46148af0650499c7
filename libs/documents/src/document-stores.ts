import { Injectable } from '@nestjs/common';
import { BucketDocumentStore } from './bucket-store.js';
import type { DocumentStore } from './document-store.js';
import { PgDocumentStore } from './pg-store.js';

/** New documents go to the bucket when DOCUMENT_STORE_URL is set, else to PostgreSQL; each row names its store. */
@Injectable()
export class DocumentStores {
  constructor(
    private readonly pg: PgDocumentStore,
    private readonly bucket: BucketDocumentStore,
  ) {}

  get current(): DocumentStore {
    return this.bucket.configured ? this.bucket : this.pg;
  }

  of(name: 'pg' | 'bucket'): DocumentStore {
    return name === 'bucket' ? this.bucket : this.pg;
  }

  async removeNow(documentId: string): Promise<void> {
    if (this.bucket.configured) await this.bucket.removeNow(documentId);
  }
}
