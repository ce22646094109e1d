import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { SearchUnavailableError } from '@jobportal/search';
import type { Response } from 'express';

export interface FieldError {
  field: string;
  reason: string;
}

/** The one error shape of the API: { statusCode, code, message, errors? }. */
export interface ErrorEnvelope {
  statusCode: number;
  code: string;
  message: string;
  errors?: FieldError[];
}

const CODE_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/** An HttpException that carries the envelope's code and field errors. */
export class ApiError extends HttpException {
  constructor(status: number, code: string, message: string, errors?: FieldError[]) {
    super({ statusCode: status, code, message, ...(errors ? { errors } : {}) }, status);
  }
}

@Catch()
export class ErrorEnvelopeFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost) {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toEnvelope(exception);
    if (body.statusCode >= 500 && body.statusCode !== 503) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (body.statusCode === 503) res.setHeader('Retry-After', '5');
    res.status(body.statusCode).json(body);
  }

  private toEnvelope(exception: unknown): ErrorEnvelope {
    if (exception instanceof SearchUnavailableError) {
      return { statusCode: 503, code: exception.code, message: 'Search is temporarily unavailable; try again in a few seconds.' };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response) {
        return response as ErrorEnvelope;
      }
      const message =
        typeof response === 'string'
          ? response
          : Array.isArray((response as { message?: unknown }).message)
            ? ((response as { message: string[] }).message).join('; ')
            : String((response as { message?: unknown }).message ?? exception.message);
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'error', message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
  }
}
