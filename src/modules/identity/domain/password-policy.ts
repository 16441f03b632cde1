import type { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { ValidationError } from '../../../shared/domain/domain-error';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's scale: 3 = "safely unguessable: moderate protection from offline slow-hash scenario". */
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;

// Loaded and built on first use: the dictionaries are 7 MB of JavaScript (seconds at start-up
// otherwise). They ship in the packages: no network at run time. Capped so one hostile password
// cannot occupy the event loop for seconds (the l33t matcher grows with substitutions).
/* eslint-disable @typescript-eslint/no-require-imports */
function strength(): ZxcvbnFactory {
  if (!estimator) {
    const { ZxcvbnFactory: Factory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
    const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    const english = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
    estimator = new Factory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
      maxLength: 64,
      l33tMaxSubstitutions: 8,
    });
  }
  return estimator;
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * NIST SP 800-63B style: length matters, composition rules do not. At least 10 characters, at
 * most 128, not the account's own email, and hard to guess by zxcvbn's estimate (common
 * passwords, keyboard walks, repeats, dates, names and the email's own words all count as
 * guessable).
 */
export async function checkPassword(password: string, email?: string, field = 'password'): Promise<void> {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw new ValidationError(field, `must be at least ${PASSWORD_MIN_LENGTH} characters long`, 'password.too_short');
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw new ValidationError(field, `must be at most ${PASSWORD_MAX_LENGTH} characters long`, 'password.too_long');
  }
  const lowered = password.toLowerCase();
  const mail = email?.toLowerCase();
  if (mail && (lowered === mail || lowered === mail.split('@')[0])) {
    throw new ValidationError(field, 'must not be your email address', 'password.matches_email');
  }
  const userInputs = mail ? [mail, ...mail.split(/[@.+_-]/).filter((w) => w.length >= 3)] : [];
  const result = strength().check(password, userInputs);
  if (result.score < PASSWORD_MIN_SCORE) {
    const why = result.feedback.warning ? ` (${result.feedback.warning.replace(/\.$/, '').toLowerCase()})` : '';
    throw new ValidationError(field, `is too easy to guess${why}; use a longer phrase of several unrelated words`, 'password.too_weak');
  }
}
