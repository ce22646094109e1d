import { Component, computed, effect, inject, resource, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import {
  ANALYST_BREAKDOWN_TYPES,
  ANALYST_METRIC_TYPES,
  type AnalystBreakdown,
  type AnalystBreakdownType,
  type AnalystExportFormat,
  type AnalystMetric,
  type AnalystMetricType,
  type AnalystQueryErrorItem,
  type AnalystQueryRequest,
  type AnalystQueryResponse,
  type SavedQuery,
} from '@jobportal/contracts';
import { BarChartModule, LineChartModule } from '@swimlane/ngx-charts';

import { AuthState } from '../account/auth-state';
import { type ApiError, toApiError } from '../api/api-error';
import type { ChartTableRow } from '../occupations/occupation-page/chart-figure';
import { ExploreApi } from './explore-api';

interface BreakdownPick {
  field: string;
  type: AnalystBreakdownType;
  /** terms: size; histogram: interval; date_histogram: calendar interval; range: "0-50000,50000-100000". */
  option: string;
}

interface MetricPick {
  type: AnalystMetricType;
  field: string;
}

const DATE_INTERVALS = ['day', 'week', 'month', 'quarter', 'year'] as const;
const ROLES_ALLOWED = new Set(['analyst']);

/** "0-50000, 50000-" -> range buckets; an empty end is open. */
function parseRanges(text: string): Array<{ from?: number; to?: number }> {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [from, to] = part.split('-').map((n) => n.trim());
      return { ...(from ? { from: Number(from) } : {}), ...(to ? { to: Number(to) } : {}) };
    });
}

function toBreakdown(pick: BreakdownPick): AnalystBreakdown | null {
  if (!pick.field) return null;
  switch (pick.type) {
    case 'terms':
      return { type: 'terms', field: pick.field, size: Number(pick.option) || 10 };
    case 'date_histogram':
      return {
        type: 'date_histogram',
        field: pick.field,
        interval: (DATE_INTERVALS as readonly string[]).includes(pick.option) ? (pick.option as 'month') : 'month',
      };
    case 'histogram':
      return { type: 'histogram', field: pick.field, interval: Number(pick.option) || 10_000 };
    case 'range':
      return { type: 'range', field: pick.field, ranges: parseRanges(pick.option) };
  }
}

function toMetric(pick: MetricPick): AnalystMetric {
  if (pick.type === 'count' || !pick.field) return { type: 'count' };
  if (pick.type === 'percentiles') return { type: 'percentiles', field: pick.field, percents: [25, 50, 75] };
  return { type: pick.type, field: pick.field } as AnalystMetric;
}

function fromBreakdown(breakdown: AnalystBreakdown): BreakdownPick {
  switch (breakdown.type) {
    case 'terms':
      return { field: breakdown.field, type: 'terms', option: String(breakdown.size ?? 10) };
    case 'date_histogram':
      return { field: breakdown.field, type: 'date_histogram', option: breakdown.interval };
    case 'histogram':
      return { field: breakdown.field, type: 'histogram', option: String(breakdown.interval) };
    case 'range':
      return { field: breakdown.field, type: 'range', option: breakdown.ranges.map((r) => `${r.from ?? ''}-${r.to ?? ''}`).join(', ') };
  }
}

const EMPTY_BREAKDOWN: BreakdownPick = { field: '', type: 'terms', option: '10' };

/**
 * The analyst's query tool, after Kibana's Discover and Lens: a KQL query over the postings, a time
 * range, up to two breakdowns and metrics, a chart and a table of the result, exports and saved
 * queries. The analyst API checks the role on every call; this page only says who may use it.
 */
@Component({
  selector: 'app-explore-page',
  imports: [
    FormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    BarChartModule,
    LineChartModule,
  ],
  templateUrl: './explore-page.html',
  styleUrl: './explore-page.scss',
})
export class ExplorePage {
  private readonly api = inject(ExploreApi);
  protected readonly auth = inject(AuthState);

