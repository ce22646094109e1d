import { httpResource } from '@angular/common/http';
import { Component, computed, inject, resource } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatChipsModule } from '@angular/material/chips';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { ActivatedRoute, type Params, Router, RouterLink } from '@angular/router';
import { TREND_INTERVALS, type TrendBucket, type TrendInterval, type TrendPoint } from '@jobportal/contracts';
import { toApiError } from '../api/api-error';
import { formatAnnualThreshold } from '../jobs/format-pay';
import { JobsApi } from '../jobs/jobs-api';
import { FacetPanel } from '../search/facet-panel/facet-panel';
import { activeFilters, clearFilters, parseSearchState, refine, toSearchParams } from '../search/search-state';
import { keptWhileLoading } from '../shared/kept-while-loading';
import { GrowthByState } from './growth-by-state';
import { TrendBars, TrendHeatmap, TrendLine, type HeatmapSeries, type NamedValue } from './trend-charts';
import { TrendsApi, parseTrends } from './trends-api';

const INTERVAL_LABELS: Record<TrendInterval, string> = { day: 'Day', week: 'Week', month: 'Month' };

function periodLabel(date: string, interval: TrendInterval): string {
  const at = new Date(date);
  if (Number.isNaN(at.getTime())) return date;
  return interval === 'month'
    ? at.toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })
    : at.toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
}

function named(buckets: readonly TrendBucket[] | undefined): NamedValue[] {
  return (buckets ?? []).map((bucket) => ({ name: bucket.label || bucket.value, value: bucket.count }));
}


/**
 * The labor-market dashboard. Its filters are the job search's, under the same URL parameters
 * (search-state.ts), so /trends?occupation=29-1141&workMode=remote and /search with the same query
 * describe the same postings, and each links to the other.
 */
