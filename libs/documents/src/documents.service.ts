import type { ByteRange } from './byte-range.js';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import {
  AppConfig,
  AppError,
  decodeCursor,
  EventLog,
  IdempotencyKeys,
  IdempotentReplay,
  type OfficeActor,
  type PageQuery,
  type StreamedClaim,
  streams,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CasesService, ConsentEvidence } from '@relay/cases';
import { DocumentStores } from './document-stores.js';
import { type ByteSink, DISCARD } from './document-store.js';
import { DocumentsRepository } from './documents.repository.js';
import { type DocumentKind, UploadFieldsDto } from './document.dto.js';
import { type DocumentRow, toDocumentView } from './document.views.js';
import { attachmentDisposition, sanitizeFilename } from './filename.js';
import { type ReceivedFile, receiveUpload } from './multipart-upload.js';
import type { MediaType } from './sniff.js';
import { Slots } from './slots.js';

export type DocumentView = ReturnType<typeof toDocumentView>;

/** What a download sends: the headers' values and the bytes as a stream. */
export interface Download {
  mediaType: string;
  bytes: number;
  etag: string;
  disposition: string;
  /** The bytes, all or one range of them. */
  read(range?: ByteRange): AsyncIterable<Buffer>;
}

/** A document to keep: its bytes have been written to `sink`-side storage already. */
interface NewDocument {
  id: string;
  kind: DocumentKind;
  title: string | null;
  filename: string;
  mediaType: MediaType;
  bytes: number;
  sha256: string;
}

/**
 * Documents kept with a file. Only the handling office sees them (the home office and
 * everyone else get 404), and they follow the case on a handoff or trade because they
 * hang off it. File names and titles are constituent data: they never reach an event, a
 * log line or the audit trail, which carry the id, kind, size and hash.
 */
const BUCKET_UPLOADS_AT_ONCE = 4;

@Injectable()
export class DocumentsService implements OnModuleInit {
  /**
   * An upload to PostgreSQL holds a pooled connection while its bytes arrive: half the pool
   * at most, so other requests still get connections. The rest wait unread (TCP holds
   * their clients back) rather than time out on the pool.
   */
  private readonly pgUploads: Slots;
  /** An upload to a bucket holds up to a 5 MiB part in memory: a few at once bound the RSS. */
  private readonly bucketUploads = new Slots(BUCKET_UPLOADS_AT_ONCE);

  constructor(
    private readonly documents: DocumentsRepository,
    private readonly stores: DocumentStores,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly cases: CasesService,
    private readonly evidence: ConsentEvidence,
    private readonly config: AppConfig,
    private readonly idempotency: IdempotencyKeys,
  ) {
    this.pgUploads = new Slots(Math.max(1, Math.floor(config.DB_POOL_SIZE / 2)));
  }

  onModuleInit(): void {
    this.evidence.provide((tx, caseId, documentId) => this.documents.isLiveConsentForm(tx, caseId, documentId));
  }

  async upload(actor: OfficeActor, caseId: string, req: Request): Promise<DocumentView> {
    // Before reading a byte: a malformed Idempotency-Key is a 400, an unknown or foreign file a 404.
    const once = await this.idempotency.streamed(req, actor);
    await this.cases.handledFile(this.transactions.reader, actor, caseId);
    try {
      const view = await this.receive(actor, caseId, req, once);
      await once?.complete(view);
      return view;
    } catch (error) {
      if (error instanceof IdempotentReplay) return (await once!.replay(error)) as DocumentView;
      await once?.release();
      throw error;
    }
  }

  /** Streams the upload into the store and keeps it; under a key, claimed between the two. */
  private async receive(actor: OfficeActor, caseId: string, req: Request, once?: StreamedClaim): Promise<DocumentView> {
    const id = randomUUID();
    // A key already taken: the bytes are only hashed, to tell a retry (replay) from a reuse (422).
    const store = once?.stores === false ? null : this.stores.current;
    const maxBytes = this.config.DOCUMENT_MAX_MB * 1_000_000;
    const receive = async (tx: Tx) => {
      const { fields, file } = await receiveUpload(req, maxBytes, () => (store ? store.open(tx, id) : DISCARD));
      const checked = await checkFields(fields);
      if (!file) throw AppError.invalid('file', 'is required');
      // A replay or a refusal throws here: the PostgreSQL chunks roll back, the object is removed below.
      await once?.claim(uploadFingerprint(fields, file));
      return { id, ...checked, ...file, filename: sanitizeFilename(file.filename, file.mediaType) };
    };
    if (store?.transactional) {
      return this.pgUploads.run(() =>
        this.transactions.run(async (tx) => this.keep(tx, actor, caseId, await receive(tx))),
      );
    }
    // The object first, then the row; an object whose row never commits is removed.
    try {
      const received = await this.bucketUploads.run(() => receive(this.transactions.reader));
      return await this.transactions.run((tx) => this.keep(tx, actor, caseId, received));
    } catch (error) {
      if (store) await this.stores.removeNow(id);
      throw error;
    }
  }

