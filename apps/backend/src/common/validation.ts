import { ValidationError, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiError, type ErrorEnvelope, type FieldError } from './error-envelope.filter';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    // List items read as in code: items[3].title.
    // A key that is the empty string is still named, as "" (a blank field would name nothing).
    const property = e.property === '' ? '""' : e.property;
    const field = !parent ? property : /^\d+$/.test(property) ? `${parent}[${property}]` : `${parent}.${property}`;
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first string in a parsed body or query that is not well-formed UTF-16 (a lone surrogate), with its path. */
export function findMalformedText(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return LONE_SURROGATE.test(value) ? path || 'body' : null;
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) {
      const hit = findMalformedText(v, `${path}[${i}]`);
      if (hit) return hit;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const hit = findMalformedText(k, path ? `${path}.${k}` : k) ?? findMalformedText(v, path ? `${path}.${k}` : k || '""');
      if (hit) return hit;
    }
  }
  return null;
}

/**
 * JSON may carry "\ud800" (half a character). Such text cannot be stored, indexed or sent on, and
 * some validators throw on it (validator's isEmail calls encodeURI); refuse it up front by field.
 */
export function rejectMalformedText(req: Request, res: Response, next: NextFunction): void {
  const field = findMalformedText(req.body) ?? findMalformedText(req.query);
  if (!field) return next();
  const reason = 'contains an unpaired UTF-16 surrogate (not valid Unicode text)';
  const body: ErrorEnvelope = { statusCode: 400, code: 'validation_failed', message: `${field}: ${reason}`, errors: [{ field, reason }] };
  res.status(400).json(body);
}
