import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import { type OfficeActor, OfficeMember, Idempotent, PageQuery, UuidParam, ProblemResponses } from '@relay/platform';
import { FollowUpsService } from './follow-ups.service.js';
import { CreateFollowUpDto, FollowUpQuery } from './casework.dto.js';
import { FollowUpDto, FollowUpPageDto, OfficeFollowUpPageDto } from './casework.views.js';

@ApiTags('follow-ups')
@ApiBearerAuth()
@Controller()
export class FollowUpsController {
  constructor(private readonly followUps: FollowUpsService) {}

  @Post('cases/:id/follow-ups')
  @ApiOperation({ summary: 'Schedule a follow-up on a file' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: FollowUpDto })
  create(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: CreateFollowUpDto) {
    return this.followUps.create(actor, id, dto);
  }

  @Get('cases/:id/follow-ups')
  @ApiOperation({ summary: "List a file's follow-ups" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: FollowUpPageDto, description: "The file's follow-ups, soonest first" })
  listOfCase(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.followUps.listOfCase(actor, id, query);
  }

  @Get('follow-ups')
  @ApiOperation({ summary: "List your office's open follow-ups" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: OfficeFollowUpPageDto, description: "The office's open follow-ups, soonest first" })
  listOfOffice(@OfficeMember() actor: OfficeActor, @Query() query: FollowUpQuery) {
    return this.followUps.listOfOffice(actor, query);
  }

  @Post('follow-ups/:id/done')
  @ApiOperation({ summary: 'Mark a follow-up done' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: FollowUpDto, description: '409 already_done the second time' })
  done(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.followUps.done(actor, id);
  }
}
