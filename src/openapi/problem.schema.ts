import type { HeaderObject, SchemaObject } from '@nestjs/swagger';

/**
 * The `Problem` schema (RFC 9457) of every 4xx answer, as src/shared/presentation/problem.filter.ts
 * writes it: the standard members, `code`, `errors` for validation, and the extension members the
 * domain errors really send (grep `DomainError(`/`ConflictError(` details). Other extension members
 * are allowed (`additionalProperties`), as RFC 9457 says clients must ignore unknown ones.
 */
export const PROBLEM_SCHEMAS: Record<string, SchemaObject> = {
  FieldError: {
    type: 'object',
    required: ['field', 'message'],
    properties: {
      field: { type: 'string', example: 'shippingAddress.postcode', description: 'The field, header or parameter at fault (dotted path)' },
      message: { type: 'string', example: 'is required' },
    },
  },
  Problem: {
    type: 'object',
    required: ['type', 'title', 'status', 'detail'],
    additionalProperties: true,
    properties: {
      type: { type: 'string', format: 'uri', example: 'https://api.repair-commerce.example/problems/stock/insufficient' },
      title: { type: 'string', example: 'Conflict' },
      status: { type: 'integer', minimum: 400, maximum: 599, example: 409 },
      detail: { type: 'string', example: 'Only 0 of product 0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10 available, 1 requested' },
      code: { type: 'string', example: 'stock.insufficient', description: 'Stable machine-readable code, e.g. validation_failed, order.invalid_transition' },
      instance: { type: 'string', example: '/api/v1/orders', description: 'The request path' },
      errors: { type: 'array', items: { $ref: '#/components/schemas/FieldError' }, description: 'Validation: each field at fault' },
      available: { type: 'integer', example: 0, description: 'stock.insufficient, cart.insufficient_stock: units available now' },
      requested: { type: 'integer', example: 1, description: 'stock.insufficient: units asked for' },
      productId: { type: 'string', example: '0b8f7a52-5f7e-4d0c-9a43-8a4f2b1c9d10', format: 'uuid', description: 'stock.insufficient: the product short of stock' },
      itemId: { type: 'string', example: '5c0c2f0e-1d7e-4d33-8f0f-0c7f0b5a9e21', description: 'The cart or order item concerned' },
      maxQuantity: { type: 'integer', example: 99, description: 'The largest quantity allowed on one line' },
      suggestions: {
        type: 'array',
        example: ['2026-12-01T10:30:00.000Z', '2026-12-01T11:00:00.000Z'],
        items: { type: 'string', format: 'date-time' },
        description: 'booking.slot_taken, booking.outside_working_hours: the next free visit starts',
      },
      retryAfter: { type: 'integer', example: 30, description: '429: seconds to wait (also in Retry-After)' },
      allowed: { type: 'array', example: ['paid', 'cancelled'], items: { type: 'string' }, description: 'invalid_transition: the statuses allowed from here' },
      from: { type: 'string', example: 'pending', description: 'invalid_transition: the current status' },
      reason: { type: 'string', example: 'expired', description: 'discount.*: why the code does not apply (unknown, expired, min_subtotal_not_met, ...)' },
      discountCode: { type: 'string', example: 'SAVE10', description: 'discount.*: the code concerned' },
      to: { type: 'string', example: 'shipped', description: 'invalid_transition: the status asked for' },
    },
  },
};

export const RESPONSE_HEADERS: Record<string, HeaderObject> = {
  RequestId: {
    description: 'The request id (the one sent in X-Request-Id, or a new one); it is in every log line of the request',
    required: true,
    schema: { type: 'string' },
  },
  RetryAfter: { description: 'Seconds to wait before trying again', required: true, schema: { type: 'integer', minimum: 1 } },
  IdempotentReplayed: {
    description: '`true` when this is the stored first response to the same Idempotency-Key and body',
    required: false,
    schema: { type: 'string', enum: ['true'] },
  },
  CartToken: {
    description: 'The token of a new anonymous cart: send it as X-Cart-Token on later cart calls and at login',
    required: false,
    schema: { type: 'string' },
  },
};
