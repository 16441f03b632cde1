import { Injectable, SetMetadata } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerOptions } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { AppConfig } from '../../../config/config';
import { DomainError } from '../../../shared/domain/domain-error';
import { normalizeEmail } from '../../../shared/domain/email';

export type ThrottledRoute = 'login' | 'register' | 'refresh';
const ROUTE = 'auth-throttled-route';

/** Marks an auth route for the throttlers named after it (use with `@UseGuards(AuthThrottlerGuard)`). */
export const ThrottledAs = (route: ThrottledRoute) => SetMetadata(ROUTE, route);

const WHAT: Record<string, string> = {
  'login-ip': 'login attempts from this address',
  'login-account': 'login attempts for this account from this address',
  'register-ip': 'registrations from this address',
  'refresh-ip': 'token refreshes from this address',
};

/**
 * Rate limits of the public auth routes (429 + Retry-After), counted in Redis when REDIS_URL is
 * set. Addresses are Fastify's req.ip, which honours X-Forwarded-For only from TRUST_PROXY.
 */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', retryAfter);
    const name = Object.keys(WHAT).find((n) => detail.key.includes(n)) ?? 'login-ip';
    throw new DomainError('too_many_requests', 'auth.too_many_attempts', `Too many ${WHAT[name]}; try again in ${retryAfter} s`, { retryAfter });
  }
}

export const trackByIp = (req: Record<string, unknown>): string => String(req.ip ?? 'unknown');
/**
 * Per account AND address: wrong passwords from one place cannot lock the owner out of their
 * account from another (the per-address limit still bounds a spray from one place).
 */
export const trackByAccount = (req: Record<string, unknown>): string => {
  const body = req.body as { email?: unknown } | undefined;
  return `${typeof body?.email === 'string' ? normalizeEmail(body.email) : 'no-email'}|${trackByIp(req)}`;
};

/** The named throttlers; each applies only on the route it is named after. */
export function authThrottlers(config: AppConfig): ThrottlerOptions[] {
  const on = (route: ThrottledRoute) => (context: ExecutionContext) => Reflect.getMetadata(ROUTE, context.getHandler()) !== route;
  const window = (seconds: number) => seconds * 1000;
  const login = config.loginThrottle;
  return [
    { name: 'login-ip', ttl: window(login.windowSeconds), limit: login.ipLimit, getTracker: trackByIp, skipIf: on('login') },
    { name: 'login-account', ttl: window(login.windowSeconds), limit: login.accountLimit, getTracker: trackByAccount, skipIf: on('login') },
    {
      name: 'register-ip',
      ttl: window(config.registerThrottle.windowSeconds),
      limit: config.registerThrottle.ipLimit,
      getTracker: trackByIp,
      skipIf: on('register'),
    },
    { name: 'refresh-ip', ttl: window(config.refreshThrottle.windowSeconds), limit: config.refreshThrottle.ipLimit, getTracker: trackByIp, skipIf: on('refresh') },
  ];
}
