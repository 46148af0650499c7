import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Post,
  Patch,
  Query,
  Req,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import type { Request } from 'express';
import {
  ApiBearerAuth,
  ApiBody,
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
  Idempotent,
  PageQuery,
  parseIfMatch,
  Public,
  UuidParam,
  ProblemResponses,
} from '@relay/platform';
import { AuthService } from './auth.service.js';
import { UsersService } from './users.service.js';
import { LocalAuthGuard, LoginThrottleGuard } from './auth.guards.js';
import {
  AcceptInvitationDto,
  ChangePasswordDto,
  CreateMemberDto,
  InvitedMemberDto,
  LoginDto,
  RefreshDto,
  SessionDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './identity.dto.js';
import type { UserEntity } from './user.entity.js';
import { refreshCookie, RefreshCookieInterceptor, REFRESH_TRANSPORT_HEADER } from './refresh-cookie.js';

@ApiTags('auth')
@Controller('auth')
@UseInterceptors(RefreshCookieInterceptor)
@ApiHeader({
  name: REFRESH_TRANSPORT_HEADER,
  required: false,
  description:
    '`cookie`: the refresh token travels in an HttpOnly cookie scoped to /api/v1/auth/refresh, not in the body',
})
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @ApiOperation({ summary: 'Sign in with e-mail and password' })
  @ProblemResponses(401)
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard, LocalAuthGuard)
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: SessionDto })
  login(@Req() req: { user: UserEntity }) {
    return this.auth.login(req.user);
  }

  @Public()
  @Post('refresh')
  @ApiOperation({ summary: 'Trade a refresh token for a new session' })
  @ProblemResponses(401)
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto })
  refresh(@Body() dto: RefreshDto, @Req() req: Request) {
    return this.auth.refresh(dto.refreshToken ?? refreshCookie(req));
  }

  @Public()
  @Post('invitations/accept')
  @ApiOperation({ summary: 'Accept an invitation and set a password' })
  @ProblemResponses(401)
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOkResponse({ type: SessionDto, description: 'Signed in, as after POST /auth/login' })
  acceptInvitation(@Body() dto: AcceptInvitationDto) {
    return this.auth.acceptInvitation(dto.token, dto.password);
  }

  @Post('password')
  @ApiOperation({ summary: 'Change your own password' })
  @HttpCode(204)
  @UseGuards(LoginThrottleGuard)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: "Changed; every other session of the user's ends" })
  changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto) {
    return this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Post('logout')
  @ApiOperation({ summary: 'Sign out of this session' })
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor) {
    return this.auth.logout(actor);
  }
}

@ApiTags('users')
@ApiBearerAuth()
@Controller()
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'Read the signed-in user and office' })
  @ApiOkResponse({ type: UserDto })
  me(@CurrentActor() actor: Actor) {
    return this.users.me(actor);
  }

  @Get('offices/:id/members')
  @ApiOperation({ summary: "List an office's members" })
  @ProblemResponses(403, 404)
  @ApiOkResponse({ type: UserPageDto })
  listMembers(@CurrentActor() actor: Actor, @UuidParam('id') officeId: string, @Query() query: PageQuery) {
    return this.users.listMembers(actor, officeId, query);
  }

  @Post('offices/:id/members')
  @ApiOperation({ summary: 'Invite a new member to an office' })
  @ProblemResponses(403, 404)
  @Idempotent({ withhold: ['invitation.token'] })
  @ApiCreatedResponse({ type: InvitedMemberDto, description: 'The invitation token is shown once, here' })
  addMember(@CurrentActor() actor: Actor, @UuidParam('id') officeId: string, @Body() dto: CreateMemberDto) {
    return this.users.addMember(actor, officeId, dto);
  }

  @Patch('users/:id')
  @ApiOperation({ summary: "Change a user's profile, role or status" })
  @ProblemResponses(403, 404)
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: UserDto })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('id') userId: string,
    @Body() dto: UpdateUserDto,
    @Headers('if-match') ifMatch: string | undefined,
  ) {
    return this.users.update(actor, userId, dto, parseIfMatch(ifMatch));
  }
}
