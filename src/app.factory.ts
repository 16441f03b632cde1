import { randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppModule, AppModuleOptions } from './app.module';
import { installOperationalHooks } from './health/operational-hooks';
import { buildOpenApiDocument, mountSwagger } from './openapi';
import { clientErrorAsProblem, frameworkErrorAsProblem, hardenHttp } from './security/http-hardening';

export const API_PREFIX = 'api/v1';
const REQUEST_ID = /^[\w.-]{1,100}$/;

/** Builds the configured application (not yet listening): used by main, the scripts and the tests. */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.config.bodyLimitBytes,
    // Only what TRUST_PROXY names: with `true`, the leftmost X-Forwarded-For (written by the
    // client) would become req.ip and defeat every per-address limit.
    // (Fastify takes a hop count too; its option type leaves numbers out.)
    trustProxy: options.config.trustProxy as boolean | string[],
    frameworkErrors: frameworkErrorAsProblem,
    clientErrorHandler: clientErrorAsProblem,
    // Strip nothing silently: a body with a __proto__ key is refused as the attack it is.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  adapter.getInstance().addHook('onRequest', (req, reply, done) => {
    reply.header('x-request-id', req.id);
    done();
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, {
    bufferLogs: true,
    abortOnError: false,
    // Payment webhooks are verified over the exact bytes the provider signed.
    rawBody: true,
    // hardenHttp registers the one body parser (JSON, depth-limited); no form bodies.
    bodyParser: false,
  });
  await hardenHttp(app, options.config);
  app.useLogger(app.get(Logger));
  installOperationalHooks(app);
  app.enableCors({
    origin: options.config.corsOrigins === '*' ? true : options.config.corsOrigins,
    exposedHeaders: ['X-Cart-Token', 'X-Request-Id', 'Retry-After', 'Idempotent-Replayed'],
    allowedHeaders: ['Authorization', 'Content-Type', 'X-Cart-Token', 'X-Order-Token', 'Idempotency-Key', 'X-Request-Id'],
  });
  app.setGlobalPrefix(API_PREFIX, {
    exclude: ['health', 'health/live', 'health/ready'].map((path) => ({ path, method: RequestMethod.GET })),
  });
  if (options.config.docsEnabled) mountSwagger(app, buildOpenApiDocument(app));
  return app;
}
