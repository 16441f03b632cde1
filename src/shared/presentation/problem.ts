import { FieldError } from '../domain/domain-error';

/** RFC 9457 problem details, as every error leaves this API. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const problemType = (code: string): string => `https://api.repair-commerce.example/problems/${code.replace(/\./g, '/')}`;

/** Seconds a client should wait before retrying a 503 (database trouble, a draining process). */
export const RETRY_AFTER_SECONDS = 5;

/** The answer while the service cannot serve for a moment; sent with `Retry-After`. */
export function serviceUnavailableProblem(detail: string): ProblemDocument {
  return { type: problemType('service.unavailable'), title: 'Service Unavailable', status: 503, detail, code: 'service.unavailable' };
}
