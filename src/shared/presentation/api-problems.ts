import { applyDecorators } from '@nestjs/common';
import { ApiResponse } from '@nestjs/swagger';

/**
 * Documents the error statuses an operation answers beyond those every operation of its kind can
 * (401, 400, 404 for a path id, 413/415 for a body: added when the document is built). Each
 * becomes an `application/problem+json` response with the `Problem` schema.
 */
export const ApiProblems = (problems: Partial<Record<403 | 404 | 409 | 422 | 429 | 401, string>>): MethodDecorator & ClassDecorator =>
  applyDecorators(...Object.entries(problems).map(([status, description]) => ApiResponse({ status: Number(status), description })));
