import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AppConfig } from '../../config/config';
import { IdempotencyClaim, IdempotencyStore } from '../application/idempotency';
import { requestAnswer } from '../application/request-answer';
import { Actor } from '../domain/actor';
import { DomainError } from '../domain/domain-error';
import { TransactionHost } from '../infrastructure/transaction-host';
import { ReplayedResponse, toProblem } from './problem.filter';

const KEY = /^[\x21-\x7e]{1,255}$/;

/** Stable JSON: the same body with keys in another order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const LEASE_LOST = 'idempotency.lease_lost';
const leaseLost = () =>
  new DomainError('conflict', LEASE_LOST, 'This request outlived its Idempotency-Key lease and another request with the key took over; nothing was changed');

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` for writes that move money or stock. Keys are scoped to the caller (user,
 * or the anonymous cart/order token), kept in PostgreSQL for IDEMPOTENCY_RETENTION_HOURS.
 * Successful and final 4xx answers are stored and replayed; 409/429/5xx are not, so the
 * client may retry them with the same key. A running request holds its key for
 * IDEMPOTENCY_LEASE_SECONDS; after a crash, a retry past the lease runs afresh, and since the
 * response commits with the change, a retry never misses a change that committed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: Actor }>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return next.handle();
    return from(this.run(request, String(key), next, this.successStatus(context)));
  }

  private async run(request: FastifyRequest & { user?: Actor }, key: string, next: CallHandler, status: number): Promise<unknown> {
    if (!KEY.test(key)) {
      throw new DomainError('validation', 'idempotency.invalid_key', 'Idempotency-Key must be 1-255 visible ASCII characters', {}, [
        { field: 'Idempotency-Key', message: 'must be 1-255 visible ASCII characters' },
      ]);
    }
    const { retentionHours, leaseSeconds } = this.config.idempotency;
    const requestHash = sha256(`${request.method} ${request.url}\n${canonical(request.body)}`);
    const begun = await this.store.begin(this.scopeOf(request), key, { requestHash, leaseSeconds, retentionHours });
    if (begun.state === 'mismatch') {
      throw new DomainError('unprocessable', 'idempotency.key_reused', 'This Idempotency-Key was already used with a different request');
    }
    if (begun.state === 'in_progress') {
      throw new DomainError('conflict', 'idempotency.in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly');
    }
    if (begun.state === 'completed') throw new ReplayedResponse(begun.response.status, begun.response.body);
    return this.answer(begun.claim, next, status);
  }

  /**
   * Runs the request; the transaction that makes its change also stores its response (see
   * UnitOfWork). A response that no transaction stored (nothing to commit, or a final 4xx after
   * a rollback) is stored on its own; a retryable failure frees the key.
   */
  private async answer(claim: IdempotencyClaim, next: CallHandler, status: number): Promise<unknown> {
    let stored: { body: unknown } | undefined;
    const answer = {
      ref: `${claim.scope}|${claim.key}`,
      beforeCommit: async (body: unknown) => {
        if (!(await this.store.complete(claim, { status, body }))) throw leaseLost();
        stored = { body };
      },
    };
    try {
      const body = await requestAnswer.run(answer, () => lastValueFrom(next.handle(), { defaultValue: undefined }));
      if (stored?.body !== body) await this.tx.detached(() => answer.beforeCommit(body));
      return body;
    } catch (error) {
      const problem = toProblem(error);
      if (stored || (error instanceof DomainError && error.code === LEASE_LOST)) throw error;
      if (problem.status >= 400 && problem.status < 500 && problem.status !== 409 && problem.status !== 429) {
        await this.tx.detached(() => this.store.complete(claim, { status: problem.status, body: problem }));
      } else {
        await this.tx.detached(() => this.store.release(claim));
      }
      throw error;
    }
  }

  private scopeOf(request: FastifyRequest & { user?: Actor }): string {
    if (request.user) return `user:${request.user.userId}`;
    const token = request.headers['x-cart-token'] ?? request.headers['x-order-token'];
    return token ? `token:${sha256(String(token))}` : `ip:${request.ip}`;
  }

  private successStatus(context: ExecutionContext): number {
    const code = Reflect.getMetadata('__httpCode__', context.getHandler()) as number | undefined;
    return code ?? (context.switchToHttp().getRequest<FastifyRequest>().method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
  }
}

/** Marks a route as accepting `Idempotency-Key`, in behaviour and in the OpenAPI document. */
export const Idempotent = (): MethodDecorator =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Same key + same body returns the first response; another body -> 422; while the first runs -> 409',
    }),
  );
