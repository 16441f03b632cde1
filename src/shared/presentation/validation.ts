import { ArgumentMetadata, ParseUUIDPipe, Param, Type, ValidationError as ClassValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { DomainError, FieldError } from '../domain/domain-error';

function flatten(errors: ClassValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.value === undefined && error.constraints && !error.constraints.whitelistValidation) {
      return [{ field, message: 'is required' }];
    }
    const own = Object.values(error.constraints ?? {}).map((message) => ({
      field,
      // class-validator starts messages with the property name; keep the message about the value.
      message: message.startsWith(`${error.property} `) ? message.slice(error.property.length + 1) : message,
    }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationFailed(errors: FieldError[]): DomainError {
  const summary = errors.map((e) => `${e.field} ${e.message}`).join('; ');
  return new DomainError('validation', 'validation_failed', `Validation failed: ${summary}`, {}, errors);
}

const isEmptyObject = (value: unknown): value is object =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;

/**
 * A request without a query string (GET /cart, most lists) has nothing to validate beyond what
 * the DTO class says of an empty query, which does not change: its first empty query is
 * validated as any other and the answer kept for the class. When it passed, later empty
 * queries skip class-validator (~70 us a request) and get the same instance class-transformer
 * builds; when it failed (a required parameter), they are validated and refused as before. A
 * query with any parameter is always validated.
 */
class ApiValidationPipe extends ValidationPipe {
  private readonly emptyQueryPasses = new WeakMap<Type<unknown>, boolean>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const metatype = metadata.metatype;
    if (metadata.type !== 'query' || !metatype || !isEmptyObject(value) || !this.toValidate(metadata)) return super.transform(value, metadata);
    let passes = this.emptyQueryPasses.get(metatype);
    if (passes === undefined) {
      passes = await super.transform({}, metadata).then(
        () => true,
        () => false,
      );
      this.emptyQueryPasses.set(metatype, passes);
    }
    return passes ? plainToInstance(metatype, {}, this.transformOptions) : super.transform(value, metadata);
  }
}

/** Whitelists DTO fields, rejects unknown ones, and turns every failure into a 400 naming the field. */
export const apiValidationPipe = (): ValidationPipe =>
  new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors).map((e) =>
        e.message.startsWith('property ') && e.message.endsWith('should not exist')
          ? { field: e.field, message: 'is not an allowed field' }
          : e,
      );
      return validationFailed(fieldErrors);
    },
  });

/** A path parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name = 'id'): ParameterDecorator =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () => validationFailed([{ field: name, message: 'must be a UUID' }]),
    }),
  );
