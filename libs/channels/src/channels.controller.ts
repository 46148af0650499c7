import { Body, Controller, Delete, Get, Headers, HttpCode, Patch, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
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
  parseIfMatch,
  setETag,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { ChannelsService } from './channels.service.js';
import { PostsService } from './posts.service.js';
import { AlertsService } from './alerts.service.js';
import {
  AddMemberDto,
  AlertQuery,
  CreateChannelDto,
  EditMessageDto,
  FeedQuery,
  PostAlertDto,
  PostMessageDto,
} from './channel.dto.js';
import { AckDto, AckPageDto, AlertPageDto, ChannelDto, ChannelPageDto, FeedPageDto, PostDto } from './channel.views.js';

@ApiTags('channels')
@ApiBearerAuth()
@Controller('channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly posts: PostsService,
  ) {}

  @Get()
  @ApiOperation({ summary: "List your office's channels" })
  @ApiOkResponse({ type: ChannelPageDto, description: "The channels the caller's office belongs to" })
  list(@OfficeMember() actor: OfficeActor, @Query() query: PageQuery) {
    return this.channels.list(actor, query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a channel between offices' })
  @ProblemResponses(403)
  @Idempotent()
  @ApiCreatedResponse({ type: ChannelDto })
  create(@CurrentActor() actor: Actor, @Body() dto: CreateChannelDto) {
    return this.channels.create(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a channel' })
  @ProblemResponses(404)
  @ApiOkResponse({ type: ChannelDto })
  get(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.channels.get(actor, id);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add an office to a channel' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(200)
  @ApiOkResponse({ type: ChannelDto })
  addMember(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @Body() dto: AddMemberDto) {
    return this.channels.addMember(actor, id, dto.officeId);
  }

  @Delete(':id/members/:officeId')
  @ApiOperation({ summary: 'Remove an office from a channel' })
  @ProblemResponses(403, 404, 409)
  @HttpCode(204)
  @ApiNoContentResponse()
  removeMember(@CurrentActor() actor: Actor, @UuidParam('id') id: string, @UuidParam('officeId') officeId: string) {
    return this.channels.removeMember(actor, id, officeId);
  }

  @Get(':id/feed')
  @ApiOperation({ summary: "Read a channel's messages and alerts" })
  @ProblemResponses(404)
  @ApiOkResponse({ type: FeedPageDto, description: 'Messages and alerts, oldest first' })
  feed(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: FeedQuery) {
    return this.posts.feed(actor, id, query);
  }

  @Post(':id/messages')
  @ApiOperation({ summary: 'Post a message to a channel' })
  @ProblemResponses(404)
  @Idempotent()
  @ApiCreatedResponse({ type: PostDto })
  async postMessage(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @Body() dto: PostMessageDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const post = await this.posts.postMessage(actor, id, dto);
    setETag(res, post.version);
    return post;
  }

  @Patch(':id/messages/:messageId')
  @ApiOperation({ summary: 'Edit your message in a channel' })
  @ProblemResponses(403, 404)
  @ApiHeader({ name: 'If-Match', required: false, description: 'ETag from a previous read; 412 when stale' })
  @ApiOkResponse({ type: PostDto })
  async editMessage(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @UuidParam('messageId') messageId: string,
    @Body() dto: EditMessageDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const post = await this.posts.editMessage(actor, id, messageId, dto, parseIfMatch(ifMatch));
    setETag(res, post.version);
    return post;
  }

  @Delete(':id/messages/:messageId')
  @ApiOperation({ summary: 'Delete your message from a channel' })
  @ProblemResponses(403, 404)
  @HttpCode(204)
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiNoContentResponse()
  deleteMessage(
    @OfficeMember() actor: OfficeActor,
    @UuidParam('id') id: string,
    @UuidParam('messageId') messageId: string,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.posts.deleteMessage(actor, id, messageId, parseIfMatch(ifMatch));
  }

  @Post(':id/alerts')
  @ApiOperation({ summary: 'Post an alert to a channel' })
  @ProblemResponses(404)
  @Idempotent()
  @ApiCreatedResponse({ type: PostDto })
  postAlert(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Body() dto: PostAlertDto) {
    return this.posts.postAlert(actor, id, dto);
  }
}

@ApiTags('channels')
@ApiBearerAuth()
@Controller('alerts')
export class AlertsController {
  constructor(private readonly alerts: AlertsService) {}

  @Get()
  @ApiOperation({ summary: "List alerts of your office's channels" })
  @ApiOkResponse({ type: AlertPageDto, description: "Alerts of the caller's channels, newest first" })
  list(@OfficeMember() actor: OfficeActor, @Query() query: AlertQuery) {
    return this.alerts.list(actor, query);
  }

  @Post(':id/ack')
  @ApiOperation({ summary: 'Acknowledge an alert for your office' })
  @ProblemResponses(404)
  @HttpCode(200)
  @ApiOkResponse({ type: AckDto })
  acknowledge(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string) {
    return this.alerts.acknowledge(actor, id);
  }

  @Get(':id/acks')
  @ApiOperation({ summary: "List an alert's acknowledgements" })
  @ProblemResponses(404)
  @ApiOkResponse({ type: AckPageDto })
  acks(@OfficeMember() actor: OfficeActor, @UuidParam('id') id: string, @Query() query: PageQuery) {
    return this.alerts.acks(actor, id, query);
  }
}
