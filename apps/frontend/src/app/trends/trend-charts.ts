import { Component, computed, input } from '@angular/core';
import { BarChartModule, HeatMapModule, LineChartModule } from '@swimlane/ngx-charts';

import { ChartDataTable, type ChartTableRow, singleColorScheme } from '../occupations/occupation-page/chart-figure';

/*
 * The dashboard's chart frames: each is a <figure> with a heading, a summary in words, the
 * ngx-charts drawing hidden from assistive technology and a visually hidden table with the same
 * figures (the occupation page's ChartDataTable), so every chart has a text alternative.
 */

export interface NamedValue {
  readonly name: string;
  readonly value: number;
}

const FIGURE_STYLES = `
  :host { display: block; min-width: 0; }
  .chart-figure { margin: 0; }
  .chart-heading { margin: 0 0 0.25rem; font: var(--mat-sys-title-medium); }
  .summary { margin: 0 0 0.5rem; color: var(--mat-sys-on-surface-variant); }
  .chart { overflow: hidden; }
  .chart ::ng-deep text { fill: var(--mat-sys-on-surface-variant); }
  .chart ::ng-deep .gridline-path { stroke: var(--mat-sys-outline-variant); }
  .empty { color: var(--mat-sys-on-surface-variant); }
`;

/** Horizontal bars for a ranked list (occupations, work modes, skills, companies). */
@Component({
  selector: 'app-trend-bars',
  imports: [BarChartModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">{{ heading() }}</h3>
        @if (summary()) {
          <p class="summary">{{ summary() }}</p>
        }
      </figcaption>
      @if (items().length) {
        <div class="chart" aria-hidden="true" [style.height.rem]="height()">
          <ngx-charts-bar-horizontal
            [results]="items()"
            [scheme]="scheme()"
            [xAxis]="true"
            [yAxis]="true"
            [showGridLines]="true"
            [animations]="false"
            [barPadding]="3"
            [trimYAxisTicks]="true"
            [maxYAxisTickLength]="22"
            [xAxisTickFormatting]="format()"
          />
        </div>
        <app-chart-data-table [caption]="heading()" [columns]="[nameColumn(), valueColumn()]" [rows]="rows()" />
      } @else {
        <p class="empty">No postings to count.</p>
      }
    </figure>
  `,
  styles: FIGURE_STYLES,
})
export class TrendBars {
  readonly heading = input.required<string>();
  readonly items = input.required<readonly NamedValue[]>();
  readonly nameColumn = input('Name');
  readonly valueColumn = input('Postings');
  readonly color = input('#1565c0');
  readonly format = input<(value: number) => string>((value) => (Number.isInteger(value) ? value.toLocaleString('en-US') : ''));

  protected readonly scheme = computed(() => singleColorScheme(this.heading(), this.color()));
  /** Enough room for each bar's label, within reason. */
  protected readonly height = computed(() => Math.min(24, Math.max(8, this.items().length * 1.6 + 3)));
  protected readonly rows = computed<ChartTableRow[]>(() =>
    this.items().map((item) => ({ label: item.name, cells: [this.format()(item.value) || item.value.toLocaleString('en-US')] })),
  );
  protected readonly summary = computed(() => {
    const [first] = this.items();
    if (!first) return '';
    return `Most: ${first.name} (${this.format()(first.value) || first.value.toLocaleString('en-US')}).`;
  });
}

/** A line over time (postings per interval, remote share). */
@Component({
  selector: 'app-trend-line',
  imports: [LineChartModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">{{ heading() }}</h3>
        @if (summary()) {
          <p class="summary">{{ summary() }}</p>
        }
      </figcaption>
      @if (points().length > 1) {
        <div class="chart line" aria-hidden="true">
          <ngx-charts-line-chart
            [results]="series()"
            [scheme]="scheme()"
            [xAxis]="true"
            [yAxis]="true"
            [showGridLines]="true"
            [animations]="false"
            [autoScale]="false"
            [yAxisTickFormatting]="format()"
          />
        </div>
      }
      @if (points().length) {
        <app-chart-data-table [caption]="heading()" [columns]="['Period', valueColumn()]" [rows]="rows()" />
      } @else {
        <p class="empty">No dated postings.</p>
      }
    </figure>
  `,
  styles: FIGURE_STYLES + `.line { height: 14rem; }`,
})
export class TrendLine {
  readonly heading = input.required<string>();
  readonly points = input.required<readonly NamedValue[]>();
  readonly valueColumn = input('Postings');
  readonly color = input('#1565c0');
  readonly format = input<(value: number) => string>((value) => (Number.isInteger(value) ? value.toLocaleString('en-US') : ''));

  protected readonly scheme = computed(() => singleColorScheme(this.heading(), this.color()));
  protected readonly series = computed(() => [{ name: this.heading(), series: [...this.points()] }]);
  protected readonly rows = computed<ChartTableRow[]>(() =>
    this.points().map((point) => ({ label: point.name, cells: [this.format()(point.value) || point.value.toLocaleString('en-US')] })),
  );
  protected readonly summary = computed(() => {
    const points = this.points();
    if (!points.length) return '';
    const format = (value: number) => this.format()(value) || value.toLocaleString('en-US');
    const first = points[0];
    const last = points[points.length - 1];
    if (points.length === 1) return `${format(last.value)} in ${last.name}.`;
    const peak = points.reduce((best, point) => (point.value > best.value ? point : best));
    return `${first.name} to ${last.name}: highest in ${peak.name} (${format(peak.value)}), ${format(last.value)} in ${last.name}.`;
  });
}

export interface HeatmapSeries {
  readonly name: string;
  readonly series: readonly NamedValue[];
}

/** Rows (occupation groups, states) by period, darker for more postings. */
@Component({
  selector: 'app-trend-heatmap',
  imports: [HeatMapModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">{{ heading() }}</h3>
        <p class="summary">{{ summary() }}</p>
      </figcaption>
      @if (rows().length) {
        <div class="chart" aria-hidden="true" [style.height.rem]="height()">
          <ngx-charts-heat-map
            [results]="data()"
            [scheme]="scheme"
            [xAxis]="true"
            [yAxis]="true"
            [animations]="false"
            [trimYAxisTicks]="true"
            [maxYAxisTickLength]="24"
          />
        </div>
        <app-chart-data-table [caption]="heading()" [columns]="columns()" [rows]="tableRows()" />
      } @else {
        <p class="empty">No dated postings.</p>
      }
    </figure>
  `,
  styles: FIGURE_STYLES,
})
export class TrendHeatmap {
  readonly heading = input.required<string>();
  readonly rowName = input('Row');
  readonly rows = input.required<readonly HeatmapSeries[]>();

  protected readonly scheme = {
    name: 'heat',
    selectable: false,
    group: 'linear',
    domain: ['#eff3ff', '#9ecae1', '#3182bd', '#08306b'],
  } as never;
  /** ngx-charts puts the outer names on the x axis: periods across, rows down. */
  protected readonly data = computed(() => {
    const periods = this.rows()[0]?.series.map((cell) => cell.name) ?? [];
    return periods.map((period, index) => ({
      name: period,
      series: this.rows().map((row) => ({ name: row.name, value: row.series[index]?.value ?? 0 })),
    }));
  });
  protected readonly height = computed(() => Math.min(30, Math.max(10, this.rows().length * 1.8 + 4)));
  protected readonly columns = computed(() => [this.rowName(), ...(this.rows()[0]?.series.map((cell) => cell.name) ?? [])]);
  protected readonly tableRows = computed<ChartTableRow[]>(() =>
    this.rows().map((row) => ({ label: row.name, cells: row.series.map((cell) => cell.value.toLocaleString('en-US')) })),
  );
  protected readonly summary = computed(() => {
    let best: { row: string; period: string; value: number } | null = null;
    for (const row of this.rows()) {
      for (const cell of row.series) if (!best || cell.value > best.value) best = { row: row.name, period: cell.name, value: cell.value };
    }
    return best ? `Busiest: ${best.row} in ${best.period} (${best.value.toLocaleString('en-US')} postings).` : '';
  });
}