  protected readonly isAnalyst = computed(() => (this.auth.user()?.roles ?? []).some((role) => ROLES_ALLOWED.has(role)));

  protected readonly fields = resource({
    params: () => (this.isAnalyst() ? true : undefined),
    loader: () => this.api.fields(),
  });
  protected readonly aggregatableFields = computed(() =>
    this.fields.hasValue() ? (this.fields.value()?.fields ?? []).filter((field) => field.aggregatable) : [],
  );
  protected readonly numberFields = computed(() => this.aggregatableFields().filter((field) => field.type === 'number'));

  protected readonly queryText = signal('');
  protected readonly from = signal('');
  protected readonly to = signal('');
  protected readonly breakdowns = signal<BreakdownPick[]>([{ ...EMPTY_BREAKDOWN }]);
  protected readonly metrics = signal<MetricPick[]>([{ type: 'count', field: '' }]);
  protected readonly breakdownTypes = ANALYST_BREAKDOWN_TYPES;
  protected readonly metricTypes = ANALYST_METRIC_TYPES;
  protected readonly dateIntervals = DATE_INTERVALS;

  protected readonly running = signal(false);
  protected readonly result = signal<AnalystQueryResponse | null>(null);
  protected readonly error = signal<ApiError | null>(null);
  protected readonly message = signal('');

  protected readonly saved = resource({
    params: () => (this.isAnalyst() ? true : undefined),
    loader: () => this.api.savedQueries(),
  });
  protected readonly savedQueries = computed<SavedQuery[]>(() => (this.saved.hasValue() ? (this.saved.value() ?? []) : []));
  protected readonly saveName = signal('');

  /** The query's error with where it is: the text split around the offending character. */
  protected readonly queryError = computed(() => {
    const error = this.error();
    const item = error?.errors.find((e) => e.field === 'query') as AnalystQueryErrorItem | undefined;
    if (!error || !item) return null;
    const text = this.lastRunQuery;
    const offset = item.offset ?? null;
    const at = offset == null ? null : Math.min(Math.max(offset, 0), text.length);
    return {
      reason: item.reason,
      where: item.line != null && item.column != null ? `line ${item.line}, column ${item.column}` : null,
      before: at == null ? text : text.slice(0, at),
      mark: at == null ? '' : text.slice(at, at + 1) || ' ',
      after: at == null ? '' : text.slice(at + 1),
    };
  });
  protected readonly otherErrors = computed(() => (this.error()?.errors ?? []).filter((e) => e.field !== 'query'));

  protected readonly isDateSeries = computed(() => this.lastRequest?.breakdowns?.[0]?.type === 'date_histogram');
  protected readonly chartSeries = computed(() =>
    (this.result()?.series ?? []).map((series) => ({
      name: series.name,
      series: series.points.map((point) => ({ name: point.x, value: point.y ?? 0 })),
    })),
  );
  /** One series: plain bars; two levels: bars grouped by the first level. */
  protected readonly barData = computed(() => {
    const series = this.chartSeries();
    if (series.length === 1) return series[0].series;
    const keys = [...new Set(series.flatMap((s) => s.series.map((p) => p.name)))];
    return keys.map((key) => ({
      name: key,
      series: series.map((s) => ({ name: s.name, value: s.series.find((p) => p.name === key)?.value ?? 0 })),
    }));
  });
  protected readonly tableRows = computed<ChartTableRow[]>(() =>
    (this.result()?.rows ?? []).map((row, index) => ({
      label: `${index}`,
      cells: row.map((cell) => (cell == null ? '—' : typeof cell === 'number' ? cell.toLocaleString('en-US') : cell)),
    })),
  );

  private lastRunQuery = '';
  private lastRequest: AnalystQueryRequest | null = null;

  constructor() {
    effect(() => {
      if (this.auth.status() === 'unknown') void this.auth.whenKnown();
    });
  }

