import { Component, ElementRef, inject, input, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { ACCOUNT_LIMITS, type CodeChallenge, type Me } from '@jobportal/contracts';

import { toApiError } from '../../api/api-error';
import { AccountsApi, retryAfterSeconds } from '../accounts-api';
import { AuthState } from '../auth-state';
import { safeReturnUrl } from '../auth.guard';
import { CodeEntry, formatWait } from './code-entry';
import { applyFieldErrors, normalizePhone, E164_PATTERN, focusFirstInvalidField } from './identifiers';

/** Create an account: name, phone (verified by a text message code) and an optional e-mail. */
@Component({
  selector: 'app-signup-page',
  imports: [ReactiveFormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, CodeEntry],
  templateUrl: './signup-page.html',
  styleUrl: './auth-card.scss',
})
export class SignupPage {
  private readonly api = inject(AccountsApi);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  /** Bound from the query string: where to go once signed up. */
  readonly returnUrl = input<string>();

  protected readonly limits = ACCOUNT_LIMITS;
  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.maxLength(ACCOUNT_LIMITS.nameMax)] }),
    phone: new FormControl('', { nonNullable: true, validators: [Validators.required, Validators.pattern(E164_PATTERN)] }),
    email: new FormControl('', { nonNullable: true, validators: [Validators.email, Validators.maxLength(ACCOUNT_LIMITS.emailMax)] }),
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
    const { name, phone, email } = this.form.getRawValue();
    this.sending.set(true);
    this.formError.set('');
    try {
      this.challenge.set(
        await this.api.signup({ name: name.trim(), phone: normalizePhone(phone), email: email.trim() || undefined }),
      );
    } catch (error) {
      const apiError = toApiError(error);
      const wait = retryAfterSeconds(error);
      if (!applyFieldErrors(this.form, apiError.errors)) {
        this.formError.set(
          apiError.statusCode === 429 && wait ? `Too many attempts. Try again in ${formatWait(wait)}.` : apiError.message,
        );
      }
    } finally {
      this.sending.set(false);
    }
  }

  protected finishSignup(me: Me): void {
    this.auth.signedInAs(me);
    void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()) === '/' ? '/account' : safeReturnUrl(this.returnUrl()));
  }

  protected startAgain(): void {
    this.challenge.set(null);
  }
}
