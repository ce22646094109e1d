import { Component, inject, input, linkedSignal, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { CAREER_PLAN_LIMITS, type CreateCareerPlanRequest } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { AuthState } from '../account/auth-state';
import { CareersApi } from './careers-api';

/** "Save as career plan" for a signed-in user; a signed-out one is offered to log in. */
@Component({
  selector: 'app-save-career-plan',
  imports: [FormsModule, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <section class="save-plan" aria-labelledby="save-plan-heading">
      <h3 id="save-plan-heading">Keep this result</h3>
      @if (!auth.signedIn()) {
        <p>
          <a [routerLink]="['/login']" [queryParams]="{ returnUrl: '/careers' }">Log in</a> to save this result as a career plan
          and find it again on your account page.
        </p>
      } @else if (savedId()) {
        <p role="status">
          Saved as a career plan. <a [routerLink]="['/careers/plans', savedId()]">Open it</a> or find it on
          <a routerLink="/account">your account page</a>.
        </p>
      } @else {
        <form class="save-form" (ngSubmit)="savePlan()">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Plan name</mat-label>
            <input matInput name="planName" [ngModel]="name()" (ngModelChange)="name.set($event)" [maxlength]="nameMax" required />
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy() || !name().trim()">
            <mat-icon svgIcon="bookmark" aria-hidden="true" /> Save as career plan
          </button>
        </form>
        @if (error()) {
          <p class="error" role="alert">{{ error() }}</p>
        }
        <p class="note">We keep the occupations, the skills we found and your choices, never your resume or its text.</p>
      }
    </section>
  `,
  styles: `
    .save-plan {
      margin-top: 1.5rem;
      padding: 1rem 1.25rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container);
    }

    h3 {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-title-medium);
    }

    .save-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
    }

    .note {
      margin: 0.5rem 0 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }

    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class SaveCareerPlan {
  private readonly api = inject(CareersApi);
  protected readonly auth = inject(AuthState);

  /** The plan to save, without its name. */
  readonly plan = input.required<Omit<CreateCareerPlanRequest, 'name'>>();
  readonly defaultName = input('My career plan');

  protected readonly nameMax = CAREER_PLAN_LIMITS.nameMax;
  protected readonly name = linkedSignal(() => this.defaultName().slice(0, CAREER_PLAN_LIMITS.nameMax));
  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly savedId = signal<string | null>(null);

  protected async savePlan(): Promise<void> {
    this.busy.set(true);
    this.error.set('');
    try {
      const saved = await this.api.savePlan({ ...this.plan(), name: this.name().trim() });
      this.savedId.set(saved.id);
    } catch (error) {
      const apiError = toApiError(error);
      this.error.set(apiError.code === 'career_plan_limit' ? apiError.message : `Could not save the plan: ${apiError.message}`);
    } finally {
      this.busy.set(false);
    }
  }
}
