import { Injectable, computed, inject, signal } from '@angular/core';
import type { Me } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { AccountsApi } from './accounts-api';

export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

/**
 * Who is signed in, from GET /api/me. The session itself is an httpOnly cookie the app never
 * sees; a 401 from any request means it ended (see credentials.interceptor.ts).
 */
@Injectable({ providedIn: 'root' })
export class AuthState {
  private readonly api = inject(AccountsApi);
  private readonly currentUser = signal<Me | null>(null);
  private readonly currentStatus = signal<AuthStatus>('unknown');
  private loading: Promise<void> | null = null;

  readonly user = this.currentUser.asReadonly();
  readonly status = this.currentStatus.asReadonly();
  readonly signedIn = computed(() => this.currentStatus() === 'signed-in');
  /** The first name, for the toolbar. */
  readonly firstName = computed(() => this.currentUser()?.name.trim().split(/\s+/)[0] ?? '');

  /** Resolves once it is known whether someone is signed in (asks the API the first time). */
  whenKnown(): Promise<void> {
    if (this.currentStatus() !== 'unknown') return Promise.resolve();
    return this.refresh();
  }

  refresh(): Promise<void> {
    this.loading ??= this.api
      .me()
      .then((me) => this.signedInAs(me))
      .catch((error: unknown) => {
        // Only a 401 says "signed out"; with the API unreachable, nobody is known to be signed in either.
        const { statusCode } = toApiError(error);
        if (statusCode !== 401) console.warn('Could not load the signed-in user', statusCode);
        this.markSignedOut();
      })
      .finally(() => (this.loading = null));
    return this.loading;
  }

  signedInAs(me: Me): void {
    this.currentUser.set(me);
    this.currentStatus.set('signed-in');
  }

  markSignedOut(): void {
    this.currentUser.set(null);
    this.currentStatus.set('signed-out');
  }

  async logOut(): Promise<void> {
    try {
      await this.api.logout();
    } finally {
      this.markSignedOut();
    }
  }
}