  private request(): AnalystQueryRequest {
    const breakdowns = this.breakdowns()
      .map(toBreakdown)
      .filter((b) => b !== null);
    const time = {
      ...(this.from() ? { from: new Date(this.from()).toISOString() } : {}),
      ...(this.to() ? { to: new Date(this.to()).toISOString() } : {}),
    };
    return {
      query: this.queryText(),
      ...(Object.keys(time).length ? { time } : {}),
      breakdowns,
      metrics: this.metrics().map(toMetric),
      size: 20,
    };
  }

  protected async runQuery(): Promise<void> {
    const request = this.request();
    this.lastRunQuery = request.query;
    this.lastRequest = request;
    this.running.set(true);
    this.message.set('');
    try {
      this.result.set(await this.api.query(request));
      this.error.set(null);
      this.message.set(`${this.result()!.total.toLocaleString('en-US')} postings match.`);
    } catch (error) {
      this.result.set(null);
      this.error.set(toApiError(error));
    } finally {
      this.running.set(false);
    }
  }

  protected updateBreakdown(index: number, change: Partial<BreakdownPick>): void {
    this.breakdowns.update((list) =>
      list.map((pick, i) => {
        if (i !== index) return pick;
        const next = { ...pick, ...change };
        if (change.type) next.option = change.type === 'date_histogram' ? 'month' : change.type === 'histogram' ? '10000' : change.type === 'range' ? '0-50000, 50000-100000, 100000-' : '10';
        return next;
      }),
    );
  }

  protected addBreakdown(): void {
    this.breakdowns.update((list) => (list.length < 2 ? [...list, { ...EMPTY_BREAKDOWN }] : list));
  }

  protected removeBreakdown(index: number): void {
    this.breakdowns.update((list) => list.filter((_, i) => i !== index));
  }

  protected updateMetric(index: number, change: Partial<MetricPick>): void {
    this.metrics.update((list) => list.map((pick, i) => (i === index ? { ...pick, ...change } : pick)));
  }

  protected addMetric(): void {
    this.metrics.update((list) => (list.length < 5 ? [...list, { type: 'avg', field: '' }] : list));
  }

  protected removeMetric(index: number): void {
    this.metrics.update((list) => list.filter((_, i) => i !== index));
  }

  protected async exportResult(format: AnalystExportFormat): Promise<void> {
    const { query, time } = this.request();
    this.lastRunQuery = query;
    try {
      const blob = await this.api.export({ query, time, format });
      this.error.set(null);
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `postings-export.${format === 'csv' ? 'csv' : 'ndjson'}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      this.message.set(`Export (${format.toUpperCase()}) downloaded.`);
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  protected async saveQuery(): Promise<void> {
    const name = this.saveName().trim();
    if (!name) return;
    const { query, time, breakdowns, metrics } = this.request();
    this.lastRunQuery = query;
    try {
      await this.api.saveQuery({ name, query, time, breakdowns, metrics });
      this.saveName.set('');
      this.message.set(`Saved “${name}”.`);
      this.saved.reload();
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }

  protected loadQuery(saved: SavedQuery): void {
    this.queryText.set(saved.query);
    this.from.set(saved.time?.from?.slice(0, 10) ?? '');
    this.to.set(saved.time?.to?.slice(0, 10) ?? '');
    this.breakdowns.set(saved.breakdowns?.length ? saved.breakdowns.map(fromBreakdown) : [{ ...EMPTY_BREAKDOWN }]);
    this.metrics.set(
      saved.metrics?.length ? saved.metrics.map((m) => ({ type: m.type, field: 'field' in m ? m.field : '' })) : [{ type: 'count', field: '' }],
    );
    void this.runQuery();
  }

  protected async deleteQuery(saved: SavedQuery): Promise<void> {
    try {
      await this.api.deleteQuery(saved.id);
      this.message.set(`Deleted “${saved.name}”.`);
      this.saved.reload();
    } catch (error) {
      this.error.set(toApiError(error));
    }
  }
}
