import { Component, input } from '@angular/core';
import { type Color, ScaleType } from '@swimlane/ngx-charts';

/**
 * Pieces shared by the occupation page's charts. Each chart is a <figure>: a caption (heading
 * and a summary in words), the drawing hidden from assistive technology, and a visually hidden
 * table with the same figures (ChartDataTable). chart-figure.scss styles that frame.
 */

/** One row of a chart's table: its header cell and the cells after it. */
export interface ChartTableRow {
  readonly label: string;
  readonly cells: readonly string[];
}

/** The text alternative of a chart: its figures as a table, read by screen readers only. */
@Component({
  selector: 'app-chart-data-table',
  template: `
    <table class="visually-hidden">
      <caption>
        {{ caption() }}
      </caption>
      <thead>
        <tr>
          @for (column of columns(); track $index) {
            <th scope="col">{{ column }}</th>
          }
        </tr>
      </thead>
      <tbody>
        @for (row of rows(); track row.label) {
          <tr>
            <th scope="row">{{ row.label }}</th>
            @for (cell of row.cells; track $index) {
              <td>{{ cell }}</td>
            }
          </tr>
        }
      </tbody>
    </table>
  `,
})
export class ChartDataTable {
  readonly caption = input.required<string>();
  /** Column headers, the row headers' column first. */
  readonly columns = input.required<readonly string[]>();
  readonly rows = input.required<readonly ChartTableRow[]>();
}

/** An ngx-charts color scheme of one hex color (the charts draw into SVG attributes, where CSS variables do not apply). */
export function singleColorScheme(name: string, color: string): Color {
  return { name, selectable: false, group: ScaleType.Ordinal, domain: [color] };
}
