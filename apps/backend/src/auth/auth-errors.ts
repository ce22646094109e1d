import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable } from 'rxjs';
import { ApiError, type FieldError } from '../common/error-envelope.filter';
import { databaseUnavailable, isDatabaseUnavailable } from '../database/database.module';

/** A 429 that tells the client when to try again (Retry-After, in seconds). */
export class RateLimitedError extends ApiError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterS: number,
    errors?: FieldError[],
  ) {
    super(429, code, message, errors);
  }
}

/** The same 400 shape the global ValidationPipe produces, for rules a DTO cannot express. */
export function invalidField(field: string, reason: string, code = 'validation_failed', status = 400): ApiError {
  return new ApiError(status, code, `${field}: ${reason}`, [{ field, reason }]);
}

/**
 * For the account controllers: 429s carry Retry-After, and a PostgreSQL that went away mid-request
 * is a 503 with a code rather than a 500.
 */
@Injectable()
export class AccountErrorsInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        if (err instanceof RateLimitedError) {
          context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(Math.max(1, Math.ceil(err.retryAfterS))));
        }
        if (!(err instanceof ApiError) && isDatabaseUnavailable(err)) throw databaseUnavailable();
        throw err;
      }),
    );
  }
}

export function seconds(n: number): string {
  return n === 1 ? '1 second' : `${n} seconds`;
}
