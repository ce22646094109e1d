import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';

import { AuthState } from './auth-state';

/** /login?returnUrl=..., where returnUrl is only ever a path inside this app. */
export function loginUrlTree(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree(['/login'], { queryParams: { returnUrl: safeReturnUrl(returnUrl) } });
}

/** A same-app path to go back to after signing in; anything else (another site, //host) is home. */
export function safeReturnUrl(value: string | null | undefined): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/login') && !value.startsWith('/signup')
    ? value
    : '/';
}

/** Pages of the signed-in user: everyone else goes to log in first and comes back. */
export const requireSignIn: CanActivateFn = async (_route, state) => {
  const auth = inject(AuthState);
  const router = inject(Router);
  await auth.whenKnown();
  return auth.signedIn() ? true : loginUrlTree(router, state.url);
};

/** The log-in and sign-up pages: someone already signed in goes where they were heading. */
export const redirectIfSignedIn: CanActivateFn = async (route) => {
  const auth = inject(AuthState);
  const router = inject(Router);
  await auth.whenKnown();
  return auth.signedIn() ? router.parseUrl(safeReturnUrl(route.queryParamMap.get('returnUrl'))) : true;
};
