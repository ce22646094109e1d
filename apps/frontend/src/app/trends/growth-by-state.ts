import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';

import { toApiError } from '../api/api-error';
import type { GrowthRow } from '@jobportal/contracts';

import { TrendsApi, formatGrowth, formatGrowthWithInterval, parseGrowth } from './trends-api';
import { type StateValue, UsStatesMap } from './us-states-map/us-states-map';
import { stateName } from './us-states-map/us-states';

/**
 * New postings by state in the recent window against the prior one (GET /api/trends/growth),
 * as a map and a table. Cells the API marks too small (under 30 postings or 5 employers) are
 * hatched on the map and say so in the table instead of showing a rate nobody should trust.
 */
@Component({
  selector: 'app-growth-by-state',
  imports: [MatButtonModule, UsStatesMap],
  template: `
    @if (growth.hasValue()) {
      @let data = growth.value();
      @if (data.comparison.summary) {
        <p class="compared">Compared: {{ data.comparison.summary }}</p>
      }
      <app-us-states-map
        [values]="mapValues()"
        [diverging]="true"
        [format]="formatGrowth"
        [selected]="selected()"
        [clickable]="chooseable()"
        (stateChosen)="stateChosen.emit($event)"
      />
      @if (data.rows.length) {
        <div class="table-wrap">
          <table class="growth-table">
            <caption>{{ caption() }}</caption>
            <thead>
              <tr>
                <th scope="col">State</th>
                <th scope="col">Recent</th>
                <th scope="col">Prior</th>
                <th scope="col">Growth</th>
                <th scope="col">Employers</th>
                @if (hasProjection()) {
                  <th scope="col">BLS 2024–34</th>
                }
              </tr>
            </thead>
            <tbody>
              @for (cell of rows(); track cell.place.value) {
                <tr [class.too-small]="cell.tooSmall">
                  <th scope="row">
                    @if (chooseable()) {
                      <button mat-button type="button" class="state-button" (click)="stateChosen.emit(cell.place.value)">
                        {{ cell.name }}
                      </button>
                    } @else {
                      {{ cell.name }}
                    }
                  </th>
                  <td>{{ cell.recent.toLocaleString('en-US') }}</td>
                  <td>{{ cell.prior.toLocaleString('en-US') }}</td>
                  <td>{{ cell.tooSmall ? 'Too few postings to say' : formatGrowthWithInterval(cell) }}</td>
                  <td>{{ cell.employers.toLocaleString('en-US') }}</td>
                  @if (hasProjection()) {
                    <td>{{ cell.projection?.changePercent == null ? '—' : cell.projection!.changePercent!.toFixed(1) + '%' }}</td>
                  }
                </tr>
              }
            </tbody>
          </table>
        </div>
      } @else {
        <p class="muted">No dated postings in the compared windows.</p>
      }
    } @else if (error(); as error) {
      <p class="muted" role="alert">Growth by state could not be loaded: {{ error.message }}</p>
      <button mat-stroked-button type="button" (click)="growth.reload()">Try again</button>
    } @else {
      <p class="muted">Loading growth by state…</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .compared,
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .table-wrap {
      overflow-x: auto;
      margin-top: 1rem;
    }
    .growth-table {
      border-collapse: collapse;
      width: 100%;
      font: var(--mat-sys-body-medium);
    }
    .growth-table caption {
      text-align: left;
      font: var(--mat-sys-title-small);
      padding-bottom: 0.5rem;
    }
    .growth-table th,
    .growth-table td {
      padding: 0.25rem 0.75rem;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      text-align: right;
    }
    .growth-table th[scope='row'],
    .growth-table th:first-child {
      text-align: left;
    }
    .too-small td {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class GrowthByState {
  private readonly api = inject(TrendsApi);

  /** A SOC code, major ("15") or detailed ("15-1252"). */
  readonly occupation = input.required<string>();
  readonly selected = input<readonly string[]>([]);
  /** Whether choosing a state means something here (the dashboard filters by it). */
  readonly chooseable = input(false);
  readonly stateChosen = output<string>();

  protected readonly growth = httpResource(
    () => this.api.growth({ occupation: this.occupation(), level: 'state' }),
    { parse: parseGrowth },
  );
  protected readonly error = computed(() => (this.growth.status() === 'error' ? toApiError(this.growth.error()) : null));

  /** Rising first, by the low end of the interval (a big rate on few postings does not lead). */
  protected readonly rows = computed(() => {
    const rows: readonly GrowthRow[] = this.growth.hasValue() ? this.growth.value().rows : [];
    return [...rows]
      .map((row) => ({ ...row, name: stateName(row.place.value) }))
      .sort(
        (a, b) =>
          Number(a.tooSmall) - Number(b.tooSmall) ||
          (b.interval?.low ?? -Infinity) - (a.interval?.low ?? -Infinity) ||
          b.recent - a.recent,
      );
  });
  protected readonly mapValues = computed<StateValue[]>(() =>
    this.rows().map((row) => ({ state: row.place.value, value: row.growthRate, tooSmall: row.tooSmall })),
  );
  protected readonly hasProjection = computed(() => this.rows().some((cell) => cell.projection != null));
  protected readonly caption = computed(() => {
    const occupation = this.growth.hasValue() ? this.growth.value().occupation : null;
    return `Growth of new postings by state${occupation ? ` for ${occupation.title}` : ''}, rising first`;
  });

  protected readonly formatGrowth = formatGrowth;
  protected readonly formatGrowthWithInterval = formatGrowthWithInterval;
}
