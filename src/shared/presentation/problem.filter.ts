import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorKind } from '../domain/domain-error';
import { isDatabaseUnavailable, isRetryableTransactionError } from '../infrastructure/database-errors';
import { PROBLEM_CONTENT_TYPE, ProblemDocument, problemType, RETRY_AFTER_SECONDS, serviceUnavailableProblem } from './problem';

const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  too_many_requests: 429,
};

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'service.unavailable',
};

/** Framework and parser errors that carry a 4xx status of their own (e.g. Fastify's JSON parser). */
interface StatusCarrier {
  statusCode?: number;
  status?: number;
  message?: string;
}

/** Carries a stored first response of an idempotent request back out, status and body unchanged. */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** The one place errors become problem+json; unexpected errors reveal nothing about internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const reply = ctx.getResponse<FastifyReply>();
    const request = ctx.getRequest<FastifyRequest>();
    if (exception instanceof ReplayedResponse) {
      const isProblem = exception.status >= 400;
      reply
        .status(exception.status)
        .header('content-type', isProblem ? PROBLEM_CONTENT_TYPE : 'application/json; charset=utf-8')
        .header('idempotent-replayed', 'true')
        .send(exception.body);
      return;
    }
    const problem = toProblem(exception);
    problem.instance = request.url;
    if (problem.status === 503) {
      reply.header('retry-after', String(RETRY_AFTER_SECONDS));
      this.logger.warn({ err: exception, url: request.url }, 'service unavailable');
    } else if (problem.status >= 500) {
      this.logger.error({ err: exception, url: request.url }, 'unhandled error');
    } else if (fromDatabaseError(exception)) {
      this.logger.warn({ err: exception, url: request.url }, 'the database refused a value the validation let through');
    }
    reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}

/** Maps any thrown value to the problem document it becomes. */
export function toProblem(exception: unknown): ProblemDocument {
  if (exception instanceof DomainError) {
    const status = STATUS_BY_KIND[exception.kind];
    return {
      // Details first: an extension member must never replace a standard one (a `status` detail
      // once became the HTTP status, and Fastify answered 500 for "invalid status code: failed").
      ...exception.details,
      type: problemType(exception.code),
      title: STATUS_CODES[status] ?? 'Error',
      status,
      detail: exception.message,
      code: exception.code,
      ...(exception.fieldErrors.length ? { errors: exception.fieldErrors } : {}),
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : ((body as { message?: string | string[] }).message ?? exception.message);
    return fromStatus(status, Array.isArray(message) ? message.join('; ') : message);
  }
  const database = fromDatabaseError(exception);
  if (database) return database;
  if (isDatabaseUnavailable(exception)) return serviceUnavailableProblem('The database is unavailable for a moment; retry later.');
  if (isRetryableTransactionError(exception)) {
    return serviceUnavailableProblem('The request collided with concurrent changes too often; retry later.');
  }
  const carrier = exception as StatusCarrier;
  const status = carrier?.statusCode ?? carrier?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return fromStatus(status, carrier.message ?? STATUS_CODES[status] ?? 'Bad request');
  }
  return fromStatus(HttpStatus.INTERNAL_SERVER_ERROR, 'An unexpected error occurred; it has been logged.');
}

/**
 * A value the database refused (a CHECK, a unique key, text it cannot store) is the request's
 * fault, not a server error; the answer names no table or constraint.
 */
const DATABASE_REFUSALS: Record<string, [number, string]> = {
  '23505': [409, 'The request conflicts with existing data'],
  '23514': [422, 'A value in the request breaks a data rule'],
  '23P01': [409, 'The request conflicts with existing data'],
  '22001': [400, 'A value in the request is too long'],
  '22003': [400, 'A number in the request is out of range'],
  '22021': [400, 'A text value in the request contains bytes that cannot be stored'],
  '22P02': [400, 'A value in the request has the wrong format'],
  '22007': [400, 'A date in the request is not valid'],
  '22008': [400, 'A date in the request is out of range'],
};

function fromDatabaseError(exception: unknown): ProblemDocument | null {
  const code = (exception as { driverError?: { code?: unknown } })?.driverError?.code;
  const known = typeof code === 'string' ? DATABASE_REFUSALS[code] : undefined;
  return known ? fromStatus(known[0], known[1]) : null;
}

function fromStatus(status: number, detail: string): ProblemDocument {
  const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal_error' : 'error');
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail, code };
}
