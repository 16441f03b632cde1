import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, Role } from '../domain/actor';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';

/** No token needed; a valid bearer token, when sent, still identifies the caller. */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true));

/**
 * Requires a valid access token, and one of `roles` when given. Sets the OpenAPI security
 * requirement and documents 401/403 in the same place.
 */
export function Authenticated(options: { roles?: Role[] } = {}): MethodDecorator & ClassDecorator {
  const decorators = [
    SetMetadata(IS_PUBLIC, false),
    SetMetadata(REQUIRED_ROLES, options.roles ?? []),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Missing, invalid or expired access token' }),
  ];
  if (options.roles?.length) {
    decorators.push(ApiForbiddenResponse({ description: `Requires role: ${options.roles.join(' or ')}` }));
  }
  return applyDecorators(...decorators);
}

/** The authenticated caller (undefined on a public route called without a token). */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<{ user?: Actor }>().user;
});
