import { Component, computed, input } from '@angular/core';
import { Color, PolarChartModule, ScaleType } from '@swimlane/ngx-charts';

/** One spoke of a radar chart: an O*NET interest area or work value, scored 1–7. */
export interface RadarAxis {
  readonly name: string;
  /** Shorter name drawn around the chart, where the full one would not fit. */
  readonly chartLabel: string;
  readonly value: number;
  readonly about: string;
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
  imports: [PolarChartModule],
  template: `
    <figure class="radar">
      <figcaption>
        <h3 class="radar-heading">{{ heading() }}</h3>
        <p class="summary">{{ summary() }}</p>
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
      <table class="visually-hidden">
        <caption>
          {{ heading() }}, each scored from 1 (low) to 7 (high)
        </caption>
        <thead>
          <tr>
            <th scope="col">{{ axisName() }}</th>
            <th scope="col">Score</th>
            <th scope="col">About</th>
          </tr>
        </thead>
        <tbody>
          @for (axis of axes(); track axis.name) {
            <tr>
              <th scope="row">{{ axis.name }}</th>
              <td>{{ axis.value.toFixed(1) }}</td>
              <td>{{ axis.about }}</td>
            </tr>
          }
        </tbody>
      </table>
    </figure>
  `,
  styles: `
    :host {
      display: block;
      min-width: 0;
    }

    .radar {
      margin: 0;
    }

    .radar-heading {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-title-medium);
    }

    .summary {
      margin: 0 0 0.5rem;
      color: var(--mat-sys-on-surface-variant);
    }

    .chart {
      height: 17rem;
      overflow: hidden;
    }

    // The chart's radius follows its height; a shorter one leaves room for the labels.
    @media (max-width: 359.98px) {
      .chart {
        height: 14rem;
      }
    }

    // The chart's own styles assume a light page; follow the theme instead.
    .chart ::ng-deep {
      text {
        fill: var(--mat-sys-on-surface);
      }

      .polar-chart-background {
        fill: var(--mat-sys-surface-container-low);
      }

      .gridline-path {
        stroke: var(--mat-sys-outline-variant);
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

  protected readonly scaleMax = SCALE_MAX;
  protected readonly curve = linearClosed;

  protected readonly results = computed(() => [
    { name: this.heading(), series: this.axes().map((axis) => ({ name: axis.name, value: axis.value })) },
  ]);
  protected readonly scheme = computed<Color>(() => ({
    name: 'profile',
    selectable: false,
    group: ScaleType.Ordinal,
    domain: [this.color()],
  }));

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
