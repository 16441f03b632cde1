import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { Actor, Role } from '../domain/actor';
import { ForbiddenError, UnauthenticatedError } from '../domain/domain-error';
import { IDENTIFIES_CALLER, IS_PUBLIC, REQUIRED_ROLES } from './auth.decorators';

interface RequestWithAuth {
  headers: Record<string, string | string[] | undefined>;
  user?: Actor;
}

/** Global: every route needs a valid bearer token unless it is marked @Public() or @OptionalAuth(). */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const targets = [context.getHandler(), context.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets);
    const request = context.switchToHttp().getRequest<RequestWithAuth>();
    // A public route that does not identify its caller ignores any token (its document says security: []).
    if (isPublic && (!request.headers.authorization || !this.reflector.getAllAndOverride<boolean>(IDENTIFIES_CALLER, targets))) return true;
    return super.canActivate(context);
  }

  override handleRequest<TUser = Actor>(err: unknown, user: TUser | false, info: unknown): TUser {
    if (err instanceof Error) throw err;
    if (!user) {
      const reason = info instanceof Error && info.name === 'TokenExpiredError' ? 'The access token has expired' : undefined;
      throw new UnauthenticatedError(reason ?? 'A valid bearer access token is required');
    }
    return user;
  }
}

/** Global: enforces the roles named by @Authenticated({ roles }). */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<RequestWithAuth>().user;
    if (!user) throw new UnauthenticatedError();
    if (!roles.includes(user.role)) throw new ForbiddenError(`This action requires the ${roles.join(' or ')} role`);
    return true;
  }
}
