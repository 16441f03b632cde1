import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Actor, Role } from '../domain/actor';

export const IS_PUBLIC = 'auth:isPublic';
export const REQUIRED_ROLES = 'auth:roles';
/** On a public route: a bearer token, when sent, is verified and identifies the caller. */
export const IDENTIFIES_CALLER = 'auth:identifiesCaller';

/**
 * The OpenAPI security of an operation, written by these decorators and turned into the
 * operation's `security` when the document is built (see src/openapi.ts), so the document says
 * exactly what the guards read from the same decorators.
 */
export const SECURITY_EXTENSION = 'x-auth';
export type AuthMode = 'none' | 'optional' | 'required';

/**
 * No token needed and none read: the Authorization header is ignored (OpenAPI `security: []`).
 * Use `OptionalAuth()` where a signed-in caller sees or does more.
 */
export const Public = (): MethodDecorator & ClassDecorator =>
  applyDecorators(SetMetadata(IS_PUBLIC, true), SetMetadata(IDENTIFIES_CALLER, false), ApiExtension(SECURITY_EXTENSION, 'none'));

/**
 * No token needed; a bearer token, when sent, must be valid and identifies the caller
 * (OpenAPI `security: [{}, {bearer: []}]`, so Swagger UI sends the token once authorized).
 */
export const OptionalAuth = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(IS_PUBLIC, true),
    SetMetadata(IDENTIFIES_CALLER, true),
    ApiExtension(SECURITY_EXTENSION, 'optional'),
    ApiUnauthorizedResponse({ description: 'A bearer token was sent but is invalid or expired' }),
  );

/**
 * Requires a valid access token, and one of `roles` when given. Sets the OpenAPI security
 * requirement and documents 401/403 in the same place.
 */
export function Authenticated(options: { roles?: Role[] } = {}): MethodDecorator & ClassDecorator {
  const decorators = [
    SetMetadata(IS_PUBLIC, false),
    SetMetadata(REQUIRED_ROLES, options.roles ?? []),
    ApiExtension(SECURITY_EXTENSION, 'required'),
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

/**
 * A request header's value, read from the request (not Nest's `@Headers` with a name, which adds a second,
 * required parameter to the document). Document the header once with `@ApiHeader`.
 */
export const RequestHeader = createParamDecorator((name: string, ctx: ExecutionContext): string | undefined => {
  const value = ctx.switchToHttp().getRequest<{ headers: Record<string, string | string[] | undefined> }>().headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
});
