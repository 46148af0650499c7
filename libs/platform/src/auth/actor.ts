import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';

export type Role = 'assistant' | 'office_lead' | 'admin';
export const ROLES: Role[] = ['assistant', 'office_lead', 'admin'];

/** Who is acting: the authenticated user as every service sees it. */
export interface Actor {
  userId: string;
  role: Role;
  /** null for admins, who belong to no office. */
  officeId: string | null;
  sessionId: string;
}

/** Routes that need no access token (login, refresh, health, docs). */
export const IS_PUBLIC = 'relay:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});
