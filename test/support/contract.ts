import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import addFormats from 'ajv-formats';
import OpenAPIBackend, { SetMatchType } from 'openapi-backend';
import type { Document, Operation } from 'openapi-backend';

/**
 * Paths the document does not describe on purpose; every other response an e2e test receives
 * must match an operation, a documented status and its schema.
 */
export const UNDOCUMENTED_PATHS: { path: RegExp; reason: string }[] = [
  { path: /^\/metrics$/, reason: 'Prometheus text exposition for scrapers, not a JSON API operation' },
  { path: /^\/docs(\/|-json$|$)/, reason: 'Swagger UI and the OpenAPI document itself' },
];

const COMMITTED_DOCUMENT = join(__dirname, '..', '..', 'openapi.json');

export interface ReceivedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * The live OpenAPI document (/docs-json) as a response validator (openapi-backend, ajv): the
 * operation is matched by method and path, the status must be documented, the content type must be
 * one the document names, the body must match its schema and the documented headers theirs.
 */
export class Contract {
  private constructor(private readonly api: OpenAPIBackend) {}

  static async load(baseUrl: string): Promise<Contract> {
    const res = await fetch(`${baseUrl}/docs-json`);
    // An app started with DOCS_ENABLED=false serves no document: the committed openapi.json is the
    // same document (test/platform/platform.e2e-spec.ts fails when they differ).
    if (!res.ok && res.status !== 404) throw new Error(`GET /docs-json answered ${res.status}`);
    const document = (res.ok ? await res.json() : JSON.parse(readFileSync(COMMITTED_DOCUMENT, 'utf8'))) as Document;
    const api = new OpenAPIBackend({
      definition: forValidation(document),
      validate: true,
      // Validators are compiled on first use: a suite pays only for the operations it calls.
      quick: true,
      strict: true,
      // uuid, date-time, uri, email are checked, not ignored.
      customizeAjv: (ajv) => {
        addFormats(ajv);
        return ajv;
      },
    });
    await api.init();
    return new Contract(api);
  }

  /** Throws an error naming what does not match; returns quietly when the response is documented. */
  check(method: string, url: string, res: ReceivedResponse): void {
    const path = new URL(url, 'http://localhost').pathname;
    if (method.toUpperCase() === 'OPTIONS' || UNDOCUMENTED_PATHS.some((u) => u.path.test(path))) return;
    const where = `${method.toUpperCase()} ${path} -> ${res.status}`;
    // Fastify refuses an over-long URL or oversized headers before routing: no operation answers,
    // but the answer must still be a problem document.
    if (res.status === 414 || res.status === 431) return this.checkProblem(where, res);
    const operation = this.api.matchOperation({ method, path, headers: {} });
    if (!operation) {
      // An unknown route still answers a problem document.
      if (res.status === 404 || res.status === 405) return this.checkProblem(where, res);
      throw new Error(`${where}: no operation in the OpenAPI document matches`);
    }
    const response = operation.responses?.[String(res.status)];
    if (!response || '$ref' in response) throw new Error(`${where}: status ${res.status} is not documented for ${operation.operationId}`);
    const contentType = String(res.headers['content-type'] ?? '').split(';')[0]?.trim() ?? '';
    const documented = Object.keys(response.content ?? {}).filter((t) => t !== 'application/json' || !response.content?.['application/problem+json']);
    if (documented.length && !documented.includes(contentType)) {
      throw new Error(`${where}: content-type ${contentType || '(none)'} but the document says ${documented.join(', ')}`);
    }
    if (documented.length) fail(where, 'body', this.api.validateResponse(res.body, operation, res.status).errors);
    else if (res.status !== 204 && res.body !== undefined && res.body !== '' && !isEmptyObject(res.body)) {
      throw new Error(`${where}: a body was sent but the document declares none`);
    }
    // openapi-backend checks the documented headers' values ('any') but ignores `required`.
    const headers = lowerCase(res.headers);
    fail(where, 'headers', this.api.validateResponseHeaders(headers, operation, { statusCode: res.status, setMatchType: SetMatchType.Any }).errors);
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      if ('required' in header && header.required && headers[name.toLowerCase()] === undefined) {
        throw new Error(`${where}: the required response header ${name} is missing`);
      }
    }
  }

  /** Errors of a JSON request body against the operation's request schema ([] when it is valid). */
  validateRequestBody(operationId: string, body: unknown): unknown[] {
    const operation = this.api.getOperation(operationId);
    if (!operation) throw new Error(`no operation ${operationId}`);
    const request = { method: operation.method, path: operation.path, body, query: {}, headers: { 'content-type': 'application/json' } };
    return this.api.validateRequest(request, operation).errors ?? [];
  }

  operation(method: string, url: string): Operation | undefined {
    return this.api.matchOperation({ method, path: new URL(url, 'http://localhost').pathname, headers: {} });
  }

  private checkProblem(where: string, res: ReceivedResponse): void {
    const problem = this.api.getOperations().find((o) => o.responses?.['404'])?.operationId;
    if (!problem) throw new Error(`${where}: no documented 404 to check the problem against`);
    fail(where, 'body', this.api.validateResponse(res.body, problem, 404).errors);
  }
}

function fail(where: string, what: string, errors: unknown[] | null | undefined): void {
  if (errors?.length) throw new Error(`${where}: the ${what} does not match the OpenAPI document:\n${JSON.stringify(errors, null, 2)}`);
}

const isEmptyObject = (body: unknown) => typeof body === 'object' && body !== null && Object.keys(body).length === 0;
const lowerCase = (headers: ReceivedResponse['headers']) => Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));

/**
 * The validator's copy of the document, read as the OpenAPI 3.0 tools read it:
 * - openapi-backend validates response bodies of `application/json` only; a problem document is
 *   JSON too, so its schema is also named under that media type (the media type itself is checked
 *   above against the real document);
 * - `nullable: true` beside `allOf: [{$ref}]` (how @nestjs/swagger writes a nullable reference,
 *   and how openapi-typescript and Swagger UI read `X | null`) allows null, which ajv's nullable
 *   keyword does not do through the `allOf`.
 */
function forValidation(document: Document): Document {
  type Responses = Record<string, { content?: Record<string, unknown> }>;
  const copy = structuredClone(document);
  for (const item of Object.values(copy.paths ?? {}) as Record<string, { responses?: Responses }>[]) {
    for (const operation of Object.values(item)) {
      for (const response of Object.values(operation?.responses ?? {})) {
        const problem = response.content?.['application/problem+json'];
        if (problem && response.content) response.content['application/json'] = problem;
      }
    }
  }
  return nullableRefs(copy) as Document;
}

function nullableRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(nullableRefs);
  if (!node || typeof node !== 'object') return node;
  const entries = Object.entries(node).map(([k, v]) => [k, nullableRefs(v)] as const);
  const schema = Object.fromEntries(entries) as Record<string, unknown>;
  if (schema.nullable === true && Array.isArray(schema.allOf)) {
    const { nullable: _nullable, type: _type, ...rest } = schema;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return schema;
}
