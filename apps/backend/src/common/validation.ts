import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiError, type FieldError } from './error-envelope.filter';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    // List items read as in code: items[3].title.
    const field = !parent ? e.property : /^\d+$/.test(e.property) ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    const own = Object.values(e.constraints ?? {}).map((reason) => ({ field, reason }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** One global pipe: unknown fields are rejected, and every failure lists the field and the reason. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      return new ApiError(400, 'validation_failed', fieldErrors.map((e) => `${e.field}: ${e.reason}`).join('; '), fieldErrors);
    },
  });
}
