import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type * as S3 from '@aws-sdk/client-s3';
import type { ByteRange } from './byte-range.js';
import type { Readable } from 'node:stream';
import { AppConfig, TransactionRunner, type Tx } from '@relay/platform';
import type { ByteSink, DocumentStore } from './document-store.js';

/** S3's smallest part but the last: an upload holds at most this much in memory. */
export const PART_BYTES = 5 * 1024 * 1024;
const PREFIX = 'documents/';

export interface BucketObject {
  documentId: string;
  lastModified: Date;
}

/** Reads `http(s)://[key:secret@]host[:port]/bucket[?region=…]`. */
export function parseStoreUrl(url: string) {
  const parsed = new URL(url);
  const bucket = parsed.pathname.split('/').filter(Boolean)[0];
  return {
    endpoint: `${parsed.protocol}//${parsed.host}`,
    bucket,
    region: parsed.searchParams.get('region') ?? 'us-east-1',
    credentials: parsed.username
      ? { accessKeyId: decodeURIComponent(parsed.username), secretAccessKey: decodeURIComponent(parsed.password) }
      : undefined, // the SDK's own chain (environment, profile, instance role)
  };
}

/** Objects `documents/<id>` in an S3-compatible bucket (DOCUMENT_STORE_URL). */
@Injectable()
export class BucketDocumentStore implements DocumentStore, OnModuleInit {
  readonly name = 'bucket';
  readonly transactional = false;
  private readonly logger = new Logger('documents');
  private client?: S3.S3Client;
  // Loaded only when a bucket is configured: the SDK takes seconds to import on a busy machine.
  private sdk!: typeof S3;
  private bucket = '';

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
  ) {}

  get configured(): boolean {
    return this.config.DOCUMENT_STORE_URL !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.DOCUMENT_STORE_URL) return;
    const { endpoint, bucket, region, credentials } = parseStoreUrl(this.config.DOCUMENT_STORE_URL);
    this.bucket = bucket;
    this.sdk = await import('@aws-sdk/client-s3');
    const { CreateBucketCommand, HeadBucketCommand, S3Client } = this.sdk;
    this.client = new S3Client({
      endpoint,
      region,
      credentials,
      forcePathStyle: true,
      // Plain SigV4 bodies: S3-compatible servers do not all speak aws-chunked trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
    try {
      await this.s3.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      await this.s3.send(new CreateBucketCommand({ Bucket: bucket })).catch((error: unknown) => {
        this.logger.warn(
          `bucket ${bucket} is not reachable: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }
  }

  private get s3(): S3.S3Client {
    if (!this.client) throw new Error('DOCUMENT_STORE_URL is not set');
    return this.client;
  }

  open(_tx: Tx, documentId: string): ByteSink {
    const { AbortMultipartUploadCommand, CompleteMultipartUploadCommand, CreateMultipartUploadCommand } = this.sdk;
    const { PutObjectCommand, UploadPartCommand } = this.sdk;
    const Key = PREFIX + documentId;
    const Bucket = this.bucket;
    let pending: Buffer[] = [];
    let size = 0;
    let uploadId: string | undefined;
    const parts: { ETag?: string; PartNumber: number }[] = [];
    const sendPart = async (body: Buffer) => {
      uploadId ??= (await this.s3.send(new CreateMultipartUploadCommand({ Bucket, Key }))).UploadId;
      const PartNumber = parts.length + 1;
      const { ETag } = await this.s3.send(
        new UploadPartCommand({ Bucket, Key, UploadId: uploadId, PartNumber, Body: body, ContentLength: body.length }),
      );
      parts.push({ ETag, PartNumber });
    };
    const take = () => {
      const body = Buffer.concat(pending, size);
      pending = [];
      size = 0;
      return body;
    };
    return {
      write: async (chunk) => {
        pending.push(chunk);
        size += chunk.length;
        if (size >= PART_BYTES) await sendPart(take());
      },
      end: async () => {
        if (uploadId === undefined) {
          const body = take();
          await this.s3.send(new PutObjectCommand({ Bucket, Key, Body: body, ContentLength: body.length }));
          return;
        }
        if (size > 0) await sendPart(take());
        await this.s3.send(
          new CompleteMultipartUploadCommand({ Bucket, Key, UploadId: uploadId, MultipartUpload: { Parts: parts } }),
        );
      },
      abort: async () => {
        pending = [];
        size = 0;
        if (uploadId !== undefined) {
          await this.s3
            .send(new AbortMultipartUploadCommand({ Bucket, Key, UploadId: uploadId }))
            .catch(() => undefined);
        }
        await this.removeNow(documentId);
      },
    };
  }

  async *read(documentId: string, range?: ByteRange): AsyncIterable<Buffer> {
    const { Body } = await this.s3.send(
      new this.sdk.GetObjectCommand({
        Bucket: this.bucket,
        Key: PREFIX + documentId,
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    for await (const chunk of Body as Readable) yield chunk as Buffer;
  }

  remove(tx: Tx, documentId: string): Promise<void> {
    // Once the tombstone is committed; if this fails, the orphan job removes the object later.
    this.transactions.afterCommit(tx, () => this.removeNow(documentId));
    return Promise.resolve();
  }

  async removeNow(documentId: string): Promise<void> {
    await this.s3
      .send(new this.sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: PREFIX + documentId }))
      .catch(() => undefined);
  }

  /** Every object in the bucket's document prefix, page by page. */
  async *objects(): AsyncIterable<BucketObject[]> {
    let ContinuationToken: string | undefined;
    do {
      const page = await this.s3.send(
        new this.sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: PREFIX, ContinuationToken, MaxKeys: 1000 }),
      );
      yield (page.Contents ?? []).flatMap((object) =>
        object.Key && object.LastModified
          ? [{ documentId: object.Key.slice(PREFIX.length), lastModified: object.LastModified }]
          : [],
      );
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }
}
