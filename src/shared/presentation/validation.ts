import { ParseUUIDPipe, Param, ValidationError as ClassValidationError, ValidationPipe } from '@nestjs/common';
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

/** Whitelists DTO fields, rejects unknown ones, and turns every failure into a 400 naming the field. */
export const apiValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
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
