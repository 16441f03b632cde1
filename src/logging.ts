import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import { AppConfig } from './config/config';

/** Headers and body fields that carry a credential: never written to the log, request or response. */
const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-cart-token', 'x-order-token', 'payment-signature'];
const SECRET_FIELDS = ['accessToken', 'refreshToken', 'password', 'currentPassword', 'newPassword', 'token'];
export const REDACTED = [
  ...['req', 'res'].flatMap((side) => SECRET_HEADERS.map((h) => `${side}.headers["${h}"]`)),
  ...['req.body', 'res.body', 'body'].flatMap((at) => SECRET_FIELDS.map((f) => `${at}.${f}`)),
];

/** A token in a query string (e.g. a calendar feed link) is a credential too. */
export const redactQuery = (url: string): string => url.replace(/([?&][^=&]*token=)[^&]*/gi, '$1[redacted]');

/** Structured JSON logs with a request id on every line (pretty-printed in development). */
export function loggerOptions(config: AppConfig): Params {
  return {
    // Every route, in the path syntax of Nest 11+ (nestjs-pino 4's default `*` draws a warning).
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
    pinoHttp: {
      level: config.log.level,
      transport: config.log.pretty ? { target: 'pino-pretty', options: { singleLine: true, colorize: true } } : undefined,
      // Fastify assigns the id (the caller's X-Request-Id or a UUID) and echoes it back.
      genReqId: (req: IncomingMessage) => req.id ?? randomUUID(),
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
      redact: { paths: REDACTED, censor: '[redacted]' },
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: redactQuery(req.url) }),
      },
    },
  };
}
