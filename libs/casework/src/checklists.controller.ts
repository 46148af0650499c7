import { Body, Controller, Get, Headers, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type OfficeActor,
  OfficeMember,
  Idempotent,
  parseIfMatch,
  setETag,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { ChecklistsService } from './checklists.service.js';
import { CreateTemplateDto, TemplateQuery, UpdateChecklistItemDto, UpdateTemplateDto } from './casework.dto.js';
import { ChecklistDto, ChecklistItemDto, TemplateDto, TemplatePageDto } from './casework.views.js';

@ApiTags('checklists')
@ApiBearerAuth()
@Controller()
export class ChecklistsController {
  constructor(private readonly checklists: ChecklistsService) {}

  @Get('checklist-templates')
  @ApiOperation({ summary: 'List the checklist templates you can use' })
  @ProblemResponses(403)
  @ApiOkResponse({ type: TemplatePageDto, description: "The office's templates and those shared to its channels" })
  listTemplates(@OfficeMember() actor: OfficeActor, @Query() query: TemplateQuery) {
    return this.checklists.listTemplates(actor, query);
  }

  @Post('checklist-templates')
  @ApiOperation({ summary: 'Create a checklist template (office lead)' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TemplateDto, description: 'Office leads only' })
  async createTemplate(
    @OfficeMember() actor: OfficeActor,
    @Body() dto: CreateTemplateDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const template = await this.checklists.createTemplate(actor, dto);
    setETag(res, template.version);
    return template;
  }

  @Patch('checklist-templates/:id')
  @ApiOperation({ summary: 'Change a checklist template (office lead)' })
  @ProblemResponses(403, 404)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 412 when stale' })
  @ApiOkResponse({ type: TemplateDto, description: "The template's office lead only" })
  async updateTemplate(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateTemplateDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const template = await this.checklists.updateTemplate(actor, id, dto, parseIfMatch(ifMatch));
    setETag(res, template.version);
    return template;
  }

  @Get('cases/:id/checklist')
  @ApiOperation({ summary: "Read a file's checklist" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: ChecklistDto })
  checklist(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.checklists.checklist(actor, id);
  }

  @Patch('cases/:id/checklist/:itemId')
  @ApiOperation({ summary: 'Tick or change a checklist item' })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: ChecklistItemDto })
  updateItem(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @UuidParam('itemId') itemId: string,
    @Body() dto: UpdateChecklistItemDto,
  ) {
    return this.checklists.updateItem(actor, id, itemId, dto);
  }
}