  /** Stores a document the server made (a letter) through the same path as an upload. */
  async keepGenerated(tx: Tx, actor: OfficeActor, caseId: string, doc: Omit<NewDocument, 'id'>, content: Buffer) {
    const id = randomUUID();
    const store = this.stores.current;
    const sink: ByteSink = store.open(tx, id);
    try {
      await sink.write(content);
      await sink.end();
      return await this.keep(tx, actor, caseId, { ...doc, id });
    } catch (error) {
      await sink.abort();
      throw error;
    }
  }

  async list(actor: OfficeActor, caseId: string, query: PageQuery) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    return this.transactions.run(async (tx) => {
      await this.cases.handledFile(tx, actor, caseId);
      this.audit.recordCaseView(tx, actor, caseId, 'documents');
      const rows = await this.documents.listForCase(tx, caseId, after, query.limit + 1);
      return toPage(rows, query.limit, (row) => [row.uploadedAt.toISOString(), row.id], toDocumentView);
    });
  }

  /** The bytes of a live document; the read is audited before the first byte leaves. */
  async download(actor: OfficeActor, documentId: string): Promise<Download> {
    const row = await this.transactions.run(async (tx) => {
      const doc = await this.visible(tx, actor, documentId);
      if (doc.deletedAt) throw AppError.notFound('Document');
      this.audit.record(tx, {
        action: 'document.downloaded',
        actor,
        caseId: doc.caseId,
        targetType: 'document',
        targetId: doc.id,
        data: facts(doc),
      });
      return doc;
    });
    return {
      mediaType: row.mediaType === 'text/plain' ? 'text/plain; charset=utf-8' : row.mediaType,
      bytes: Number(row.bytes),
      etag: `"${row.sha256}"`,
      disposition: attachmentDisposition(row.filename),
      read: (range) => this.stores.of(row.store).read(row.id, range),
    };
  }

  /** Removes the bytes; the row stays as a tombstone saying who, when and why. */
  async remove(actor: OfficeActor, documentId: string, reason: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      const doc = await this.visible(tx, actor, documentId, true);
      if (doc.deletedAt) return;
      await this.documents.markDeleted(tx, doc.id, actor.userId, reason);
      await this.stores.of(doc.store).remove(tx, doc.id);
      this.audit.record(tx, {
        action: 'document.deleted',
        actor,
        caseId: doc.caseId,
        targetType: 'document',
        targetId: doc.id,
        data: facts(doc),
      });
      if (doc.kind === 'consent_form') await this.cases.consentFormRemoved(tx, actor, doc.caseId, doc.id);
    });
  }

  private async keep(tx: Tx, actor: OfficeActor, caseId: string, doc: NewDocument): Promise<DocumentView> {
    // Checked again in the transaction: the file may have moved while the bytes arrived.
    const kase = await this.cases.handledFile(tx, actor, caseId);
    const row = await this.documents.insert(tx, {
      ...doc,
      caseId,
      store: this.stores.current.name,
      uploadedBy: actor.userId,
    });
    this.audit.record(tx, {
      action: 'document.added',
      actor,
      caseId,
      targetType: 'document',
      targetId: row.id,
      data: facts(row),
    });
    this.events.append(tx, streams.office(kase.handlingOfficeId), 'document.added', actor, {
      documentId: row.id,
      caseId,
      reference: kase.reference,
      kind: row.kind,
      mediaType: row.mediaType,
      bytes: Number(row.bytes),
    });
    return toDocumentView(row);
  }

  /** The document if the caller's office handles its file; 404 otherwise, home office included. */
  private async visible(tx: Tx, actor: OfficeActor, documentId: string, lock = false): Promise<DocumentRow> {
    const doc = await this.documents.find(tx, documentId, lock);
    if (!doc) throw AppError.notFound('Document');
    try {
      await this.cases.handledFile(tx, actor, doc.caseId);
    } catch {
      throw AppError.notFound('Document');
    }
    return doc;
  }
}

/** What the audit trail may say of a document: never its name or title. */
function facts(doc: Pick<DocumentRow, 'id' | 'kind' | 'bytes' | 'sha256'>) {
  return { documentId: doc.id, kind: doc.kind, bytes: Number(doc.bytes), sha256: doc.sha256 };
}

/**
 * What an upload's Idempotency-Key is bound to, learnt while it streamed: the form fields,
 * the file's name as sent, its size and SHA-256 (the bytes themselves are never held).
 */
function uploadFingerprint(fields: Record<string, string>, file: ReceivedFile) {
  const sorted = Object.fromEntries(Object.entries(fields).sort(([a], [b]) => a.localeCompare(b)));
  return { fields: sorted, file: { filename: file.filename ?? null, bytes: file.bytes, sha256: file.sha256 } };
}

/** The form fields, validated like any JSON body: known fields only, each within its limits. */
async function checkFields(fields: Record<string, string>): Promise<{ kind: DocumentKind; title: string | null }> {
  const dto = plainToInstance(UploadFieldsDto, fields);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      'The request is not valid',
      errors.flatMap((error) =>
        Object.values(error.constraints ?? {}).map((message) => ({
          field: error.property,
          message: message.replace(/^property \S+ /, ''),
        })),
      ),
    );
  }
  if (dto.title?.includes('\u0000')) throw AppError.invalid('title', 'must not contain the NUL character');
  return { kind: dto.kind, title: dto.title ?? null };
}
