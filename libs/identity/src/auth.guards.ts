import { type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard, PassportStrategy } from '@nestjs/passport';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { ExtractJwt, Strategy as JwtStrategyBase } from 'passport-jwt';
import { Strategy as LocalStrategyBase } from 'passport-local';
import type { Request } from 'express';
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

/** Login attempts are counted per client address and e-mail (the `login` throttler). */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.toLowerCase() : '';
    return Promise.resolve(`${String(req.ip)}|${email}`);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    return request.throttler.name === 'login' ? super.handleRequest(request) : Promise.resolve(true);
  }
}

/**
 * Every HTTP request counts against its user (or, before sign-in, its address): the `user`
 * throttler, a guard on every route after authentication. Limits are per node.
 */
@Injectable()
export class UserThrottleGuard extends ThrottlerGuard {
  protected override getTracker(req: Record<string, unknown>): Promise<string> {
    const actor = req.user as Actor | undefined;
    return Promise.resolve(actor?.userId ? `user:${actor.userId}` : `ip:${String(req.ip)}`);
  }

  protected override handleRequest(request: ThrottlerRequest): Promise<boolean> {
    if (request.context.getType() !== 'http' || request.throttler.name !== 'user') return Promise.resolve(true);
    return super.handleRequest(request);
  }
}
