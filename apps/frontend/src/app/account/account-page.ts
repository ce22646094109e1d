import { DatePipe } from '@angular/common';
import { Component, inject, resource, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { CODE_LENGTH, type SessionInfo, type TotpEnrollment } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { CareerPlansList } from '../careers/career-plans-list';
import { AccountsApi } from './accounts-api';
import { AuthState } from './auth-state';

/** A short, readable device name from a user-agent string: "Chrome on Linux". */
export function describeDevice(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && os ? `${browser} on ${os}` : (browser ?? os ?? userAgent.slice(0, 60));
}

/** The signed-in user's profile, authenticator app, sessions, and logging out. */
@Component({
  selector: 'app-account-page',
  imports: [DatePipe, ReactiveFormsModule, CareerPlansList, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  templateUrl: './account-page.html',
  styleUrl: './account-page.scss',
})
export class AccountPage {
  private readonly api = inject(AccountsApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly auth = inject(AuthState);

  protected readonly codeLength = CODE_LENGTH;
  protected readonly describeDevice = describeDevice;
  protected readonly sessions = resource({ loader: () => this.api.sessions() });

  protected readonly enrollment = signal<TotpEnrollment | null>(null);
  protected readonly totpCode = new FormControl('', { nonNullable: true });
  protected readonly totpError = signal('');
  protected readonly totpBusy = signal(false);
  protected readonly showSecret = signal(false);

  protected async startTotpSetup(): Promise<void> {
    this.totpBusy.set(true);
    this.totpError.set('');
    try {
      this.enrollment.set(await this.api.startTotpEnrollment());
      this.totpCode.setValue('');
    } catch (error) {
      this.totpError.set(toApiError(error).message);
    } finally {
      this.totpBusy.set(false);
    }
  }

  protected async confirmTotp(): Promise<void> {
    const code = this.totpCode.value.replace(/\D/g, '');
    if (code.length !== CODE_LENGTH) {
      this.totpError.set(`Enter the ${CODE_LENGTH}-digit code your app shows.`);
      return;
    }
    this.totpBusy.set(true);
    this.totpError.set('');
    try {
      this.auth.signedInAs(await this.api.confirmTotp(code));
      this.enrollment.set(null);
      this.snackBar.open('Authenticator app turned on', undefined, { duration: 3000 });
    } catch (error) {
      const apiError = toApiError(error);
      this.totpError.set(
        apiError.code === 'invalid_code' || apiError.statusCode === 400
          ? 'That code does not match. Check the clock on your phone and try the newest code.'
          : apiError.message,
      );
    } finally {
      this.totpBusy.set(false);
    }
  }

  protected cancelTotpSetup(): void {
    this.enrollment.set(null);
    this.totpError.set('');
  }

  protected async turnOffTotp(): Promise<void> {
    if (!confirm('Turn off log-in with your authenticator app? You can still log in with a code by text or e-mail.')) return;
    this.totpBusy.set(true);
    try {
      this.auth.signedInAs(await this.api.disableTotp());
      this.snackBar.open('Authenticator app turned off', undefined, { duration: 3000 });
    } catch (error) {
      this.totpError.set(toApiError(error).message);
    } finally {
      this.totpBusy.set(false);
    }
  }

  protected async signOutSession(session: SessionInfo): Promise<void> {
    try {
      await this.api.revokeSession(session.id);
      this.sessions.update((list) => list?.filter((s) => s.id !== session.id));
      this.snackBar.open(`Signed out ${describeDevice(session.userAgent)}`, undefined, { duration: 3000 });
    } catch (error) {
      this.snackBar.open(`Could not sign out that session: ${toApiError(error).message}`, 'Dismiss', { duration: 6000 });
    }
  }

  protected async signOutOtherSessions(): Promise<void> {
    const others = (this.sessions.value() ?? []).filter((s) => !s.current);
    const results = await Promise.allSettled(others.map((s) => this.api.revokeSession(s.id)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    this.sessions.reload();
    this.snackBar.open(
      failed ? `${failed} sessions could not be signed out` : 'Signed out everywhere else',
      undefined,
      { duration: 3000 },
    );
  }

  protected async logOut(): Promise<void> {
    await this.auth.logOut();
    void this.router.navigateByUrl('/');
  }

  protected otherSessionCount(sessions: readonly SessionInfo[]): number {
    return sessions.filter((s) => !s.current).length;
  }
}
