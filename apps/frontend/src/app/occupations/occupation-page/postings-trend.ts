import { Component, computed, input } from '@angular/core';
import type { MonthlyCount } from '@jobportal/contracts';
import { BarChartModule } from '@swimlane/ngx-charts';

import { formatMonth } from '../occupation-format';
import { ChartDataTable, type ChartTableRow, singleColorScheme } from './chart-figure';

/** Past this many months, only every few months get an axis label. */
const LABELLED_MONTHS = 8;

/**
 * Postings per month as a small bar chart (ngx-charts). The drawing is hidden from assistive
 * technology; a summary and a table carry the same figures.
 */
@Component({
  selector: 'app-postings-trend',
  imports: [BarChartModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">Postings per month</h3>
        <p class="summary">{{ summary() }}</p>
        @if (undated() > 0) {
          <p class="summary">
            {{ undated().toLocaleString('en-US') }} of {{ total().toLocaleString('en-US') }} postings do not say when they
            were posted and are not counted here.
          </p>
        }
      </figcaption>
      <!-- One bar is no trend: the summary says it all. -->
      @if (results().length > 1) {
        <div class="chart" aria-hidden="true">
          <ngx-charts-bar-vertical
            [results]="results()"
            [scheme]="scheme"
            [xAxis]="true"
            [yAxis]="true"
            [showGridLines]="true"
            [roundDomains]="true"
            [animations]="false"
            [barPadding]="4"
            [xAxisTicks]="xTicks()"
            [yAxisTickFormatting]="wholeNumbers"
          />
        </div>
      }
      <app-chart-data-table caption="Postings per month" [columns]="['Month', 'Postings']" [rows]="tableRows()" />
    </figure>
  `,
  styleUrl: './chart-figure.scss',
  styles: `
    .chart {
      height: 12rem;
    }

    .chart ::ng-deep text {
      fill: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class PostingsTrend {
  readonly months = input.required<readonly MonthlyCount[]>();
  /** All postings coded to the occupation, dated or not. */
  readonly total = input.required<number>();

  protected readonly scheme = singleColorScheme('postings', '#1565c0');

  protected readonly results = computed(() =>
    this.months().map((point) => ({ name: formatMonth(point.month), value: point.count })),
  );

  protected readonly tableRows = computed<ChartTableRow[]>(() =>
    this.results().map((point) => ({ label: point.name, cells: [point.value.toLocaleString('en-US')] })),
  );

  /** Every month when they fit, else every nth one, always ending on the latest. */
  protected readonly xTicks = computed(() => {
    const names = this.results().map((point) => point.name);
    if (names.length <= LABELLED_MONTHS) return names;
    const step = Math.ceil(names.length / LABELLED_MONTHS);
    return names.filter((_, index) => (names.length - 1 - index) % step === 0);
  });

  protected readonly undated = computed(() =>
    Math.max(0, this.total() - this.months().reduce((sum, point) => sum + point.count, 0)),
  );

  /** Counts are whole: the axis leaves out the fractional ticks it would otherwise draw. */
  protected readonly wholeNumbers = (value: number): string =>
    Number.isInteger(value) ? value.toLocaleString('en-US') : '';

  protected readonly summary = computed(() => {
    const points = this.results();
    if (!points.length) return '';
    const count = (value: number) => `${value.toLocaleString('en-US')} posting${value === 1 ? '' : 's'}`;
    const latest = points[points.length - 1];
    if (points.length === 1) return `${count(latest.value)} in ${latest.name}.`;
    const busiest = points.reduce((best, point) => (point.value > best.value ? point : best));
    return `${points[0].name} to ${latest.name}: the most in ${busiest.name} (${count(busiest.value)}), ${count(latest.value)} in ${latest.name}.`;
  });
}
