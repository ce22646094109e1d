import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { tap } from 'rxjs';

import { AuthState } from './auth-state';
import { loginUrlTree } from './auth.guard';

/** Requests whose 401 is an answer, not a lost session: asking who is signed in, signing in. */
const NO_REDIRECT = /\/api\/(me$|auth\/)/;

/**
 * Sends the session cookie with API calls, and when the API answers 401 (the session expired or
 * was revoked elsewhere) marks the user signed out and sends them to log in, back here afterwards.
 */
export const credentialsInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.includes('/api/')) return next(request);
  const auth = inject(AuthState);
  const router = inject(Router);
  return next(request.clone({ withCredentials: true })).pipe(
    tap({
      error: (error: unknown) => {
        if (!(error instanceof HttpErrorResponse) || error.status !== 401) return;
        const path = request.url.split('?')[0];
        if (NO_REDIRECT.test(path)) return;
        auth.markSignedOut();
        void router.navigateByUrl(loginUrlTree(router, router.url));
      },
    }),
  );
};
