import { Component, ElementRef, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, type ValidationErrors, Validators, type AbstractControl } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import type { CodeChallenge, LoginRequest, Me } from '@jobportal/contracts';

import { toApiError } from '../../api/api-error';
import { AccountsApi, retryAfterSeconds } from '../accounts-api';
import { AuthState } from '../auth-state';
import { safeReturnUrl } from '../auth.guard';
import { CodeEntry, formatWait } from './code-entry';
import { E164_PATTERN, normalizePhone, focusFirstInvalidField } from './identifiers';

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function phoneOrEmail(control: AbstractControl<string>): ValidationErrors | null {
  const value = control.value.trim();
  if (!value) return null;
  if (value.includes('@')) return EMAIL_PATTERN.test(value) ? null : { email: true };
  return E164_PATTERN.test(value) ? null : { phone: true };
}

/** Log in with a code sent to the phone or e-mail, or one from the authenticator app. */
@Component({
  selector: 'app-login-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatInputModule, CodeEntry],
  templateUrl: './login-page.html',
  styleUrl: './auth-card.scss',
})
export class LoginPage {
  private readonly api = inject(AccountsApi);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Bound from the query string: where to go once logged in. */
  readonly returnUrl = input<string>();

  protected readonly form = new FormGroup({
    identifier: new FormControl('', { nonNullable: true, validators: [Validators.required, phoneOrEmail] }),
    useApp: new FormControl(false, { nonNullable: true }),
  });
  protected readonly challenge = signal<CodeChallenge | null>(null);
  protected readonly sending = signal(false);
  protected readonly formError = signal('');

  protected async sendCode(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) {
      focusFirstInvalidField(this.host.nativeElement);
      return;
    }
    const { identifier, useApp } = this.form.getRawValue();
    const value = identifier.trim();
    const request: LoginRequest = value.includes('@') ? { email: value } : { phone: normalizePhone(value) };
    if (useApp) request.channel = 'app';
    this.sending.set(true);
    this.formError.set('');
    try {
      this.challenge.set(await this.api.login(request));
    } catch (error) {
      const apiError = toApiError(error);
      const wait = retryAfterSeconds(error);
      const reason = apiError.errors[0]?.reason;
      this.formError.set(
        apiError.statusCode === 429 && wait
          ? `Too many attempts. Try again in ${formatWait(wait)}.`
          : reason
            ? `${apiError.errors[0].field === 'email' ? 'E-mail address' : 'Phone number'} ${reason}.`
            : apiError.message,
      );
    } finally {
      this.sending.set(false);
    }
  }

  protected finishLogin(me: Me): void {
    this.auth.signedInAs(me);
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
  }

  protected startAgain(): void {
    this.challenge.set(null);
  }
}
