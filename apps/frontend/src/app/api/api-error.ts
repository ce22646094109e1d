import { HttpErrorResponse } from '@angular/common/http';

export interface ApiFieldError {
  readonly field: string;
  readonly reason: string;
}

/** The API's one error envelope, `{ statusCode, code, message, errors? }`, as the app sees it. */
export interface ApiError {
  /** 0 when the request never reached the server (offline, connection refused). */
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
  readonly errors: readonly ApiFieldError[];
}

/** Reads the envelope out of whatever a failed request or a resource reports. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    const body = error.error as Partial<ApiError> | string | null;
    const envelope = typeof body === 'object' && body !== null ? body : null;
    return {
      statusCode: error.status,
      code: typeof envelope?.code === 'string' ? envelope.code : error.status ? `http_${error.status}` : 'network_error',
      message: typeof envelope?.message === 'string' ? envelope.message : error.message,
      errors: Array.isArray(envelope?.errors)
        ? envelope.errors.filter((e) => typeof e?.field === 'string' && typeof e?.reason === 'string')
        : [],
    };
  }
  return {
    statusCode: 0,
    code: 'unexpected_response',
    message: error instanceof Error ? error.message : String(error),
    errors: [],
  };
}
