import { InjectionToken } from '@angular/core';

/**
 * Origin (and optional path prefix) the backend API is served from, without the `/api` part.
 * The default '' means "same origin": in production the backend serves this app, and in
 * development `ng serve` proxies /api to it (proxy.conf.json). Provide another value only
 * where the API really lives elsewhere.
 */
export const API_BASE_URL = new InjectionToken<string>('API_BASE_URL', {
  providedIn: 'root',
  factory: () => '',
});

/** Joins the configured base URL and an `/api/...` path without doubling slashes. */
export function apiUrl(baseUrl: string, path: `/api/${string}`): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
