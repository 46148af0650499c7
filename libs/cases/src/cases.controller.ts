import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { type Actor, CurrentActor, Idempotent, PageQuery, parseIfMatch, setETag, UuidParam } from '@relay/platform';
import { AuditPageDto } from '@relay/audit';
import { CasesService } from './cases.service.js';
import {
  CaseQuery,
  ContinueCaseDto,
  CreateCaseDto,
  CreateConsentDto,
  CreateNoteDto,
  QueueQuery,
  UpdateCaseDto,
} from './case.dto.js';
import { CaseDto, CasePageDto, CaseStatusDto, ConsentDto, NoteDto, NotePageDto, QueuePageDto } from './case.views.js';

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(CaseDto, CaseStatusDto)
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseDto })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateCaseDto, @Res({ passthrough: true }) res: Response) {
    const kase = await this.cases.create(actor, dto);
    setETag(res, kase.version);
    return kase;
  }

  @Get()
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: CaseQuery) {
    return this.cases.list(actor, query);
  }

  // Before GET :id, which would otherwise take "queue" for an id.
  @Get('queue')
  @ApiOkResponse({ type: QueuePageDto, description: "The office's open files, what must be done first first" })
  queue(@CurrentActor() actor: Actor, @Query() query: QueueQuery) {
    return this.cases.queue(actor, query);
  }

  @Get(':id')
  @ApiOkResponse({
    description: 'The whole file (handling office) or its status view (home office)',
    schema: { oneOf: [{ $ref: getSchemaPath(CaseDto) }, { $ref: getSchemaPath(CaseStatusDto) }] },
  })
  async get(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    const kase = await this.cases.get(actor, id);
    setETag(res, kase.version);
    return kase;
  }

  @Patch(':id')
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 412 when stale' })
  @ApiOkResponse({ type: CaseDto })
  async update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateCaseDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kase = await this.cases.update(actor, id, dto, parseIfMatch(ifMatch));
    setETag(res, kase.version);
    return kase;
  }

  @Post(':id/notes')
  @Idempotent()
  @ApiCreatedResponse({ type: NoteDto })
  addNote(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateNoteDto) {
    return this.cases.addNote(actor, id, dto);
  }

  @Get(':id/notes')
  @ApiOkResponse({ type: NotePageDto })
  listNotes(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.cases.listNotes(actor, id, query);
  }

  @Post(':id/consents')
  @Idempotent()
  @ApiCreatedResponse({ type: ConsentDto })
  addConsent(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateConsentDto) {
    return this.cases.addConsent(actor, id, dto);
  }

  @Delete(':id/consents/:consentId')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (kept in the file and the audit trail)' })
  revokeConsent(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('consentId') consentId: string) {
    return this.cases.revokeConsent(actor, id, consentId);
  }

  @Post(':id/continue')
  @HttpCode(200)
  @ApiOkResponse({
    type: CaseDto,
    description:
      'A file under transition review: keep it (409 consent_missing without a consent recorded after the transition) or refer it (closed, outcome referred)',
  })
  async continueAfterTransition(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: ContinueCaseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kase = await this.cases.continueAfterTransition(actor, id, dto);
    setETag(res, kase.version);
    return kase;
  }

  @Get(':id/history')
  @ApiOkResponse({ type: AuditPageDto, description: "The file's audit events, oldest first" })
  history(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.cases.history(actor, id, query);
  }
}
