import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { hasMixedScriptLocalPart, normalizeEmail } from '../domain/email';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEmail,
  IsEnum,
  IsISO8601,
  IsArray,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateBy,
  ValidateNested,
} from 'class-validator';

/**
 * What PostgreSQL will accept as text: no NUL characters, and at most `max` characters counted
 * as the database counts them (code points; validator.js discounts some marks such as U+FE0F).
 */
export function TextOnly(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'textOnly',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || (!value.includes('\u0000') && [...value].length <= max),
      defaultMessage: () => `must be text of at most ${max} characters without NUL bytes`,
    },
  });
}

/**
 * Combined field decorators: validation and the OpenAPI description (with an example) are
 * declared once per field. `optional` fields may be omitted (null is rejected unless `nullable`).
 */
interface Common<T> {
  example: T;
  description?: string;
  optional?: boolean;
  nullable?: boolean;
}

function apiProperty<T>(opts: Omit<Common<T>, 'example'> & { example?: T }, extra: Record<string, unknown>): PropertyDecorator {
  const base = { example: opts.example, description: opts.description, nullable: opts.nullable, ...extra };
  return opts.optional ? ApiPropertyOptional(base) : ApiProperty(base);
}

function presence<T>(opts: Pick<Common<T>, 'optional' | 'nullable'>): PropertyDecorator[] {
  if (opts.nullable) return [IsOptional()];
  // Not IsOptional(): it also waves null through, which then reaches NOT NULL columns as a 500.
  if (opts.optional) return [ValidateIf((_object, value) => value !== undefined)];
  return [];
}

export function StringField(
  opts: Common<string> & { minLength?: number; maxLength: number; pattern?: RegExp; trim?: boolean },
): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: String, minLength: opts.minLength, maxLength: opts.maxLength, pattern: opts.pattern?.source }),
    ...presence(opts),
    ...(opts.trim === false ? [] : [Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))]),
    IsString(),
    ...(opts.minLength !== undefined ? [MinLength(opts.minLength)] : []),
    MaxLength(opts.maxLength),
    TextOnly(opts.maxLength),
    ...(opts.pattern ? [Matches(opts.pattern)] : []),
  );
}

export function EmailField(opts: Common<string>): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: String, format: 'email', maxLength: 254 }),
    ...presence(opts),
    // NFKC first: fullwidth and other compatibility forms become the address they imitate.
    Transform(({ value }) => (typeof value === 'string' ? normalizeEmail(value) : value)),
    IsString(),
    MaxLength(254),
    IsEmail({}, { message: 'must be an email address' }),
    ValidateBy({
      name: 'singleScriptEmail',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || !hasMixedScriptLocalPart(value),
        defaultMessage: () => 'must not mix letters of different scripts (such as Latin and Cyrillic) before the @',
      },
    }),
  );
}

export function IntField(opts: Common<number> & { min: number; max: number }): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: 'integer', minimum: opts.min, maximum: opts.max }),
    ...presence(opts),
    IsInt({ message: 'must be an integer' }),
    Min(opts.min),
    Max(opts.max),
  );
}

/** An integer read from a query string ("20" -> 20); anything not a plain integer is rejected. */
export function IntQuery(opts: Common<number> & { min: number; max: number; default?: number }): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', example: opts.example, minimum: opts.min, maximum: opts.max, default: opts.default, description: opts.description }),
    IsOptional(),
    Transform(({ value }) => (typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value)),
    IsInt({ message: 'must be an integer' }),
    Min(opts.min),
    Max(opts.max),
  );
}

/** A boolean read from a query string: only `true` or `false`. */
export function BoolQuery(opts: Common<boolean>): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: Boolean, example: opts.example, description: opts.description }),
    IsOptional(),
    Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value)),
    IsBoolean({ message: 'must be true or false' }),
  );
}

export function BoolField(opts: Common<boolean>): PropertyDecorator {
  return applyDecorators(apiProperty(opts, { type: Boolean }), ...presence(opts), IsBoolean({ message: 'must be true or false' }));
}

export function EnumField<T extends string>(values: readonly T[], opts: Common<T> & { enumName: string }): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { enum: values, enumName: opts.enumName }),
    ...presence(opts),
    IsEnum(Object.fromEntries(values.map((v) => [v, v])), { message: `must be one of: ${values.join(', ')}` }),
  );
}

export function UuidField(opts: Common<string>): PropertyDecorator {
  return applyDecorators(apiProperty(opts, { type: String, format: 'uuid' }), ...presence(opts), IsUUID('all', { message: 'must be a UUID' }));
}

export function UuidArrayField(opts: Common<string[]> & { maxItems: number }): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: String, format: 'uuid', isArray: true, maxItems: opts.maxItems }),
    ...presence(opts),
    ArrayMinSize(1),
    ArrayMaxSize(opts.maxItems),
    IsUUID('all', { each: true, message: 'must contain only UUIDs' }),
  );
}

export function DateTimeField(opts: Common<string>): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: String, format: 'date-time' }),
    ...presence(opts),
    IsISO8601({ strict: true }, { message: 'must be an ISO 8601 date-time with offset' }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: 'must include a time-zone offset' }),
  );
}

export function UrlField(opts: Common<string> & { maxLength: number }): PropertyDecorator {
  return applyDecorators(
    apiProperty(opts, { type: String, format: 'uri', maxLength: opts.maxLength }),
    ...presence(opts),
    IsString(),
    MaxLength(opts.maxLength),
    IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'must be an http(s) URL' }),
  );
}

/** A nested object (or array of them); its example comes from the nested class's own fields unless given. */
export function NestedField<T>(
  classOf: () => new () => T,
  opts: Omit<Common<object>, 'example'> & { example?: object; isArray?: boolean; maxItems?: number },
): PropertyDecorator {
  // @nestjs/swagger treats a function as a lazy type only when the function is named `type`;
  // an anonymous arrow becomes an empty "$ref": "#/components/schemas/".
  const lazy = { type: () => classOf() };
  return applyDecorators(
    apiProperty(opts, { type: lazy.type, isArray: opts.isArray, maxItems: opts.maxItems }),
    ...presence(opts),
    // ValidateNested alone accepts an array where one object is expected (and checks each element),
    // so `"shippingAddress": []` passed validation and was stored as the address.
    ...(opts.isArray
      ? [IsArray({ message: 'must be an array' }), IsObject({ each: true, message: 'must contain only objects' })]
      : [IsObject({ message: 'must be an object' })]),
    ValidateNested({ each: opts.isArray }),
    Type(classOf),
    ...(opts.isArray ? [ArrayMinSize(1), ArrayMaxSize(opts.maxItems ?? 100)] : []),
  );
}
