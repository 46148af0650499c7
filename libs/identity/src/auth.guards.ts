import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { normalizeIp, ThrottlerGuard, type ThrottlerLimitDetail, type ThrottlerRequest } from '@nestjs/throttler';
import { plainToInstance } from 'class-transformer';
import { createHash } from 'node:crypto';
import { validate } from 'class-validator';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Request, Response } from 'express';
import { type Actor, AppConfig, AppError, IS_PUBLIC } from '@relay/platform';
import { AuthService } from './auth.service.js';
import { signingKey } from './signing-key.js';
import type { AccessClaims } from './token.service.js';
import { LoginDto } from './identity.dto.js';
import type { UserEntity } from './user.entity.js';

@Injectable()
export class JwtStrategy extends PassportStrategy(JwtStrategyBase, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly auth: AuthService,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      secretOrKey: signingKey(config.JWT_SECRET!) as unknown as string,
      algorithms: ['HS256'],
    });
  }

  async validate(claims: AccessClaims): Promise<Actor> {
    const actor = await this.auth.actorFor(claims.sub, claims.sid);
    if (!actor) throw new AppError('unauthenticated', 'The session was ended or the account deactivated');
    return actor;
  }
}

@Injectable()
export class LocalStrategy extends PassportStrategy(LocalStrategyBase, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password' });
  }

  validate(email: string, password: string): Promise<UserEntity> {
    return this.auth.checkPassword(email, password);
  }
}

/** Every route needs a valid access token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    // Sockets are authenticated once, at the live gateway's handshake.
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T): T {
    if (error) throw error;
    if (!user) throw new AppError('unauthenticated', 'A valid access token is required');
    return user;
  }
}

/** Validates the login body (guards run before pipes), then checks the password. */
@Injectable()
export class LocalAuthGuard extends AuthGuard('local') {
  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const body: unknown = context.switchToHttp().getRequest<Request>().body ?? {};
    const errors = await validate(plainToInstance(LoginDto, body), { whitelist: true, forbidNonWhitelisted: true });
    if (errors.length > 0) {
      throw new AppError(
        'validation_failed',
        'The request is not valid',
        errors.flatMap((e) => Object.values(e.constraints ?? {}).map((message) => ({ field: e.property, message }))),
      );
    }
    return (await super.canActivate(context)) as boolean;
  }
}

const LOGIN_THROTTLERS = new Set(['login', 'login-address', 'login-account']);

/**
 * Counted by name and tracker only: the same bucket whichever route (or node) is asked.
 * Hashed, so an unvalidated e-mail of any length costs a fixed-size key.
 */
const sharedKey = (_context: ExecutionContext, tracker: string, name: string) =>
  `${name}:${createHash('sha256').update(tracker).digest('base64url')}`;

/** The throttler's Retry-After header is named after the throttler (Retry-After-login); clients expect the plain one. */
function setRetryAfter(context: ExecutionContext, detail: ThrottlerLimitDetail): void {
  context.switchToHttp().getResponse<Response>().header('Retry-After', String(detail.timeToBlockExpire));
}

/**
 * Password checks (sign-in, invitations, password changes) are counted three ways, each in
 * its own `login*` throttler: per client address and account (LOGIN_RATE_LIMIT), per
 * address whatever the account (LOGIN_ADDRESS_RATE_LIMIT: one address spraying many
 * e-mails) and per account whatever the address (LOGIN_ACCOUNT_RATE_LIMIT: many addresses
 * trying one account). The account is the e-mail tried, or the signed-in user.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const name = request.throttler.name ?? '';
    if (!LOGIN_THROTTLERS.has(name)) return Promise.resolve(true);
    const req = request.context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const body = req.body as { email?: unknown } | undefined;
    const address = normalizeIp(String(req.ip));
    const account =
      typeof body?.email === 'string' ? `email:${body.email.toLowerCase()}` : req.user ? `user:${req.user.userId}` : '';
    if (name === 'login-account' && !account) return Promise.resolve(true);
    const tracker = name === 'login' ? `${address}|${account}` : name === 'login-address' ? address : account;
    return super.handleRequest({ ...request, getTracker: () => Promise.resolve(tracker), generateKey: sharedKey });
  }

  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail) {
    setRetryAfter(context, detail);
    return super.throwThrottlingException(context, detail);
  }
}

/**
 * Every HTTP request counts against its user (or, before sign-in, its address): the `user`
 * throttler, a guard on every route after authentication. One count per user across all
 * routes (the throttler's own key is per route), shared by the nodes when Redis is set.
 */
@Injectable()
export class UserThrottleGuard extends ThrottlerGuard {
  /**
   * Only `user` is counted here: the base guard reads six metadata keys per throttler per
   * request, so leaving the three login ones in cost three quarters of that for nothing.
   */
  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    this.throttlers = this.throttlers.filter((throttler) => throttler.name === 'user');
  }

  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.user as Actor | undefined;
    return Promise.resolve(actor?.userId ? `user:${actor.userId}` : `ip:${normalizeIp(String(req.ip))}`);
  }

  protected override generateKey(context: ExecutionContext, tracker: string, name: string): string {
    return sharedKey(context, tracker, name);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.context.getType() !== 'http' || request.throttler.name !== 'user') return Promise.resolve(true);
    return super.handleRequest(request);
  }

  protected override throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail) {
    setRetryAfter(context, detail);
    return super.throwThrottlingException(context, detail);
  }
}