@Component({
  selector: 'app-trends-page',
  imports: [
    RouterLink,
    MatButtonModule,
    MatButtonToggleModule,
    MatChipsModule,
    MatIconModule,
    MatProgressBarModule,
    FacetPanel,
    GrowthByState,
    TrendBars,
    TrendHeatmap,
    TrendLine,
  ],
  templateUrl: './trends-page.html',
  styleUrl: './trends-page.scss',
})
export class TrendsPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly trendsApi = inject(TrendsApi);
  private readonly jobsApi = inject(JobsApi);

  private readonly queryParamMap = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly state = computed(() => parseSearchState(this.queryParamMap()));
  /** The interval in force: the chosen one, else the one the API picked for the range. */
  protected readonly interval = computed<TrendInterval>(() => {
    const value = this.queryParamMap().get('interval') as TrendInterval;
    return TREND_INTERVALS.includes(value) ? value : (this.data()?.interval ?? 'month');
  });
  /** Only a chosen interval goes to the API; otherwise it picks one to suit the range. */
  private readonly chosenInterval = computed(() => {
    const value = this.queryParamMap().get('interval') as TrendInterval;
    return TREND_INTERVALS.includes(value) ? value : null;
  });
  protected readonly intervals = TREND_INTERVALS.map((value) => ({ value, label: INTERVAL_LABELS[value] }));

  protected readonly trends = httpResource(
    () => this.trendsApi.trends(toSearchParams(this.state()), this.chosenInterval(), { top: 12 }),
    { parse: parseTrends },
  );
  protected readonly data = keptWhileLoading(this.trends);
  protected readonly error = computed(() => (this.trends.status() === 'error' ? toApiError(this.trends.error()) : null));

  /** The job search's facet counts for the same filters, for the filter panel. */
  private readonly facetSearch = resource({
    params: () => ({ ...toSearchParams(this.state()), page: undefined, after: undefined, size: 1 }),
    loader: ({ params, abortSignal }) => this.jobsApi.searchJobs(params, abortSignal),
  });
  private readonly facetResponse = keptWhileLoading(this.facetSearch);
  protected readonly facets = computed(() => this.facetResponse()?.facets ?? []);
  protected readonly filters = computed(() => activeFilters(this.state(), this.facets()));

  /** The same postings as a job search: every search parameter but paging. */
  protected readonly searchParams = computed<Params>(() => {
    const params: Params = {};
    for (const key of this.queryParamMap().keys) {
      if (key === 'interval' || key === 'page' || key === 'after') continue;
      const values = this.queryParamMap().getAll(key);
      params[key] = values.length > 1 ? values : values[0];
    }
    return params;
  });

  protected readonly overTime = computed(() => this.points(this.data()?.series?.points ?? []));
  protected readonly remoteShare = computed<NamedValue[]>(() =>
    (this.data()?.remoteShare ?? [])
      .filter((point) => point.remoteShare != null)
      .map((point) => ({ name: periodLabel(point.date, this.interval()), value: Math.round((point.remoteShare ?? 0) * 1000) / 10 })),
  );
  protected readonly byOccupation = computed(() => named(this.data()?.occupation));
  protected readonly byWorkMode = computed(() => named(this.data()?.workMode));
  protected readonly byExperience = computed(() => named(this.data()?.experience));
  protected readonly byPlace = computed(() => named(this.data()?.place));
  protected readonly topSkills = computed(() =>
    (this.data()?.skills?.top ?? []).map((skill) => ({ name: skill.skill, value: skill.count })),
  );
  protected readonly topCompanies = computed(() => named(this.data()?.companies));
  protected readonly risingSkills = computed(() => this.data()?.skills?.rising ?? []);
  protected readonly skillWindows = computed(() => this.data()?.skills ?? null);
  protected readonly pay = computed(() => this.data()?.pay?.byOccupation ?? []);
  protected readonly payByExperience = computed(() => this.data()?.pay?.byExperience ?? []);

  /**
   * Occupation group x period: the largest groups' series, from the same response (the API's
   * occupationSeries panel, one aggregation). With an occupation filter there is one row: hidden.
   */
  protected readonly heatmap = computed<HeatmapSeries[]>(() => {
    if (this.state().filters.occupation.length) return [];
    return (this.data()?.occupationSeries ?? []).map((row) => ({ name: row.label || row.value, series: this.points(row.points) }));
  });

  /** The state chosen on the map, when the location filter is one. */
  protected readonly selectedStates = computed(() => {
    const location = this.state().location.toUpperCase();
    return /^[A-Z]{2}$/.test(location) ? [location] : [];
  });
  /** Growth is per occupation: the one filtered on, else the largest group in these postings. */
  protected readonly growthOccupation = computed(() => {
    const chosen = this.state().filters.occupation[0];
    if (chosen) return { code: chosen, label: this.facets().find((f) => f.key === 'occupation')?.buckets.find((b) => b.value === chosen)?.label ?? chosen };
    const top = this.data()?.occupation?.[0];
    return top ? { code: top.value, label: top.label || top.value } : null;
  });

  protected readonly percent = (value: number): string => `${Math.round(value)}%`;
  protected readonly formatPay = (value: number | null): string => (value == null ? '—' : formatAnnualThreshold(value));

  private points(points: readonly TrendPoint[]): NamedValue[] {
    return points.map((point) => ({ name: periodLabel(point.date, this.interval()), value: point.value }));
  }

  protected applyRefinement(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: changes,
      queryParamsHandling: 'merge',
      scroll: 'manual',
    });
  }

  /** Always written out: without it the API picks an interval for the range, which may not be the one chosen. */
  protected changeInterval(interval: TrendInterval): void {
    this.applyRefinement({ interval });
  }

  /** A state on the map (or its row) becomes the place filter; choosing it again lifts it. */
  protected chooseState(code: string): void {
    const already = this.selectedStates().includes(code);
    this.applyRefinement(refine({ location: already ? null : code, radius: null }));
  }

  protected removeFilter(removal: Params): void {
    this.applyRefinement(removal);
  }

  protected clearAllFilters(): void {
    this.applyRefinement(clearFilters());
  }

  protected retry(): void {
    this.trends.reload();
  }
}
