import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Readable } from 'node:stream';
import {
  AppError,
  Idempotent,
  type OfficeActor,
  OfficeMember,
  PageQuery,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { parseRange } from './byte-range.js';
import { DocumentsService } from './documents.service.js';
import { LettersService } from './letters.service.js';
import { CreateLetterDto, DeleteDocumentQuery, UploadDocumentDto } from './document.dto.js';
import { DocumentDto, DocumentPageDto } from './document.views.js';

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly letters: LettersService,
  ) {}

  @Post('cases/:id/documents')
  @ApiOperation({ summary: 'Upload a document to a file' })
  @ProblemResponses(403, 404, 413)
  @Idempotent({ streamed: true })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadDocumentDto })
  @ApiCreatedResponse({
    type: DocumentDto,
    description: 'Stored. 400 empty file or bad field, 413 over DOCUMENT_MAX_MB, 415 not an accepted media type',
  })
  upload(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Req() req: Request) {
    return this.documents.upload(actor, id, req);
  }

  @Get('cases/:id/documents')
  @ApiOperation({ summary: "List a file's documents" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: DocumentPageDto, description: "The file's documents, newest first, tombstones included" })
  list(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.documents.list(actor, id, query);
  }

  @Get('documents/:id/content')
  @ApiOperation({ summary: "Download a document's bytes" })
  @ProblemResponses(403, 404, 416)
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes; ETag is their SHA-256; each download is audited' })
  @ApiResponse({ status: 206, description: 'One `Range: bytes=` range of the bytes (If-Range honoured)' })
  async content(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @Headers('range') rangeHeader: string | undefined,
    @Headers('if-range') ifRange: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.documents.download(actor, id);
    res.setHeader('ETag', file.etag);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    res.setHeader('Accept-Ranges', 'bytes');
    // A range of another version of the bytes would be garbage: If-Range must name this one.
    const range = ifRange === undefined || ifRange === file.etag ? parseRange(rangeHeader, file.bytes) : null;
    if (range === 'unsatisfiable') {
      res.setHeader('Content-Range', `bytes */${file.bytes}`);
      throw new AppError('range_not_satisfiable', `The document has ${file.bytes} bytes`);
    }
    if (range) {
      res.status(206);
      res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${file.bytes}`);
    }
    return new StreamableFile(Readable.from(file.read(range ?? undefined)), {
      type: file.mediaType,
      length: range ? range.end - range.start + 1 : file.bytes,
      disposition: file.disposition,
    });
  }

  @Delete('documents/:id')
  @ApiOperation({ summary: 'Delete a document, keeping a tombstone' })
  @ProblemResponses(403, 404)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The bytes are gone; the row stays as a tombstone (who, when, why)' })
  remove(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: DeleteDocumentQuery) {
    return this.documents.remove(actor, id, query.reason);
  }

  @Post('cases/:id/letters')
  @ApiOperation({ summary: 'Write a letter to PDF from a template' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiCreatedResponse({ type: DocumentDto, description: 'The letter, rendered to PDF, as a correspondence document' })
  writeLetter(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: CreateLetterDto) {
    return this.letters.write(actor, id, dto.templateId);
  }
}
