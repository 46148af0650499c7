import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import {
  type Actor,
  CurrentActor,
  type OfficeActor,
  OfficeMember,
  Idempotent,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { HandoffsService } from './handoffs.service.js';
import { TradesService } from './trades.service.js';
import { SuggestionsService } from './suggestions.service.js';
import {
  CreateHandoffDto,
  CreateTradeDto,
  HandoffQuery,
  ReasonDto,
  SuggestionQuery,
  TradeQuery,
} from './handoff.dto.js';
import {
  HandoffDto,
  HandoffPageDto,
  LedgerDto,
  SuggestionsDto,
  TradeDto,
  TradePageDto,
  TradeTableDto,
} from './handoff.views.js';

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller('handoffs')
export class HandoffsController {
  constructor(
    private readonly handoffs: HandoffsService,
    private readonly suggestions: SuggestionsService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Offer a file to an office or channel' })
  @ProblemResponses(403, 404, 409)
  @Idempotent()
  @ApiCreatedResponse({ type: HandoffDto, description: 'The offer shows a redacted summary only' })
  offer(@OfficeMember() actor: OfficeActor, @Body() dto: CreateHandoffDto) {
    return this.handoffs.offer(actor, dto);
  }

  @Get()
  @ApiOperation({ summary: 'List handoffs to and from your office' })
  @ApiOkResponse({ type: HandoffPageDto })
  list(@OfficeMember() actor: OfficeActor, @Query() query: HandoffQuery) {
    return this.handoffs.list(actor, query);
  }

  @Get('suggestions')
  @ApiOperation({ summary: 'Suggest offices to hand a file to' })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: SuggestionsDto })
  suggest(@OfficeMember() actor: OfficeActor, @Query() query: SuggestionQuery) {
    return this.suggestions.suggest(actor, query.caseId);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a handoff' })
  @ProblemResponses(404)
  @ApiOkResponse({ type: HandoffDto })
  get(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.handoffs.get(actor, id);
  }

  @Post(':id/accept')
  @ApiOperation({ summary: 'Accept a handoff: the file becomes yours' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto, description: 'The file is now yours; concurrent accepts: one wins, the rest 409' })
  accept(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.handoffs.accept(actor, id);
  }

  @Post(':id/decline')
  @ApiOperation({ summary: 'Decline a handoff offered to you' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto })
  decline(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.handoffs.decline(actor, id, dto.reason);
  }

  @Post(':id/withdraw')
  @ApiOperation({ summary: 'Withdraw your handoff offer' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto })
  withdraw(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.handoffs.withdraw(actor, id, dto.reason);
  }
}

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller()
export class TradesController {
  constructor(private readonly trades: TradesService) {}

  @Post('trades')
  @ApiOperation({ summary: 'Propose a trade of files to an office' })
  @ProblemResponses(403, 404, 409)
  @Idempotent()
  @ApiCreatedResponse({ type: TradeDto })
  propose(@OfficeMember() actor: OfficeActor, @Body() dto: CreateTradeDto) {
    return this.trades.propose(actor, dto);
  }

  @Get('trades')
  @ApiOperation({ summary: 'List trades of your office' })
  @ApiOkResponse({ type: TradePageDto })
  list(@OfficeMember() actor: OfficeActor, @Query() query: TradeQuery) {
    return this.trades.list(actor, query);
  }

  @Get('trades/:id')
  @ApiOperation({ summary: 'Read a trade' })
  @ProblemResponses(404)
  @ApiOkResponse({ type: TradeDto })
  get(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.trades.get(actor, id);
  }

  @Post('trades/:id/accept')
  @ApiOperation({ summary: 'Accept a trade: the files swap' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto, description: 'Every file swaps in one transaction, or none (409 naming the file)' })
  accept(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.trades.accept(actor, id);
  }

  @Post('trades/:id/decline')
  @ApiOperation({ summary: 'Decline a trade proposed to you' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto })
  decline(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.trades.decline(actor, id, dto.reason);
  }

  @Post('trades/:id/withdraw')
  @ApiOperation({ summary: 'Withdraw your trade proposal' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto })
  withdraw(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.trades.withdraw(actor, id, dto.reason);
  }

  @Get('offices/:id/trade-table')
  @ApiOperation({ summary: 'List the files an office offers for trade' })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: TradeTableDto, description: 'The files this office has put on the table for trades' })
  table(@OfficeMember() _actor: OfficeActor, @UuidParam('id') id: string) {
    return this.trades.table(id);
  }

  @Get('offices/:id/ledger')
  @ApiOperation({ summary: "Read an office's trade ledger" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: LedgerDto })
  ledger(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.trades.ledger(actor, id);
  }
}
