import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import helmet from 'helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/config';
import { DomainError } from '../shared/domain/domain-error';
import { PROBLEM_CONTENT_TYPE, problemType } from '../shared/presentation/problem';
import { jsonDepthExceeds } from './json-depth';

type Done = (err: Error | null, body?: unknown) => void;

/**
 * Headers, body parsing and caching rules every answer follows (issue 12). Called once by
 * createApp, before the routes are mounted.
 */
export async function hardenHttp(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  // The only body type the API reads. A form-encoded body is a 415 (browsers can send forms
  // cross-site without a preflight); JSON nested deeper than JSON_MAX_DEPTH is a 400 before
  // anything recursive (class-transformer) walks it.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser('application/json', { bodyLimit: config.bodyLimitBytes }, (req: FastifyRequest, body: Buffer, done: Done) => {
    if (jsonDepthExceeds(body, config.jsonMaxDepth)) {
      done(new DomainError('validation', 'body.too_deep', `The JSON body nests deeper than the limit of ${config.jsonMaxDepth} levels`, { maxDepth: config.jsonMaxDepth }));
      return;
    }
    // Fastify's own parser (it refuses __proto__ keys); it accepts the buffer as it comes.
    parseJson(req, body as unknown as string, done);
  });

  // Built once: @fastify/helmet built helmet's middlewares again (the CSP's directives parsed)
  // on every request. The same headers, set on the Node response as it did, on every answer.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      // Swagger UI (/docs) loads only its own scripts and styles from this origin; it sets
      // inline styles on elements, and shows a data: favicon.
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The API is called cross-origin by browsers (CORS_ORIGINS).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });

  // Answers are per caller (tokens, carts, profiles): nothing may be stored by a browser or a
  // shared cache unless a route says otherwise.
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control') && request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}

/** Fastify's router refusals (an over-long path parameter: 414, a bad URL: 400) as problem+json. */
export function frameworkErrorAsProblem(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
  const status = (error as { statusCode?: number }).statusCode === 414 ? 414 : 400;
  reply.status(status).header('content-type', PROBLEM_CONTENT_TYPE).send(plainProblem(status, status === 414 ? 'uri_too_long' : 'bad_url'));
}

/** What Node's HTTP parser refuses before Fastify sees a request (431 headers too large, 408, 400). */
export function clientErrorAsProblem(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const problem = plainProblem(status, status === 431 ? 'headers_too_large' : status === 408 ? 'request_timeout' : 'bad_request');
  const body = JSON.stringify(problem);
  socket.end(
    `HTTP/1.1 ${status} ${problem.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

const DETAILS: Record<string, string> = {
  uri_too_long: 'A path segment of the URL is too long',
  bad_url: 'The URL is not valid',
  headers_too_large: 'The request headers are too large',
  request_timeout: 'The request took too long to arrive',
  bad_request: 'The request could not be read',
};

function plainProblem(status: number, code: string) {
  return { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail: DETAILS[code], code };
}
