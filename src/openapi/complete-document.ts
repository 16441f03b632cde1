import { STATUS_CODES } from 'node:http';
import type { OpenAPIObject } from '@nestjs/swagger';
import type {
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
  ResponseObject,
  SchemaObject,
} from '@nestjs/swagger';
import { AuthMode, SECURITY_EXTENSION } from '../shared/presentation/auth.decorators';
import { PROBLEM_CONTENT_TYPE } from '../shared/presentation/problem';
import { PROBLEM_SCHEMAS, RESPONSE_HEADERS } from './problem.schema';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;
const ref = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` });
const headerRef = (name: string): ReferenceObject => ({ $ref: `#/components/headers/${name}` });
const isParameter = (p: ParameterObject | ReferenceObject): p is ParameterObject => !('$ref' in p);

/**
 * Adds what every operation of a kind can answer, from facts of the operation itself, so a new
 * endpoint is documented correctly without repeating it:
 * - security from the auth decorators (`x-auth`: none -> `[]`, optional -> `[{}, {bearer: []}]`,
 *   required or undecorated -> `[{bearer: []}]`, as the global guard enforces), with 401;
 * - 400 for anything with parameters or a body, 413/415 for a body, 404 for a path parameter,
 *   409/422 for `Idempotency-Key`, 500 and 503 for all; every error as `application/problem+json`
 *   with `Problem`;
 * - response headers: `X-Request-Id` on every answer, `Retry-After` on 429 and 503,
 *   `Idempotent-Replayed` where `Idempotency-Key` is accepted;
 * - no example on optional query parameters: Swagger UI's Try-it-out would send it as a filter;
 * - a `$ref` with siblings (nullable, description), which OpenAPI 3.0 ignores, wrapped in `allOf`.
 */
export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = { ...components.schemas, ...PROBLEM_SCHEMAS };
  components.headers = { ...components.headers, ...RESPONSE_HEADERS };
  for (const item of Object.values(document.paths) as PathItemObject[]) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation) completeOperation(operation);
    }
  }
  for (const schema of Object.values(components.schemas)) wrapRefSiblings(schema, components.schemas);
  return document;
}

function completeOperation(operation: OperationObject): void {
  const extensions = operation as OperationObject & Record<string, unknown>;
  const mode = (extensions[SECURITY_EXTENSION] as AuthMode | undefined) ?? 'required';
  delete extensions[SECURITY_EXTENSION];
  operation.security = mode === 'none' ? [] : mode === 'optional' ? [{}, { bearer: [] }] : [{ bearer: [] }];

  const parameters = (operation.parameters ?? []).filter(isParameter);
  for (const parameter of parameters) {
    if (parameter.in === 'query' && !parameter.required) delete parameter.example;
  }
  const idempotent = parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key');
  const statuses = new Set<number>();
  if (mode !== 'none') statuses.add(401);
  if (operation.requestBody) [400, 413, 415].forEach((s) => statuses.add(s));
  if (parameters.some((p) => p.in !== 'header')) statuses.add(400);
  if (parameters.some((p) => p.in === 'path')) statuses.add(404);
  if (idempotent) [409, 422].forEach((s) => statuses.add(s));
  // Any operation: an unexpected fault (500), and the database unreachable or the process draining
  // on shutdown (503 with Retry-After).
  [500, 503].forEach((s) => statuses.add(s));

  const responses = operation.responses as Record<string, ResponseObject>;
  for (const status of statuses) responses[status] ??= { description: STATUS_CODES[status] ?? 'Error' };
  for (const [status, response] of Object.entries(responses)) {
    const code = Number(status);
    if (code >= 400) {
      response.content = { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } };
    }
    response.headers = {
      ...response.headers,
      'X-Request-Id': headerRef('RequestId'),
      ...(code === 429 || code === 503 ? { 'Retry-After': headerRef('RetryAfter') } : {}),
      ...(idempotent ? { 'Idempotent-Replayed': headerRef('IdempotentReplayed') } : {}),
    };
  }
}

/**
 * OpenAPI 3.0 ignores the siblings of a `$ref`, so a nullable or described reference is written
 * as `allOf: [{$ref}]` beside them, and `nullable` needs its `type` (that of the target).
 */
function wrapRefSiblings(schema: SchemaObject | ReferenceObject, all: Record<string, SchemaObject | ReferenceObject>): void {
  if ('$ref' in schema) return;
  const properties: Record<string, SchemaObject | ReferenceObject> = schema.properties ?? {};
  for (const [name, property] of Object.entries(properties)) {
    if ('$ref' in property && Object.keys(property).length > 1) {
      const { $ref, ...siblings } = property as ReferenceObject & SchemaObject;
      properties[name] = { ...siblings, allOf: [{ $ref }] } as SchemaObject;
    }
    const wrapped = properties[name] as SchemaObject;
    const only = wrapped.allOf?.length === 1 ? wrapped.allOf[0] : undefined;
    if (wrapped.nullable && !wrapped.type && only && '$ref' in only) {
      const target = all[only.$ref.replace('#/components/schemas/', '')];
      wrapped.type = target && !('$ref' in target) ? (target.type ?? 'object') : 'object';
    }
    wrapRefSiblings(wrapped, all);
  }
  if (schema.items) wrapRefSiblings(schema.items, all);
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) wrapRefSiblings(part, all);
}
