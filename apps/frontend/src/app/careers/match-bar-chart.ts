import { Component, computed, input } from '@angular/core';
import { BarChartModule } from '@swimlane/ngx-charts';

import { ChartDataTable, type ChartTableRow, singleColorScheme } from '../occupations/occupation-page/chart-figure';

export interface MatchBar {
  readonly title: string;
  readonly match: number;
}

/** Room per bar, so long occupation titles and ten bars both fit. */
const REM_PER_BAR = 2.25;

/**
 * The % match of each occupation as a horizontal bar chart (ngx-charts). The drawing is hidden
 * from assistive technology; the summary and a table say the same in text.
 */
@Component({
  selector: 'app-match-bar-chart',
  imports: [BarChartModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">{{ heading() }}</h3>
        <p class="summary">{{ summary() }}</p>
      </figcaption>
      <div class="chart" aria-hidden="true" [style.height.rem]="height()">
        <ngx-charts-bar-horizontal
          [results]="results()"
          [scheme]="scheme"
          [xAxis]="true"
          [yAxis]="true"
          [showGridLines]="true"
          [xScaleMax]="100"
          [animations]="false"
          [trimYAxisTicks]="true"
          [maxYAxisTickLength]="28"
          [showDataLabel]="true"
          [dataLabelFormatting]="percent"
          [xAxisTickFormatting]="percent"
        />
      </div>
      <app-chart-data-table [caption]="heading()" [columns]="['Occupation', 'Match']" [rows]="tableRows()" />
    </figure>
  `,
  styleUrl: '../occupations/occupation-page/chart-figure.scss',
  styles: `
    .chart ::ng-deep text {
      fill: var(--mat-sys-on-surface);
    }
  `,
})
export class MatchBarChart {
  readonly heading = input('How well each occupation matches');
  readonly bars = input.required<readonly MatchBar[]>();

  protected readonly scheme = singleColorScheme('match', '#2e7d32');
  protected readonly results = computed(() => this.bars().map((bar) => ({ name: bar.title, value: Math.round(bar.match) })));
  protected readonly height = computed(() => 3 + this.bars().length * REM_PER_BAR);
  protected readonly tableRows = computed<ChartTableRow[]>(() =>
    this.bars().map((bar) => ({ label: bar.title, cells: [`${Math.round(bar.match)}%`] })),
  );
  protected readonly summary = computed(() => {
    const [best] = this.bars();
    return best ? `Best match: ${best.title} (${Math.round(best.match)}%).` : 'No occupations matched.';
  });

  protected readonly percent = (value: number): string => `${value}%`;
}
