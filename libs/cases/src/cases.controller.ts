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
  ApiOperation,
} from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type OfficeActor,
  OfficeMember,
  Idempotent,
  PageQuery,
  parseIfMatch,
  setETag,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
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
  @ApiOperation({ summary: 'Open a case file' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CaseDto })
  async create(
    @OfficeMember() actor: OfficeActor,
    @Body() dto: CreateCaseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kase = await this.cases.create(actor, dto);
    setETag(res, kase.version);
    return kase;
  }

  @Get()
  @ApiOperation({ summary: "List the office's case files" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: CasePageDto })
  list(@OfficeMember() actor: OfficeActor, @Query() query: CaseQuery) {
    return this.cases.list(actor, query);
  }

  // Before GET :id, which would otherwise take "queue" for an id.
  @Get('queue')
  @ApiOperation({ summary: "List the office's open files by priority" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: QueuePageDto, description: "The office's open files, what must be done first first" })
  queue(@OfficeMember() actor: OfficeActor, @Query() query: QueueQuery) {
    return this.cases.queue(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a case file or its status' })
  @ProblemResponses(404)
  @ApiOkResponse({
    description: 'The whole file (handling office) or its status view (home office)',
    // anyOf, not oneOf: a whole file also has every field of the status view.
    schema: { anyOf: [{ $ref: getSchemaPath(CaseDto) }, { $ref: getSchemaPath(CaseStatusDto) }] },
  })
  async get(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kase = await this.cases.get(actor, id);
    setETag(res, kase.version);
    return kase;
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a case file' })
  @ProblemResponses(403, 404, 409)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 412 when stale' })
  @ApiOkResponse({ type: CaseDto })
  async update(
    @OfficeMember() actor: OfficeActor,
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
  @ApiOperation({ summary: 'Add a note to a file' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiCreatedResponse({ type: NoteDto })
  addNote(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: CreateNoteDto) {
    return this.cases.addNote(actor, id, dto);
  }

  @Get(':id/notes')
  @ApiOperation({ summary: "List a file's notes" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: NotePageDto })
  listNotes(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.cases.listNotes(actor, id, query);
  }

  @Post(':id/consents')
  @ApiOperation({ summary: "Record the constituent's consent" })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiCreatedResponse({ type: ConsentDto })
  addConsent(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: CreateConsentDto) {
    return this.cases.addConsent(actor, id, dto);
  }

  @Delete(':id/consents/:consentId')
  @ApiOperation({ summary: 'Revoke a recorded consent' })
  @ProblemResponses(403, 404)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Revoked (kept in the file and the audit trail)' })
  revokeConsent(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @UuidParam('consentId') consentId: string,
  ) {
    return this.cases.revokeConsent(actor, id, consentId);
  }

  @Post(':id/continue')
  @ApiOperation({ summary: 'Keep or refer a file after a transition' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({
    type: CaseDto,
    description:
      'A file under transition review: keep it (409 consent_missing without a consent recorded after the transition) or refer it (closed, outcome referred)',
  })
  async continueAfterTransition(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @Body() dto: ContinueCaseDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const kase = await this.cases.continueAfterTransition(actor, id, dto);
    setETag(res, kase.version);
    return kase;
  }

  @Get(':id/history')
  @ApiOperation({ summary: "Read a file's audit history" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: AuditPageDto, description: "The file's audit events, oldest first" })
  history(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.cases.history(actor, id, query);
  }
}
