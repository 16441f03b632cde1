import { Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { ExecutionContext } from '@nestjs/common';
import { DomainError } from '../../../shared/domain/domain-error';

/** Login attempts are limited per client IP and per account (the email tried). */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const retryAfter = Math.max(1, Math.ceil(detail.timeToBlockExpire || detail.timeToExpire));
    const { res } = this.getRequestResponse(context);
    this.setResponseHeader(res, 'Retry-After', retryAfter);
    const by = detail.key.includes('login-account') ? 'this account' : 'this address';
    throw new DomainError('too_many_requests', 'auth.too_many_attempts', `Too many login attempts for ${by}; try again in ${retryAfter} s`, {
      retryAfter,
    });
  }
}

export const trackByIp = (req: Record<string, unknown>): string => String(req.ip ?? 'unknown');
export const trackByAccount = (req: Record<string, unknown>): string => {
  const body = req.body as { email?: unknown } | undefined;
  return typeof body?.email === 'string' ? body.email.trim().toLowerCase() : 'no-email';
};
