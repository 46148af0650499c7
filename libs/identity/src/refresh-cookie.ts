import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, type Observable } from 'rxjs';
import { AppConfig } from '@relay/platform';

/**
 * The web console keeps its refresh token where page scripts cannot read it: a request that
 * sends `X-Refresh-Transport: cookie` gets the token as an HttpOnly, SameSite=Strict cookie
 * scoped to the refresh route, and not in the body. Other clients are unchanged.
 */
export const REFRESH_COOKIE = 'relay_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth/refresh';
export const REFRESH_TRANSPORT_HEADER = 'x-refresh-transport';

/** The refresh token from the console's cookie, if the request carries one. */
export function refreshCookie(req: Request): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === REFRESH_COOKIE) return decodeURIComponent(value.join('='));
  }
  return undefined;
}

@Injectable()
export class RefreshCookieInterceptor implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<Request>();
    if (req.headers[REFRESH_TRANSPORT_HEADER] !== 'cookie') return next.handle();
    const res = context.switchToHttp().getResponse<Response>();
    const options = {
      httpOnly: true,
      sameSite: 'strict' as const,
      secure: this.config.NODE_ENV === 'production',
      path: REFRESH_COOKIE_PATH,
    };
    return next.handle().pipe(
      map((answer: unknown) => {
        if (answer && typeof answer === 'object' && 'refreshToken' in answer) {
          const { refreshToken, ...rest } = answer as { refreshToken: string };
          res.cookie(REFRESH_COOKIE, refreshToken, {
            ...options,
            maxAge: this.config.REFRESH_TOKEN_TTL_SECONDS * 1000,
          });
          return rest;
        }
        res.clearCookie(REFRESH_COOKIE, options); // logout
        return answer;
      }),
    );
  }
}
