import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type OfficeActor, OfficeMember, Idempotent, PageQuery, UuidParam, ProblemResponses } from '@relay/platform';
import { LettersService } from './letters.service.js';
import { CreateLetterTemplateDto } from './document.dto.js';
import { LetterTemplateDto, LetterTemplatePageDto } from './document.views.js';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('letter-templates')
export class LetterTemplatesController {
  constructor(private readonly letters: LettersService) {}

  @Get()
  @ApiOperation({ summary: "List your office's letter templates" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: LetterTemplatePageDto, description: "The caller's office's templates, oldest first" })
  list(@OfficeMember() actor: OfficeActor, @Query() query: PageQuery) {
    return this.letters.listTemplates(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Add a letter template (office lead)' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiCreatedResponse({ type: LetterTemplateDto, description: 'Office lead only; an unknown field is a 400' })
  create(@OfficeMember() actor: OfficeActor, @Body() dto: CreateLetterTemplateDto) {
    return this.letters.createTemplate(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a letter template' })
  @ProblemResponses(404)
  @ApiOkResponse({ type: LetterTemplateDto })
  get(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.letters.getTemplate(actor, id);
  }
}
