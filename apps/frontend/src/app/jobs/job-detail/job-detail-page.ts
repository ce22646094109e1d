import { DatePipe, Location } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, effect, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { SOURCE_LABELS } from '@jobportal/contracts';

import { toApiError } from '../../api/api-error';
import { SITE_NAME } from '../../layout/page-title.strategy';
import { OccupationChip } from '../../occupations/occupation-chip';
import { SaveJobButton } from '../../saved/save-job-button';
import { PageLoadError } from '../../shared/page-load-error';
import { PageSkeleton } from '../../shared/page-skeleton';
import { formatPay } from '../format-pay';
import { JobCard, type JobLinkState } from '../job-card/job-card';
import { EMPLOYMENT_TYPE_LABELS, EXPERIENCE_LABELS, WORK_MODE_LABELS } from '../job-labels';
import { JobsApi, parseJobDetail, parseJobList } from '../jobs-api';
import { RelativeTimePipe } from '../relative-time.pipe';

/** One posting: what it says, how to apply, and similar postings. */
@Component({
  selector: 'app-job-detail-page',
  imports: [
    RouterLink,
    DatePipe,
    RelativeTimePipe,
    MatButtonModule,
    MatIconModule,
    JobCard,
    SaveJobButton,
    OccupationChip,
    PageLoadError,
    PageSkeleton,
  ],
  templateUrl: './job-detail-page.html',
  styleUrls: ['../../../styles/detail-page.scss', './job-detail-page.scss'],
})
export class JobDetailPage {
  private readonly api = inject(JobsApi);
  private readonly location = inject(Location);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  /** Bound from the route (`/jobs/:id`). */
  readonly id = input.required<string>();

  protected readonly job = httpResource(() => this.api.job(this.id()), { parse: parseJobDetail });
  protected readonly similar = httpResource(() => this.api.similar(this.id()), {
    parse: parseJobList,
    defaultValue: [],
  });

  protected readonly error = computed(() => (this.job.status() === 'error' ? toApiError(this.job.error()) : null));
  protected readonly notFound = computed(() => this.error()?.statusCode === 404);

  /**
   * Where "Back to search" leads: the search this job was opened from (kept in the history
   * entry's state by the link), else a fresh search. Re-read for each job, since following a
   * similar job reuses this page.
   */
  private readonly linkState = computed<JobLinkState>(() => {
    this.id();
    const state = this.location.getState() as JobLinkState | null;
    return {
      searchUrl: typeof state?.searchUrl === 'string' && state.searchUrl.startsWith('/search') ? state.searchUrl : undefined,
      fromSearch: state?.fromSearch === true,
    };
  });
  protected readonly backHref = computed(() => this.linkState().searchUrl ?? '/search');
  /** Similar jobs lead back to the same search, but through a link rather than history. */
  protected readonly similarLinkState = computed<JobLinkState>(() => ({
    searchUrl: this.linkState().searchUrl,
    fromSearch: false,
  }));

  protected readonly chips = computed(() => {
    if (!this.job.hasValue()) return [];
    const job = this.job.value();
    return [
      job.workMode ? WORK_MODE_LABELS[job.workMode] : null,
      job.experience ? EXPERIENCE_LABELS[job.experience] : null,
      job.employmentType ? EMPLOYMENT_TYPE_LABELS[job.employmentType] : null,
    ].filter((chip): chip is string => !!chip);
  });
  protected readonly pay = computed(() => (this.job.hasValue() ? formatPay(this.job.value().pay) : null));
  protected readonly applyUrl = computed(() => {
    if (!this.job.hasValue()) return null;
    const url = this.job.value().applyUrl ?? this.job.value().url;
    // Only web links: a javascript: or data: URL in the data must never become a link.
    return url && /^https?:\/\//i.test(url) ? url : null;
  });
  protected readonly applyHost = computed(() => {
    const url = this.applyUrl();
    try {
      return url ? new URL(url).hostname.replace(/^www\./, '') : null;
    } catch {
      return null;
    }
  });
  protected readonly sourceLabel = computed(() =>
    this.job.hasValue() ? (SOURCE_LABELS[this.job.value().source] ?? this.job.value().source) : '',
  );
  protected readonly placeLabel = computed(() => {
    if (!this.job.hasValue()) return null;
    const { text, city, region, country } = this.job.value().location ?? {};
    return city ? [city, region, country].filter(Boolean).join(', ') : (text ?? region ?? null);
  });

  constructor() {
    effect(() => {
      if (this.job.hasValue()) {
        const { title, company } = this.job.value();
        this.title.setTitle(`${title}${company ? ` at ${company}` : ''} · ${SITE_NAME}`);
      } else if (this.notFound()) {
        this.title.setTitle(`Job not available · ${SITE_NAME}`);
      }
    });
  }

  /** Straight from the search, going back restores it exactly (scroll included); otherwise open it. */
  protected returnToSearch(event: MouseEvent): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (this.linkState().fromSearch) {
      this.location.back();
    } else {
      void this.router.navigateByUrl(this.backHref());
    }
  }

  protected retryLoading(): void {
    this.job.reload();
    this.similar.reload();
  }
}
