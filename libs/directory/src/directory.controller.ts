import { Body, Controller, Get, Headers, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiTags, ApiOperation } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  type Actor,
  CurrentActor,
  Idempotent,
  PageQuery,
  parseIfMatch,
  setETag,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { DirectoryService } from './directory.service.js';
import {
  CreateOfficeDto,
  CreatePartyDto,
  OfficeDto,
  OfficePageDto,
  OfficeQuery,
  PartyDto,
  PartyPageDto,
  UpdateOfficeDto,
} from './directory.dto.js';

@ApiTags('directory')
@ApiBearerAuth()
@Controller()
export class DirectoryController {
  constructor(private readonly directory: DirectoryService) {}

  @Get('parties')
  @ApiOperation({ summary: 'List the political parties' })
  @ApiOkResponse({ type: PartyPageDto })
  listParties(@Query() query: PageQuery) {
    return this.directory.listParties(query);
  }

  @Post('parties')
  @ApiOperation({ summary: 'Add a political party (admins)' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiCreatedResponse({ type: PartyDto })
  createParty(@CurrentActor() actor: Actor, @Body() dto: CreatePartyDto) {
    return this.directory.createParty(actor, dto);
  }

  @Get('offices')
  @ApiOperation({ summary: 'List the constituency offices' })
  @ApiOkResponse({ type: OfficePageDto })
  listOffices(@Query() query: OfficeQuery) {
    return this.directory.listOffices(query);
  }

  @Get('offices/:id')
  @ApiOperation({ summary: 'Read a constituency office' })
  @ProblemResponses(404)
  @ApiOkResponse({ type: OfficeDto })
  async getOffice(@UuidParam('id') id: string, @Res({ passthrough: true }) res: Response) {
    const office = await this.directory.getOffice(id);
    setETag(res, office.version);
    return office;
  }

  @Post('offices')
  @ApiOperation({ summary: 'Add a constituency office (admins)' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiCreatedResponse({ type: OfficeDto })
  createOffice(@CurrentActor() actor: Actor, @Body() dto: CreateOfficeDto) {
    return this.directory.createOffice(actor, dto);
  }

  @Patch('offices/:id')
  @ApiOperation({ summary: 'Change a constituency office (admins)' })
  @ProblemResponses(403, 404)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read' })
  @ApiOkResponse({ type: OfficeDto })
  async updateOffice(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() dto: UpdateOfficeDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const office = await this.directory.updateOffice(actor, id, dto, parseIfMatch(ifMatch));
    setETag(res, office.version);
    return office;
  }
}
