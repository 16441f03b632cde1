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
