import { Body, Controller, Get, Header, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiProduces,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import {
  type Actor,
  CurrentActor,
  type OfficeActor,
  OfficeMember,
  Idempotent,
  PageQuery,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { ReportsService } from './reports.service.js';
import { PrecedentsService } from './precedents.service.js';
import { TransitionsService } from './transitions.service.js';
import { CaseloadReportDto, ChannelReportDto, ReportQuery } from './report.dto.js';
import { PrecedentDto, PrecedentPageDto, PrecedentQuery, SharePrecedentDto } from './precedent.dto.js';
import { CreateTransitionDto, TransitionDto, TransitionPageDto } from './transition.dto.js';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  @Get('reports/caseload')
  @ApiOperation({ summary: "Report your office's caseload" })
  @ProblemResponses(403)
  @ApiOkResponse({ type: CaseloadReportDto, description: "The caller's office's caseload, grouped" })
  caseload(@OfficeMember() actor: OfficeActor, @Query() query: ReportQuery) {
    return this.reports.caseload(actor, query);
  }

  @Get('reports/caseload.csv')
  @ApiOperation({ summary: "Download your office's caseload as CSV" })
  @ProblemResponses(403)
  @Header('Content-Type', 'text/csv; charset=utf-8; header=present')
  @Header('Content-Disposition', 'attachment; filename="caseload.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description:
      'The same as CSV (RFC 4180, UTF-8), one row per group; cells starting with = + - @ are prefixed with an apostrophe',
    schema: { type: 'string' },
  })
  caseloadCsv(@OfficeMember() actor: OfficeActor, @Query() query: ReportQuery) {
    return this.reports.caseloadCsv(actor, query);
  }

  @Get('channels/:id/report')
  @ApiOperation({ summary: "Report a channel's activity" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: ChannelReportDto })
  channel(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: ReportQuery) {
    return this.reports.channel(actor, id, query);
  }
}

@ApiTags('precedents')
@ApiBearerAuth()
@Controller()
export class PrecedentsController {
  constructor(private readonly precedents: PrecedentsService) {}

  @Post('cases/:id/precedent')
  @ApiOperation({ summary: 'Share a precedent learned from a file' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({
    type: PrecedentDto,
    description: '400 contains_personal_data names the field when it looks like a constituent detail',
  })
  share(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: SharePrecedentDto) {
    return this.precedents.share(actor, id, dto);
  }

  @Get('precedents')
  @ApiOperation({ summary: "List precedents of your office's channels" })
  @ApiOkResponse({ type: PrecedentPageDto, description: "Precedents of the caller's channels, newest first" })
  list(@OfficeMember() actor: OfficeActor, @Query() query: PrecedentQuery) {
    return this.precedents.list(actor, query);
  }
}

@ApiTags('directory')
@ApiBearerAuth()
@Controller('offices/:id/transitions')
export class TransitionsController {
  constructor(private readonly transitions: TransitionsService) {}

  @Post()
  @ApiOperation({ summary: 'Schedule a seat changing hands (admins)' })
  @ProblemResponses(403, 404)
  @Idempotent()
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: TransitionDto, description: 'Admin: the seat changes hands at effectiveAt' })
  schedule(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: CreateTransitionDto) {
    return this.transitions.schedule(actor, id, dto);
  }

  @Get()
  @ApiOperation({ summary: "List an office's seat transitions" })
  @ProblemResponses(404)
  @ApiOkResponse({ type: TransitionPageDto, description: "Admins, and the office's members" })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.transitions.list(actor, id, query);
  }
}
