import { applyDecorators, Type as ClassType } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { PageRequest } from '../domain/page';
import { IntQuery } from './fields';

export const MAX_PAGE_SIZE = 100;

/** `page` (from 1) and `limit` (1-100); extend it for a list's own filters. */
export class PageQueryDto implements PageRequest {
  @IntQuery({ example: 1, min: 1, max: 1_000_000, default: 1, description: 'Page number, from 1' })
  readonly page: number = 1;

  @IntQuery({ example: 20, min: 1, max: MAX_PAGE_SIZE, default: 20, description: `Page size, at most ${MAX_PAGE_SIZE}` })
  readonly limit: number = 20;
}

export class PageMetaDto {
  @ApiProperty({ type: 'integer', example: 42 }) readonly total!: number;
  @ApiProperty({ type: 'integer', example: 1 }) readonly page!: number;
  @ApiProperty({ type: 'integer', example: 20 }) readonly limit!: number;
}

/** Documents a `{ items, total, page, limit }` response of the given item type (and page fields). */
export function ApiPageResponse(item: ClassType<unknown>, meta: ClassType<PageMetaDto> = PageMetaDto): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(meta, item),
    ApiOkResponse({
      schema: {
        allOf: [
          { $ref: getSchemaPath(meta) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}
