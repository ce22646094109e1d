import { BreakpointObserver } from '@angular/cdk/layout';
import { LowerCasePipe } from '@angular/common';
import {
  Component,
  ElementRef,
  Injector,
  TemplateRef,
  afterNextRender,
  computed,
  effect,
  inject,
  resource,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { MatButtonModule } from '@angular/material/button';
import { MatChipsModule } from '@angular/material/chips';
import { MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { ActivatedRoute, type ParamMap, type Params, Router } from '@angular/router';
import { SEARCH_SORTS, type SearchSort } from '@jobportal/contracts';
import { map } from 'rxjs';

import { toApiError } from '../api/api-error';
import { AccountsApi } from '../account/accounts-api';
import { AuthState } from '../account/auth-state';
import { loginUrlTree } from '../account/auth.guard';
import { SavedSearchDialog, type SavedSearchDialogData } from '../saved-searches/saved-search-dialog';
import { suggestName, toSavedSearchParams } from '../saved-searches/saved-search-params';
import type { JobLinkState } from '../jobs/job-card/job-card';
import { JobCard } from '../jobs/job-card/job-card';
import { SORT_LABELS } from '../jobs/job-labels';
import { JobsApi } from '../jobs/jobs-api';
import { OpenedJob } from '../jobs/opened-job';
import { SITE_NAME } from '../layout/page-title.strategy';
import { keptWhileLoading } from '../shared/kept-while-loading';
import { ResultSkeletons } from '../shared/result-skeletons';
import { FacetPanel } from './facet-panel/facet-panel';
import { Pagination } from './pagination/pagination';
import { SearchBox } from './search-box/search-box';
import {
  MAX_RESULT_WINDOW,
  PAGE_SIZE,
  activeFilters,
  clearFilters,
  dropField,
  fieldLabel,
  filtersToRelax,
  formatTotal,
  pageCount,
  parseSearchState,
  refine,
  toSearchParams,
} from './search-state';

/** Below this width the filters move into a drawer opened by a "Filters (n)" button. */
const HANDSET_QUERY = '(max-width: 767.98px)';

function toParams(paramMap: ParamMap): Params {
  const params: Params = {};
  for (const key of paramMap.keys) {
    const values = paramMap.getAll(key);
    params[key] = values.length > 1 ? values : values[0];
  }
  return params;
}

/**
 * Job search: the URL's query params are the state (see search-state.ts); every control
 * navigates with changed params, so links can be shared and the back button restores a search.
 */
@Component({
  selector: 'app-search-page',
  imports: [
    LowerCasePipe,
    SearchBox,
    FacetPanel,
    Pagination,
    JobCard,
    ResultSkeletons,
    MatButtonModule,
    MatChipsModule,
    MatDialogModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatSelectModule,
  ],
  templateUrl: './search-page.html',
  styleUrl: './search-page.scss',
})
export class SearchPage {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly api = inject(JobsApi);
  private readonly dialog = inject(MatDialog);
  private readonly auth = inject(AuthState);
  private readonly accountsApi = inject(AccountsApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly resultsHeading = viewChild.required<ElementRef<HTMLElement>>('resultsHeading');
  private readonly filtersDrawer = viewChild.required<TemplateRef<unknown>>('filtersDrawer');
  private drawerRef: MatDialogRef<unknown> | null = null;

  protected readonly isHandset = toSignal(
    inject(BreakpointObserver)
      .observe(HANDSET_QUERY)
      .pipe(map((state) => state.matches)),
    { initialValue: matchMedia(HANDSET_QUERY).matches },
  );

  private readonly queryParamMap = toSignal(this.route.queryParamMap, { requireSync: true });
  protected readonly state = computed(() => parseSearchState(this.queryParamMap()));

  protected readonly results = resource({
    params: () => toSearchParams(this.state()),
    loader: ({ params, abortSignal }) => this.api.searchJobs(params, abortSignal),
  });

  /**
   * The last results, kept while the next ones load so the list and the facets (and the focused
   * checkbox) stay in place; cleared on an error.
   */
  protected readonly response = keptWhileLoading(this.results);

  protected readonly facets = computed(() => this.response()?.facets ?? []);
  protected readonly filters = computed(() => activeFilters(this.state(), this.facets()));
  protected readonly filtersToRelax = computed(() => filtersToRelax(this.filters()));
  protected readonly error = computed(() =>
    this.results.status() === 'error' ? toApiError(this.results.error()) : null,
  );
  /** The API's field errors, one line per field. */
  protected readonly fieldErrors = computed(() => {
    const byField = new Map<string, string[]>();
    for (const { field, reason } of this.error()?.errors ?? []) {
      byField.set(field, [...(byField.get(field) ?? []), reason]);
    }
    return [...byField].map(([field, reasons]) => ({ field, reasons: reasons.join('; ') }));
  });
  protected readonly isUnavailable = computed(() => {
    const error = this.error();
    return !!error && (error.statusCode === 503 || error.code === 'search_unavailable' || error.statusCode === 0);
  });
  protected readonly pageCount = computed(() => {
    const response = this.response();
    return response ? pageCount(response.total.value, response.size || PAGE_SIZE) : 1;
  });
  /** Past the numbered pages, "Next" follows the API's cursor; only when there really are more. */
  protected readonly cursorBeyondWindow = computed(() => {
    const response = this.response();
    if (!response?.nextCursor) return null;
    const { value, relation } = response.total;
    return relation === 'gte' || value > MAX_RESULT_WINDOW ? response.nextCursor : null;
  });
  protected readonly firstResultNumber = computed(() => (this.state().page - 1) * (this.response()?.size || PAGE_SIZE) + 1);
  protected readonly remoteOnly = computed(() => {
    const modes = this.state().filters.workMode;
    return modes.length === 1 && modes[0] === 'remote';
  });
  protected readonly distanceUnit = computed(() => (this.state().radius.endsWith('km') ? 'km' : 'mi'));
  protected readonly fieldLabel = fieldLabel;
  protected readonly dropField = dropField;
  protected readonly sortOptions = SEARCH_SORTS.map((value) => ({ value, label: SORT_LABELS[value] }));

  /** What the search is for, in words: “data engineer” in Boston, MA. */
  protected readonly searchedFor = computed(() => {
    const { q, location } = this.state();
    return [q ? `“${q}”` : '', location ? `in ${location}` : ''].filter(Boolean).join(' ');
  });

  /**
   * How the location was understood, where that adds something to what was typed: "Within 25 mi
   * of Boston, MA", or "In Texas" for "tx".
   */
  protected readonly locationNote = computed(() => {
    const place = this.response()?.resolvedLocation;
    const typed = this.state().location;
    if (!place || !typed) return '';
    if (place.radius) return `Within ${place.radius.replace(/(mi|km)$/, ' $1')} of ${place.label}`;
    return place.label.toLowerCase() === typed.toLowerCase() ? '' : `In ${place.label}`;
  });

  /** The results heading: always present, so focus can be put on it after a search. */
  protected readonly heading = computed(() => {
    if (this.error()) return 'Search results unavailable';
    const response = this.response();
    if (!response) return 'Searching…';
    const total = response.total.value === 0 ? 'No jobs' : formatTotal(response.total);
    return this.state().page > 1 ? `${total}, page ${this.state().page}` : total;
  });

  protected readonly showResultsLabel = computed(() => {
    const response = this.response();
    if (!response) return 'Show results';
    return response.total.value === 0 ? 'Show results (none match)' : `Show ${formatTotal(response.total)}`;
  });

  /** Read out by screen readers once a search has finished. */
  protected readonly announcement = computed(() => {
    if (this.results.isLoading()) return '';
    const error = this.error();
    if (error) return this.isUnavailable() ? 'Search is temporarily unavailable.' : 'The search could not be run.';
    const response = this.response();
    if (!response) return '';
    const found = response.total.value === 0 ? 'No jobs found' : `${formatTotal(response.total)} found`;
    const page = this.state().page > 1 ? `, page ${this.state().page}` : '';
    return `${found}${this.searchedFor() ? ` for ${this.searchedFor()}` : ''}${page}.`;
  });

  /** Remembered by the job page, so "Back to search" returns here with this state. */
  protected readonly jobLinkState = computed<JobLinkState>(() => ({
    searchUrl: this.router.serializeUrl(
      this.router.createUrlTree(['/search'], { queryParams: toParams(this.queryParamMap()) }),
    ),
    fromSearch: true,
  }));

  constructor() {
    this.refocusOpenedJobOnReturn();
    // The tab (and each history entry) is named for the search: “nurse” jobs in Boston, MA.
    const title = inject(Title);
    effect(() => {
      const searchedFor = this.searchedFor();
      title.setTitle(`${searchedFor ? `Jobs: ${searchedFor}` : 'Search jobs'} · ${SITE_NAME}`);
    });
    // The drawer is only for narrow screens; widening the window puts the filters back beside the results.
    effect(() => {
      if (!this.isHandset()) this.drawerRef?.close();
    });
  }

  /**
   * Coming back (browser back, or "Back to search") to the list a job was opened from, keyboard
   * focus returns to that job's link; the router restores the scroll position.
   */
  private refocusOpenedJobOnReturn(): void {
    const jobId = this.router.currentNavigation()?.trigger === 'popstate' ? inject(OpenedJob).id() : null;
    if (!jobId) return;
    const host = inject<ElementRef<HTMLElement>>(ElementRef).nativeElement;
    const injector = inject(Injector);
    const watcher = effect(() => {
      if (!this.results.hasValue()) return;
      watcher.destroy();
      afterNextRender(
        () => {
          const link = host.querySelector<HTMLElement>(`.result-list a[href="/jobs/${CSS.escape(jobId)}"]`);
          link?.focus({ preventScroll: true });
        },
        { injector },
      );
    });
  }

  protected applyRefinement(changes: Params): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: changes,
      queryParamsHandling: 'merge',
      // Refining keeps the page where it is (the focused checkbox stays in view).
      scroll: 'manual',
    });
  }

  /** Opens the name/alerts dialog; signed-out users log in first and come back to this search. */
  protected async saveThisSearch(): Promise<void> {
    await this.auth.whenKnown();
    const user = this.auth.user();
    if (!user) {
      void this.router.navigateByUrl(loginUrlTree(this.router, this.router.url));
      return;
    }
    const params = toSavedSearchParams(this.state());
    const data: SavedSearchDialogData = {
      title: 'Save this search',
      submitLabel: 'Save search',
      name: suggestName(params),
      frequency: 'daily',
      channel: user.email ? 'email' : 'sms',
      hasEmail: !!user.email,
      submit: (values) => this.accountsApi.createSavedSearch({ ...values, params }),
    };
    this.dialog
      .open(SavedSearchDialog, { data })
      .afterClosed()
      .subscribe((saved) => {
        if (!saved) return;
        this.snackBar
          .open(`Saved “${saved.name}”. We'll tell you about new matches.`, 'View saved searches', { duration: 6000 })
          .onAction()
          .subscribe(() => void this.router.navigateByUrl('/saved-searches'));
      });
  }

  protected toggleRemoteOnly(selected: boolean): void {
    this.applyRefinement(refine({ workMode: selected ? ['remote'] : null }));
  }

  protected removeFilter(removal: Params): void {
    this.applyRefinement(removal);
  }

  protected clearAllFilters(): void {
    this.applyRefinement(clearFilters());
  }

  protected clearKeywords(): void {
    this.applyRefinement(refine({ q: null }));
  }

  protected changeSort(sort: SearchSort): void {
    this.applyRefinement(refine({ sort: sort === 'relevance' ? null : sort }));
  }

  protected retrySearch(): void {
    this.results.reload();
  }

  /** After a new search or another page, start keyboard and screen-reader users at the results. */
  protected focusResults(): void {
    this.resultsHeading().nativeElement.focus();
  }

  protected openFiltersDrawer(): void {
    this.drawerRef = this.dialog.open(this.filtersDrawer(), {
      position: { top: '0', right: '0' },
      width: 'min(26rem, 100vw)',
      maxWidth: '100vw',
      height: '100dvh',
      maxHeight: '100dvh',
      ariaLabelledBy: 'drawer-facets-title',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    });
    this.drawerRef.afterClosed().subscribe(() => (this.drawerRef = null));
  }

  protected closeFiltersDrawer(): void {
    this.drawerRef?.close();
  }
}
