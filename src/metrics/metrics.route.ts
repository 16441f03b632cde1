import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { PROBLEM_CONTENT_TYPE, problemType } from '../shared/presentation/problem';
import { Metrics } from './metrics';

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * GET /metrics for Prometheus, as a plain Fastify route: outside /api/v1, outside the OpenAPI
 * document (it is for the monitoring system, not API clients) and outside the API's JWT guard,
 * since its bearer token is METRICS_TOKEN (required when set), not an access token.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  fastify.get('/metrics', async (request, reply) => {
    const header = request.headers.authorization ?? '';
    if (token && !sameToken(header.startsWith('Bearer ') ? header.slice(7) : '', token)) {
      return reply
        .status(401)
        .header('www-authenticate', 'Bearer')
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({
          type: problemType('metrics.token_required'),
          title: 'Unauthorized',
          status: 401,
          detail: 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>',
          code: 'metrics.token_required',
          instance: request.url,
        });
    }
    const body = await metrics.registry.metrics();
    return reply.header('content-type', metrics.registry.contentType).header('cache-control', 'no-store').send(body);
  });
}
