import { Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { JobOccupation } from '@jobportal/contracts';

import { describeCoding } from './occupation-format';

/**
 * The SOC occupation a posting was coded to, as a link to its occupation page. A code the
 * classifier was unsure of is shown lighter and dashed, and says so (flagged, not hidden).
 */
@Component({
  selector: 'app-occupation-chip',
  imports: [RouterLink, MatIconModule, MatTooltipModule],
  template: `
    <a
      class="occupation-chip"
      [class.needs-review]="occupation().needsReview"
      [routerLink]="['/occupations', occupation().onetCode]"
      [matTooltip]="note()"
    >
      <mat-icon svgIcon="category" aria-hidden="true" />
      <!-- The link reads "Occupation: …" so it is not taken for the job's own title. -->
      <span class="visually-hidden">Occupation: </span>
      <span class="title">{{ occupation().title }}</span>
      <span class="code"><span class="visually-hidden">, SOC </span>{{ occupation().code }}</span>
      @if (occupation().needsReview) {
        <span class="review" aria-hidden="true">?</span>
        <span class="visually-hidden">, low-confidence code, may be wrong</span>
      }
    </a>
  `,
  styles: `
    :host {
      display: inline-flex;
      max-width: 100%;
    }

    .occupation-chip {
      display: inline-flex;
      align-items: center;
      gap: 0.375rem;
      max-width: 100%;
      min-height: 1.75rem;
      padding: 0.125rem 0.625rem 0.125rem 0.5rem;
      border: 1px solid var(--mat-sys-outline);
      border-radius: var(--mat-sys-corner-full);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      text-decoration: none;
      box-sizing: border-box;

      &:hover {
        background: var(--mat-sys-surface-container-high);
        text-decoration: underline;
      }

      mat-icon {
        flex: none;
        width: 1rem;
        height: 1rem;
        color: var(--mat-sys-primary);
      }
    }

    .title {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }

    .code {
      flex: none;
      color: var(--mat-sys-on-surface-variant);
      font-variant-numeric: tabular-nums;
    }

    .needs-review {
      border-style: dashed;
      color: var(--mat-sys-on-surface-variant);

      mat-icon {
        color: var(--mat-sys-on-surface-variant);
      }
    }

    .review {
      display: inline-grid;
      place-items: center;
      flex: none;
      width: 1rem;
      height: 1rem;
      border-radius: 50%;
      background: var(--mat-sys-surface-container-highest);
      font-size: 0.75rem;
      font-weight: 700;
    }
  `,
})
export class OccupationChip {
  readonly occupation = input.required<JobOccupation>();

  protected readonly note = computed(() => describeCoding(this.occupation()));
}
