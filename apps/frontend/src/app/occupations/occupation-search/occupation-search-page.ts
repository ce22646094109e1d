import { LowerCasePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import {
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, RouterLink } from '@angular/router';

import { toApiError } from '../../api/api-error';
import { SITE_NAME } from '../../layout/page-title.strategy';
import { Pagination } from '../../search/pagination/pagination';
import { keptWhileLoading } from '../../shared/kept-while-loading';
import { ResultSkeletons } from '../../shared/result-skeletons';
import { describeGrowth, formatChangePercent, formatDollars } from '../occupation-format';
import { OCCUPATION_PAGE_SIZE, OccupationsApi, parseOccupationSearch } from '../occupations-api';
import { OccupationSearchBox } from '../occupation-search-box/occupation-search-box';

/** Searches to start from when the box is empty. */
const EXAMPLE_QUERIES = ['Registered nurse', 'Truck driver', 'Software developer', 'Line cook', 'Electrician', 'Medical assistant'];

/** Why a hit matched, where it was not its own title. */
const MATCHED_ON_LABELS: Record<string, string> = {
  alternate_title: 'Also called',
  reported_title: 'Job title seen',
  short_title: 'Also called',
  task: 'Task',
  description: 'Description',
  technology: 'Technology',
};

/**
 * Occupation keyword search (O*NET style: titles and alternate titles first, then tasks). The
 * query and page live in the URL, so a search can be shared and the back button restores it.
 */
@Component({
  selector: 'app-occupation-search-page',
  imports: [RouterLink, LowerCasePipe, MatButtonModule, MatIconModule, MatProgressBarModule, Pagination, OccupationSearchBox, ResultSkeletons],
  templateUrl: './occupation-search-page.html',
  styleUrl: './occupation-search-page.scss',
})
export class OccupationSearchPage {
  private readonly api = inject(OccupationsApi);
  private readonly injector = inject(Injector);
  private readonly resultsHeading = viewChild<ElementRef<HTMLElement>>('resultsHeading');

  private readonly queryParamMap = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  protected readonly q = computed(() => (this.queryParamMap().get('q') ?? '').trim());
  protected readonly page = computed(() => {
    const page = Number(this.queryParamMap().get('page'));
    return Number.isInteger(page) && page > 1 ? page : 1;
  });

  protected readonly results = httpResource(
    () => (this.q() ? this.api.search(this.q(), this.page()) : undefined),
    { parse: parseOccupationSearch },
  );
  /** The last results stay in place while the next ones load; cleared on an error or an empty box. */
  protected readonly response = keptWhileLoading(this.results);

  protected readonly error = computed(() => (this.results.status() === 'error' ? toApiError(this.results.error()) : null));
  protected readonly pageCount = computed(() =>
    Math.max(1, Math.ceil((this.response()?.total ?? 0) / OCCUPATION_PAGE_SIZE)),
  );
  protected readonly firstResultNumber = computed(() => (this.page() - 1) * OCCUPATION_PAGE_SIZE + 1);

  protected readonly heading = computed(() => {
    if (this.error()) return 'Occupations could not be searched';
    const response = this.response();
    if (!response) return 'Searching…';
    const total = response.total === 0 ? 'No occupations' : `${response.total.toLocaleString('en-US')} occupation${response.total === 1 ? '' : 's'}`;
    return this.page() > 1 ? `${total}, page ${this.page()}` : total;
  });

  /** Read out by screen readers once a search has finished. */
  protected readonly announcement = computed(() => {
    if (!this.q() || this.results.isLoading()) return '';
    if (this.error()) return 'Occupations could not be searched.';
    const response = this.response();
    if (!response) return '';
    return `${response.total === 0 ? 'No occupations' : `${response.total.toLocaleString('en-US')} occupations`} found for “${this.q()}”.`;
  });

  protected readonly examples = EXAMPLE_QUERIES;
  protected readonly formatDollars = formatDollars;
  protected readonly formatChangePercent = formatChangePercent;
  protected readonly describeGrowth = describeGrowth;

  constructor() {
    const title = inject(Title);
    effect(() => {
      const q = this.q();
      title.setTitle(`${q ? `Occupations: “${q}”` : 'Occupations'} · ${SITE_NAME}`);
    });
  }

  protected matchedOnLabel(matchedOn: string | null): string {
    return (matchedOn && MATCHED_ON_LABELS[matchedOn]) || 'Matched';
  }

  protected retrySearch(): void {
    this.results.reload();
  }

  /** After a new search or another page, start keyboard and screen-reader users at the results. */
  protected focusResults(): void {
    // The heading appears with the first query; wait for it to render.
    afterNextRender(() => this.resultsHeading()?.nativeElement.focus(), { injector: this.injector });
  }
}
