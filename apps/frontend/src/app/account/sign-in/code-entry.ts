import { Component, DestroyRef, ElementRef, afterNextRender, computed, inject, input, model, output, signal, viewChild } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { type CodeChallenge, CODE_LENGTH, type Me } from '@jobportal/contracts';

import { type ApiError, toApiError } from '../../api/api-error';
import { AccountsApi, retryAfterSeconds } from '../accounts-api';

/** What a failed verify or resend means to the person typing the code, by the API's error code. */
export function codeErrorMessage(error: ApiError, retryAfter: number | null): string {
  const reason = error.errors[0]?.reason;
  switch (error.code) {
    case 'invalid_code':
      return reason ? `That is ${reason.replace(/^is /, '')}.` : 'That is not the code we sent.';
    case 'too_many_attempts':
      return 'This code had too many wrong tries and no longer works. Send a new code.';
    case 'locked':
      return retryAfter ? `Too many wrong codes. Try again in ${formatWait(retryAfter)}.` : error.message;
    case 'challenge_expired':
      return 'This code has expired. Send a new code.';
    case 'challenge_used':
      return 'This code has already been used. Start again to get a new one.';
    case 'challenge_not_found':
      return 'This code request is no longer known. Start again to get a new code.';
    case 'validation_failed':
      return `Enter the ${CODE_LENGTH}-digit code.`;
    case 'email_taken':
      return 'That e-mail address belongs to another account. Go back and use another one, or leave it out.';
    default:
      if (error.statusCode === 429 && retryAfter) return `Too many requests. Try again in ${formatWait(retryAfter)}.`;
      if (error.statusCode === 0 || error.statusCode >= 500) return 'We could not check the code right now. Try again in a moment.';
      return error.message;
  }
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}

/** The second step of sign-up and log-in: type the code, or have a new one sent after the cooldown. */
@Component({
  selector: 'app-code-entry',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule],
  template: `
    <form class="code-form" (submit)="$event.preventDefault(); verifyCode()" novalidate>
      <p class="lead">
        @if (challenge().channel === 'app') {
          Open your authenticator app and enter the {{ challenge().codeLength }}-digit code it shows for Job Portal.
        } @else {
          We sent a {{ challenge().codeLength }}-digit code by {{ challenge().channel === 'sms' ? 'text message' : 'e-mail' }}
          @if (challenge().sentTo) {
            to <strong>{{ challenge().sentTo }}</strong>
          }. It works for {{ validMinutes() }} minutes.
        }
      </p>

      <mat-form-field appearance="outline" class="code-field">
        <mat-label>{{ challenge().codeLength }}-digit code</mat-label>
        <input
          #codeInput
          matInput
          [formControl]="code"
          inputmode="numeric"
          autocomplete="one-time-code"
          [attr.maxlength]="challenge().codeLength"
          [attr.aria-invalid]="!!errorMessage()"
          aria-describedby="code-error"
          spellcheck="false"
        />
      </mat-form-field>

      <p id="code-error" class="form-error" role="alert">{{ errorMessage() }}</p>

      <div class="actions">
        <button mat-flat-button type="submit" [disabled]="verifying()">
          {{ verifying() ? 'Checking…' : submitLabel() }}
        </button>
        @if (challenge().channel !== 'app') {
          <button mat-stroked-button type="button" [disabled]="secondsLeft() > 0 || resending()" (click)="resendCode()">
            @if (secondsLeft() > 0) {
              Send a new code in {{ secondsLeft() }} s
            } @else {
              Send a new code
            }
          </button>
        }
        <button mat-button type="button" (click)="startOver.emit()">Start again</button>
      </div>
      <p class="visually-hidden" aria-live="polite">{{ resentNotice() }}</p>
      @if (resentNotice()) {
        <p class="notice-ok" aria-hidden="true">{{ resentNotice() }}</p>
      }
    </form>
  `,
  styles: `
    .lead { margin: 0 0 1rem; }
    .code-field { width: 12rem; }
    .code-field input { font-size: 1.5rem; letter-spacing: 0.3em; font-variant-numeric: tabular-nums; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; }
    .form-error { color: var(--mat-sys-error); min-height: 1.25rem; margin: 0 0 0.75rem; }
    .form-error:empty { margin: 0; }
    .notice-ok { color: var(--mat-sys-on-surface-variant); }
  `,
})
export class CodeEntry {
  private readonly api = inject(AccountsApi);
  private readonly codeInput = viewChild.required<ElementRef<HTMLInputElement>>('codeInput');

  /** The current challenge; a resend replaces it with the new one. */
  readonly challenge = model.required<CodeChallenge>();
  readonly submitLabel = input('Continue');
  readonly verified = output<Me>();
  readonly startOver = output<void>();

  protected readonly code = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly verifying = signal(false);
  protected readonly resending = signal(false);
  protected readonly errorMessage = signal('');
  protected readonly resentNotice = signal('');

  private readonly now = signal(Date.now());
  private readonly resendAt = signal(0);
  protected readonly validMinutes = computed(() =>
    Math.max(1, Math.round((Date.parse(this.challenge().expiresAt) - Date.now()) / 60_000)),
  );
  protected readonly secondsLeft = computed(() => Math.max(0, Math.ceil((this.resendAt() - this.now()) / 1000)));

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), 1000);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
    afterNextRender(() => {
      this.startCooldown(this.challenge().resendAfter);
      this.codeInput().nativeElement.focus();
    });
  }

  private startCooldown(seconds: number): void {
    this.now.set(Date.now());
    this.resendAt.set(Date.now() + seconds * 1000);
  }

  protected async verifyCode(): Promise<void> {
    const code = this.code.value.replace(/\D/g, '');
    const length = this.challenge().codeLength;
    if (code.length !== length) {
      this.errorMessage.set(`Enter the ${length}-digit code${this.code.value ? ' (digits only)' : ''}.`);
      this.codeInput().nativeElement.focus();
      return;
    }
    this.verifying.set(true);
    this.errorMessage.set('');
    try {
      const me = await this.api.verify({ challengeId: this.challenge().challengeId, code });
      this.verified.emit(me);
    } catch (error) {
      this.errorMessage.set(codeErrorMessage(toApiError(error), retryAfterSeconds(error)));
      this.code.setValue('');
      this.codeInput().nativeElement.focus();
    } finally {
      this.verifying.set(false);
    }
  }

  protected async resendCode(): Promise<void> {
    this.resending.set(true);
    this.resentNotice.set('');
    try {
      const challenge = await this.api.resend(this.challenge().challengeId);
      this.challenge.set(challenge);
      this.startCooldown(challenge.resendAfter);
      this.errorMessage.set('');
      this.code.setValue('');
      this.resentNotice.set('A new code is on its way. The previous one no longer works.');
      this.codeInput().nativeElement.focus();
    } catch (error) {
      const apiError = toApiError(error);
      const wait = retryAfterSeconds(error);
      if (apiError.code === 'resend_too_soon' && wait) {
        this.startCooldown(wait);
        this.errorMessage.set(`A new code can be sent in ${formatWait(wait)}.`);
      } else {
        if (wait) this.startCooldown(wait);
        this.errorMessage.set(codeErrorMessage(apiError, wait));
      }
    } finally {
      this.resending.set(false);
    }
  }
}
