import { DatePipe } from '@angular/common';
import { Component, inject, resource, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { CareerPlanSummary } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { CareersApi } from './careers-api';

/** The account page's list of career plans: open or delete each. */
@Component({
  selector: 'app-career-plans-list',
  imports: [DatePipe, RouterLink, MatButtonModule, MatIconModule],
  template: `
    @if (plans.isLoading()) {
      <p role="status">Loading your career plans…</p>
    } @else if (plans.error()) {
      <p role="alert">Could not load your career plans. <button mat-button type="button" (click)="plans.reload()">Try again</button></p>
    } @else if (plans.value()?.length) {
      <ul class="plans">
        @for (plan of plans.value(); track plan.id) {
          <li>
            <div>
              <a [routerLink]="['/careers/plans', plan.id]">{{ plan.name }}</a>
              <span class="muted"> · {{ kindLabel(plan) }} · {{ plan.createdAt | date: 'mediumDate' }}</span>
              <div class="muted">{{ plan.topTitles.join(', ') }}</div>
            </div>
            <button mat-button type="button" (click)="deletePlan(plan)" [disabled]="deleting() === plan.id">
              <mat-icon svgIcon="delete" aria-hidden="true" /> Delete<span class="visually-hidden"> {{ plan.name }}</span>
            </button>
          </li>
        }
      </ul>
    } @else {
      <p>No career plans yet. <a routerLink="/careers">Find careers that fit you</a> and save the result.</p>
    }
    @if (error()) {
      <p role="alert" class="error">{{ error() }}</p>
    }
  `,
  styles: `
    .plans {
      list-style: none;
      padding: 0;
      margin: 0;
      display: grid;
      gap: 0.5rem;

      li {
        display: flex;
        justify-content: space-between;
        align-items: center;
        gap: 0.5rem;
        flex-wrap: wrap;
      }
    }

    .muted {
      color: var(--mat-sys-on-surface-variant);
    }

    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class CareerPlansList {
  private readonly api = inject(CareersApi);

  protected readonly plans = resource({ loader: () => this.api.listPlans() });
  protected readonly deleting = signal<string | null>(null);
  protected readonly error = signal('');

  protected kindLabel(plan: CareerPlanSummary): string {
    return plan.kind === 'interests' ? 'from interests' : plan.kind === 'text' ? 'from a description' : 'from a resume';
  }

  protected async deletePlan(plan: CareerPlanSummary): Promise<void> {
    this.deleting.set(plan.id);
    this.error.set('');
    try {
      await this.api.deletePlan(plan.id);
      this.plans.reload();
    } catch (error) {
      this.error.set(`Could not delete “${plan.name}”: ${toApiError(error).message}`);
    } finally {
      this.deleting.set(null);
    }
  }
}
