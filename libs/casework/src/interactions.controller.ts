import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type OfficeActor, OfficeMember, Idempotent, PageQuery, UuidParam, ProblemResponses } from '@relay/platform';
import { InteractionsService } from './interactions.service.js';
import { CreateInteractionDto, InteractionQuery } from './casework.dto.js';
import { InteractionDto, InteractionPageDto, LiaisonDto } from './casework.views.js';

@ApiTags('contact log')
@ApiBearerAuth()
@Controller()
export class InteractionsController {
  constructor(private readonly interactions: InteractionsService) {}

  @Post('cases/:id/interactions')
  @ApiOperation({ summary: 'Log a contact on a file' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: InteractionDto })
  create(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: CreateInteractionDto) {
    return this.interactions.create(actor, id, dto);
  }

  @Get('cases/:id/interactions')
  @ApiOperation({ summary: "List a file's contact log" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: InteractionPageDto, description: "The file's contact log, newest first" })
  listOfCase(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.interactions.listOfCase(actor, id, query);
  }

  @Get('interactions')
  @ApiOperation({ summary: "List your office's contact log" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: InteractionPageDto, description: "The office's contact log, newest first" })
  listOfOffice(@OfficeMember() actor: OfficeActor, @Query() query: InteractionQuery) {
    return this.interactions.listOfOffice(actor, query);
  }

  @Get('liaison')
  @ApiOperation({ summary: "Summarize your office's IRCC liaison" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: LiaisonDto, description: "The office's IRCC liaison at a glance" })
  liaison(@OfficeMember() actor: OfficeActor) {
    return this.interactions.liaison(actor);
  }
}
