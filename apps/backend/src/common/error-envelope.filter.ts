import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { SearchUnavailableError } from '@jobportal/search';
import type { Response } from 'express';
import { isDatabaseUnavailable } from '../database/database-errors';

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

/**
 * body-parser failures (malformed JSON, a body over the limit, an unknown charset) carry a `type`;
 * they reach the filter as they are or wrapped in an HttpException. The body is the field at fault.
 */
function bodyParserError(exception: unknown): ErrorEnvelope | null {
  const candidates = [exception, (exception as { cause?: unknown })?.cause];
  for (const c of candidates) {
    const type = (c as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') continue;
    const detail = c instanceof Error ? c.message : type;
    if (type === 'entity.parse.failed') {
      const reason = `is not valid JSON (${detail}); send a JSON object`;
      return { statusCode: 400, code: 'validation_failed', message: `body: ${reason}`, errors: [{ field: 'body', reason }] };
    }
    if (type === 'entity.too.large') return { statusCode: 413, code: 'payload_too_large', message: 'The request body is larger than this endpoint accepts.' };
    if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
      return { statusCode: 415, code: 'unsupported_media_type', message: `${detail}; send UTF-8 JSON.` };
    }
    if (type === 'parameters.too.many' || type === 'request.size.invalid' || type === 'request.aborted') {
      return { statusCode: 400, code: 'validation_failed', message: `body: ${detail}`, errors: [{ field: 'body', reason: detail }] };
    }
  }
  return null;
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
    // A route that declared another type (the HTML unsubscribe page) must not serve its error as that type.
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.status(body.statusCode).json(body);
  }

  private toEnvelope(exception: unknown): ErrorEnvelope {
    const parse = bodyParserError(exception);
    if (parse) return parse;
    if (exception instanceof SearchUnavailableError) {
      return { statusCode: 503, code: exception.code, message: 'Search is temporarily unavailable; try again in a few seconds.' };
    }
    // PostgreSQL lost mid-request outside the account interceptors (the session guard runs before them).
    if (!(exception instanceof HttpException) && isDatabaseUnavailable(exception)) {
      return { statusCode: 503, code: 'database_unavailable', message: 'The account database is temporarily unavailable; try again in a few seconds.' };
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
      // Our own 400s are coded; an uncoded one is the framework's: body-parser's SyntaxError (bad
      // JSON) or Express's URIError (a path parameter with a broken %-escape), mapped by Nest.
      if (status === 400) {
        const field = /decode param/i.test(message) ? 'path' : 'body';
        const reason = field === 'body' ? `is not valid JSON (${message}); send a JSON object` : `has a malformed %-escape (${message})`;
        return { statusCode: 400, code: 'validation_failed', message: `${field}: ${reason}`, errors: [{ field, reason }] };
      }
      return { statusCode: status, code: CODE_BY_STATUS[status] ?? 'error', message };
    }
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal_error', message: 'Something went wrong on our side; it has been logged.' };
  }
}
