import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/config';
import { Metrics } from '../metrics/metrics';
import { registerMetricsRoute } from '../metrics/metrics.route';
import { PROBLEM_CONTENT_TYPE, RETRY_AFTER_SECONDS, serviceUnavailableProblem } from '../shared/presentation/problem';
import { Lifecycle } from './lifecycle';

/** Health endpoints keep answering while the process drains, so that readiness can say so. */
const isHealthCheck = (url: string) => url === '/health' || url.startsWith('/health/') || url.startsWith('/health?');

/**
 * Fastify hooks that run for every request, before Nest sees it: while draining, new requests
 * get a 503 problem (with `Connection: close`) instead of starting work, and requests already
 * running are counted so that shutdown can wait for them; every answer is timed for /metrics,
 * which is served here too.
 */
export function installOperationalHooks(app: NestFastifyApplication): void {
  const lifecycle = app.get(Lifecycle);
  const metrics = app.get(Metrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, reply, done) => {
    if (lifecycle.draining && !isHealthCheck(request.url)) {
      void reply
        .status(503)
        .header('connection', 'close')
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .header('content-type', PROBLEM_CONTENT_TYPE)
        .send({ ...serviceUnavailableProblem('This process is shutting down; retry, another one will answer.'), instance: request.url });
      return;
    }
    lifecycle.requestStarted();
    reply.raw.once('close', () => lifecycle.requestFinished());
    done();
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  registerMetricsRoute(fastify, metrics, app.get(AppConfig).metricsToken);
}
