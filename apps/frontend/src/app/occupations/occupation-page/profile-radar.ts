import { Component, computed, input } from '@angular/core';
import { PolarChartModule } from '@swimlane/ngx-charts';

import { ChartDataTable, type ChartTableRow, singleColorScheme } from './chart-figure';

/** One spoke of a radar chart: an O*NET interest area or work value, scored 1–7. */
export interface RadarAxis {
  readonly name: string;
  /** Shorter name drawn around the chart, where the full one would not fit. */
  readonly chartLabel: string;
  readonly value: number;
  readonly about: string;
}

/** A six-part O*NET profile as radar spokes, in `keys` order; `short` names go around the chart. */
export function radarAxes<K extends string>(
  keys: readonly K[],
  labels: Record<K, { name: string; short?: string; about: string }>,
  scores: Record<K, number> | null | undefined,
): RadarAxis[] {
  if (!scores) return [];
  return keys.map((key) => ({
    name: labels[key].name,
    chartLabel: labels[key].short ?? labels[key].name,
    value: scores[key],
    about: labels[key].about,
  }));
}

/** A second profile over the first: its name for the legend, its spokes (same names) and color. */
export interface RadarOverlay {
  readonly name: string;
  readonly axes: readonly RadarAxis[];
  readonly color: string;
}

/** O*NET rates interests and work values on a 1–7 scale. */
const SCALE_MAX = 7;

/**
 * d3's curveLinearClosed: a profile reads as a polygon, not as the library's default smoothed
 * loop (which overshoots the real scores). Written out since d3-shape is not a direct dependency.
 */
function linearClosed(context: CanvasPath) {
  let started = false;
  return {
    areaStart(): void {},
    areaEnd(): void {},
    lineStart(): void {
      started = false;
    },
    lineEnd(): void {
      if (started) context.closePath();
    },
    point(x: number, y: number): void {
      if (started) {
        context.lineTo(+x, +y);
      } else {
        started = true;
        context.moveTo(+x, +y);
      }
    },
  };
}

/**
 * A radar chart of a six-part O*NET profile (ngx-charts polar chart). The drawing is hidden from
 * assistive technology; a summary and a table say the same in text.
 */
@Component({
  selector: 'app-profile-radar',
  imports: [PolarChartModule, ChartDataTable],
  template: `
    <figure class="chart-figure">
      <figcaption>
        <h3 class="chart-heading">{{ heading() }}</h3>
        <p class="summary">{{ summary() }}</p>
        @if (overlay(); as over) {
          <p class="legend">
            <span class="swatch" [style.background]="color()"></span>{{ seriesName() }}
            <span class="swatch" [style.background]="over.color"></span>{{ over.name }}
          </p>
        }
      </figcaption>
      <div class="chart" aria-hidden="true">
        <ngx-charts-polar-chart
          [results]="results()"
          [scheme]="scheme()"
          [legend]="false"
          [xAxis]="true"
          [yAxis]="false"
          [showGridLines]="true"
          [yAxisMinScale]="scaleMax"
          [curve]="curve"
          [animations]="false"
          [labelTrim]="false"
          [rangeFillOpacity]="0.3"
          [xAxisTickFormatting]="chartLabel"
        />
      </div>
      <app-chart-data-table
        [caption]="heading() + ', each scored from 1 (low) to 7 (high)'"
        [columns]="tableColumns()"
        [rows]="tableRows()"
      />
    </figure>
  `,
  styleUrl: './chart-figure.scss',
  styles: `
    .chart {
      height: 17rem;
    }

    .legend {
      display: flex;
      align-items: center;
      gap: 0.25rem 0.5rem;
      flex-wrap: wrap;
      margin: 0 0 0.5rem;
    }

    .swatch {
      display: inline-block;
      width: 0.75rem;
      height: 0.75rem;
      border-radius: 2px;
    }

    // The chart's radius follows its height; a shorter one leaves room for the labels.
    @media (max-width: 359.98px) {
      .chart {
        height: 14rem;
      }
    }

    // Theme colors for what the library draws (gridlines: chart-figure.scss).
    .chart ::ng-deep {
      text {
        fill: var(--mat-sys-on-surface);
      }

      .polar-chart-background {
        fill: var(--mat-sys-surface-container-low);
      }

      .pie-label-line {
        stroke: var(--mat-sys-outline-variant);
      }
    }
  `,
})
export class ProfileRadar {
  readonly heading = input.required<string>();
  /** What the spokes are ("Interest area", "Work value"), for the table's header. */
  readonly axisName = input.required<string>();
  readonly axes = input.required<readonly RadarAxis[]>();
  /** A hex color: the chart draws into SVG attributes, where CSS variables do not apply. */
  readonly color = input('#1565c0');
  /** The name of `axes` where a second profile is drawn over it (the legend says which is which). */
  readonly seriesName = input('');
  /** A second profile drawn over the first, e.g. a person's interests over an occupation's. */
  readonly overlay = input<RadarOverlay | null>(null);

  protected readonly scaleMax = SCALE_MAX;
  protected readonly curve = linearClosed;

  protected readonly results = computed(() => {
    const over = this.overlay();
    const series = (axes: readonly RadarAxis[]) => axes.map((axis) => ({ name: axis.name, value: axis.value }));
    return [
      { name: this.seriesName() || this.heading(), series: series(this.axes()) },
      ...(over ? [{ name: over.name, series: series(over.axes) }] : []),
    ];
  });
  protected readonly scheme = computed(() => {
    const over = this.overlay();
    const scheme = singleColorScheme('profile', this.color());
    return over ? { ...scheme, domain: [this.color(), over.color] } : scheme;
  });
  protected readonly tableColumns = computed(() => {
    const over = this.overlay();
    return over ? [this.axisName(), this.seriesName() || 'Score', over.name, 'About'] : [this.axisName(), 'Score', 'About'];
  });
  protected readonly tableRows = computed<ChartTableRow[]>(() => {
    const over = this.overlay();
    return this.axes().map((axis) => {
      const other = over?.axes.find((a) => a.name === axis.name);
      const cells = over ? [axis.value.toFixed(1), other ? other.value.toFixed(1) : '—', axis.about] : [axis.value.toFixed(1), axis.about];
      return { label: axis.name, cells };
    });
  });

  /** The two highest areas, in words: "Highest: Investigative (6.3 of 7) and Social (5.0)". */
  protected readonly summary = computed(() => {
    const top = [...this.axes()].sort((a, b) => b.value - a.value).slice(0, 2);
    if (!top.length) return '';
    const [first, second] = top;
    return `Highest: ${first.name} (${first.value.toFixed(1)} of ${SCALE_MAX})${
      second ? ` and ${second.name} (${second.value.toFixed(1)})` : ''
    }.`;
  });

  protected readonly chartLabel = (name: string): string =>
    this.axes().find((axis) => axis.name === name)?.chartLabel ?? name;
}
