import { ValidationError } from '../../../shared/domain/domain-error';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

const COMMON = new Set([
  'password123', 'password1234', '1234567890', 'qwertyuiop', '12345678910', 'iloveyou123', 'letmein123',
  'administrator', 'welcome123', 'passw0rd123', 'qwerty12345', 'abc1234567',
]);

/**
 * NIST SP 800-63B style: length matters, composition rules do not. At least 10 characters,
 * at most 128, not a well-known password, and not the account's own email.
 */
export function checkPassword(password: string, email?: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(field, `must be at least ${PASSWORD_MIN_LENGTH} characters long`, 'password.too_short');
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(field, `must be at most ${PASSWORD_MAX_LENGTH} characters long`, 'password.too_long');
  }
  const lowered = password.toLowerCase();
  if (COMMON.has(lowered) || /^(.)\1+$/.test(password)) {
    throw new ValidationError(field, 'is too common; choose a less guessable password', 'password.too_common');
  }
  if (email && (lowered === email.toLowerCase() || lowered === email.toLowerCase().split('@')[0])) {
    throw new ValidationError(field, 'must not be your email address', 'password.matches_email');
  }
}
