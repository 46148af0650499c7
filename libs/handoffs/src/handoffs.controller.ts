import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type Actor, CurrentActor, Idempotent, UuidParam } from '@relay/platform';
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
  @Idempotent()
  @ApiCreatedResponse({ type: HandoffDto, description: 'The offer shows a redacted summary only' })
  offer(@CurrentActor() actor: Actor, @Body() dto: CreateHandoffDto) {
    return this.handoffs.offer(actor, dto);
  }

  @Get()
  @ApiOkResponse({ type: HandoffPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: HandoffQuery) {
    return this.handoffs.list(actor, query);
  }

  @Get('suggestions')
  @ApiOkResponse({ type: SuggestionsDto })
  suggest(@CurrentActor() actor: Actor, @Query() query: SuggestionQuery) {
    return this.suggestions.suggest(actor, query.caseId);
  }

  @Get(':id')
  @ApiOkResponse({ type: HandoffDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.handoffs.get(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto, description: 'The file is now yours; concurrent accepts: one wins, the rest 409' })
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.handoffs.accept(actor, id);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto })
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.handoffs.decline(actor, id, dto.reason);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: HandoffDto })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.handoffs.withdraw(actor, id, dto.reason);
  }
}

@ApiTags('handoffs')
@ApiBearerAuth()
@Controller()
export class TradesController {
  constructor(private readonly trades: TradesService) {}

  @Post('trades')
  @Idempotent()
  @ApiCreatedResponse({ type: TradeDto })
  propose(@CurrentActor() actor: Actor, @Body() dto: CreateTradeDto) {
    return this.trades.propose(actor, dto);
  }

  @Get('trades')
  @ApiOkResponse({ type: TradePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: TradeQuery) {
    return this.trades.list(actor, query);
  }

  @Get('trades/:id')
  @ApiOkResponse({ type: TradeDto })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.trades.get(actor, id);
  }

  @Post('trades/:id/accept')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto, description: 'Every file swaps in one transaction, or none (409 naming the file)' })
  accept(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.trades.accept(actor, id);
  }

  @Post('trades/:id/decline')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto })
  decline(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.trades.decline(actor, id, dto.reason);
  }

  @Post('trades/:id/withdraw')
  @HttpCode(200)
  @ApiOkResponse({ type: TradeDto })
  withdraw(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: ReasonDto) {
    return this.trades.withdraw(actor, id, dto.reason);
  }

  @Get('offices/:id/trade-table')
  @ApiOkResponse({ type: TradeTableDto, description: 'The files this office has put on the table for trades' })
  table(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.trades.table(actor, id);
  }

  @Get('offices/:id/ledger')
  @ApiOkResponse({ type: LedgerDto })
  ledger(@CurrentActor() actor: Actor, @UuidParam('id') id: string) {
    return this.trades.ledger(actor, id);
  }
}
