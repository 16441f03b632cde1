import { createHash } from 'node:crypto';
import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, UseInterceptors, applyDecorators } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { from, lastValueFrom, Observable } from 'rxjs';
import { AppConfig } from '../../config/config';
import { IdempotencyStore } from '../application/idempotency';
import { Actor } from '../domain/actor';
import { DomainError } from '../domain/domain-error';
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

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * `Idempotency-Key` for writes that move money or stock. Keys are scoped to the caller (user,
 * or the anonymous cart/order token), kept in PostgreSQL for IDEMPOTENCY_RETENTION_HOURS.
 * Successful and final 4xx answers are stored and replayed; 409/429/5xx are not, so the
 * client may retry them with the same key.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly store: IdempotencyStore,
    private readonly config: AppConfig,
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
    const scope = this.scopeOf(request);
    const hash = sha256(`${request.method} ${request.url}\n${canonical(request.body)}`);
    const expiresAt = new Date(Date.now() + this.config.idempotency.retentionHours * 3_600_000);
    const begun = await this.store.begin(scope, key, hash, expiresAt);
    if (begun.state === 'mismatch') {
      throw new DomainError('unprocessable', 'idempotency.key_reused', 'This Idempotency-Key was already used with a different request');
    }
    if (begun.state === 'in_progress') {
      throw new DomainError('conflict', 'idempotency.in_progress', 'A request with this Idempotency-Key is still being processed; retry shortly');
    }
    if (begun.state === 'completed') throw new ReplayedResponse(begun.response.status, begun.response.body);
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.store.complete(scope, key, { status, body });
      return body;
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status >= 400 && problem.status < 500 && problem.status !== 409 && problem.status !== 429) {
        await this.store.complete(scope, key, { status: problem.status, body: problem });
      } else {
        await this.store.abandon(scope, key);
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
