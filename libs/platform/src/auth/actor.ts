import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppError } from '../errors/app-error.js';

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

/** An actor known to belong to an office: what every service working on an office's data takes. */
export type OfficeActor = Actor & { officeId: string };

/** Routes that need no access token (login, refresh, health, docs). */
export const IS_PUBLIC = 'relay:public';
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Set on a route handler that takes @OfficeMember(): the OpenAPI document lists its 403 office_required. */
export const OFFICE_REQUIRED = 'relay:office-required';

export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  return context.switchToHttp().getRequest<{ user: Actor }>().user;
});

/**
 * The actor as a member of an office, or `403 office_required` for a user with none (an
 * admin): the one answer every route on an office's data gives them, before any service runs.
 */
export function officeActor(actor: Actor): OfficeActor {
  if (actor.officeId === null) {
    throw new AppError(
      'office_required',
      "This works on an office's data, and your account belongs to no office (administrators manage the directory)",
    );
  }
  return actor as OfficeActor;
}

const resolveOfficeMember = createParamDecorator((_data: unknown, context: ExecutionContext): OfficeActor => {
  return officeActor(context.switchToHttp().getRequest<{ user: Actor }>().user);
});

/** The authenticated actor, who must belong to an office (see `officeActor`). */
export const OfficeMember = (): ParameterDecorator => (target, key, index) => {
  resolveOfficeMember()(target, key, index);
  if (key !== undefined)
    Reflect.defineMetadata(OFFICE_REQUIRED, true, (target as Record<string | symbol, object>)[key]);
};
