import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { CareerMatch, InterestMatch } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { RIASEC_LABELS } from '../occupations/occupation-format';
import { CareerMatches } from './career-matches';
import { CareersApi, parseCareerPlan } from './careers-api';
import { InterestMatches } from './interest-matches';

/** /careers/plans/:id: a saved career plan, shown as the careers page showed the result. */
@Component({
  selector: 'app-career-plan-page',
  imports: [DatePipe, RouterLink, MatIconModule, CareerMatches, InterestMatches],
  template: `
    <div class="plan-page">
      <a class="back" routerLink="/account"><mat-icon svgIcon="back" aria-hidden="true" /> Your account</a>
      @if (plan.isLoading()) {
        <p role="status">Loading the plan…</p>
      } @else if (notFound()) {
        <h1>Career plan not found</h1>
        <p>It may have been deleted. <a routerLink="/careers">Find careers</a> again.</p>
      } @else if (error()) {
        <h1>Career plan</h1>
        <p role="alert">Could not load the plan: {{ error() }}</p>
      } @else if (plan.hasValue()) {
        @let p = plan.value();
        <h1>{{ p.name }}</h1>
        <p class="muted">
          {{ kindLabel() }} · saved {{ p.createdAt | date: 'mediumDate' }}
          @if (p.inputs.location) {
            · near {{ p.inputs.location }}
          }
        </p>
        @if (p.skills.length) {
          <p><strong>Skills found:</strong> {{ p.skills.join(', ') }}</p>
        }
        @if (scoreText()) {
          <p><strong>Your interest scores:</strong> {{ scoreText() }}</p>
        }
        @if (p.kind === 'interests') {
          <app-interest-matches [matches]="interestMatches()" />
        } @else {
          <app-career-matches
            [matches]="careerMatches()"
            [alsoConsider]="p.alsoConsider"
            [location]="p.inputs.location ?? null"
            [radiusKm]="p.inputs.radiusKm ?? null"
          />
        }
      }
    </div>
  `,
  styles: `
    @use '../../styles/page';

    .plan-page {
      @include page.container(64rem, 1.5rem);
      padding-bottom: 3rem;
    }

    .back {
      @include page.back-link;
    }

    h1 {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-headline-medium);
    }

    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class CareerPlanPage {
  private readonly api = inject(CareersApi);

  /** Bound from the route. */
  readonly id = input.required<string>();

  protected readonly plan = httpResource(() => this.api.plan(this.id()), { parse: parseCareerPlan });
  protected readonly error = computed(() => (this.plan.status() === 'error' ? toApiError(this.plan.error()) : null));
  protected readonly notFound = computed(() => this.error()?.statusCode === 404 || this.error()?.statusCode === 400);
  protected readonly kindLabel = computed(() => {
    const kind = this.plan.hasValue() ? this.plan.value().kind : null;
    return kind === 'interests' ? 'From your interests' : kind === 'text' ? 'From your description' : 'From your resume';
  });
  protected readonly careerMatches = computed(() => (this.plan.hasValue() ? (this.plan.value().matches as CareerMatch[]) : []));
  protected readonly interestMatches = computed(() => (this.plan.hasValue() ? (this.plan.value().matches as InterestMatch[]) : []));
  protected readonly scoreText = computed(() => {
    const scores = this.plan.hasValue() ? this.plan.value().inputs.scores : undefined;
    if (!scores) return '';
    return (Object.keys(RIASEC_LABELS) as Array<keyof typeof RIASEC_LABELS>).map((k) => `${RIASEC_LABELS[k].name} ${scores[k]}`).join(', ');
  });
}
