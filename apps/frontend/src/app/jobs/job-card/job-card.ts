import { Component, computed, inject, input } from '@angular/core';
import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { RouterLink } from '@angular/router';
import type { JobSummary } from '@jobportal/contracts';

import { OccupationChip } from '../../occupations/occupation-chip';
import { SaveJobButton } from '../../saved/save-job-button';
import { formatPay } from '../format-pay';
import { EMPLOYMENT_TYPE_LABELS, EXPERIENCE_LABELS, WORK_MODE_LABELS } from '../job-labels';
import { OpenedJob } from '../opened-job';
import { RelativeTimePipe } from '../relative-time.pipe';

/** Skills shown on a card; the detail page lists them all. */
const CARD_SKILLS = 6;

/** What a page linking to a job remembers, so the job page can lead back to it. */
export interface JobLinkState {
  /** URL of the search the job was opened from (with its query string). */
  readonly searchUrl?: string;
  /** True when the job page was opened straight from that search, so history.back() returns to it. */
  readonly fromSearch?: boolean;
}

/** One job in a list: search results (with highlighted snippets) and similar jobs. */
@Component({
  selector: 'app-job-card',
  imports: [RouterLink, NgTemplateOutlet, DecimalPipe, RelativeTimePipe, SaveJobButton, OccupationChip],
  templateUrl: './job-card.html',
  styleUrl: './job-card.scss',
})
export class JobCard {
  private readonly openedJob = inject(OpenedJob);

  readonly job = input.required<JobSummary>();
  readonly linkState = input<JobLinkState>({});
  /** Heading level of the title, so the card fits the page's outline. */
  readonly headingLevel = input<2 | 3>(3);
  readonly compact = input(false);
  /** Unit of `job.distance`: the one the search's radius was given in. */
  readonly distanceUnit = input<'mi' | 'km'>('mi');
  /** Shows a save toggle in the corner (search results). */
  readonly saveable = input(false);

  protected rememberOpenedJob(): void {
    this.openedJob.id.set(this.job().id);
  }

  protected readonly tags = computed(() => {
    const job = this.job();
    return [
      job.workMode ? WORK_MODE_LABELS[job.workMode] : null,
      job.experience ? EXPERIENCE_LABELS[job.experience] : null,
      job.employmentType ? EMPLOYMENT_TYPE_LABELS[job.employmentType] : null,
    ].filter((tag): tag is string => !!tag);
  });
  protected readonly pay = computed(() => formatPay(this.job().pay));
  protected readonly location = computed(() => {
    const { text, city, regionCode, region } = this.job().location ?? {};
    return city ? [city, regionCode ?? region].filter(Boolean).join(', ') : (text ?? region ?? null);
  });
  protected readonly skills = computed(() => this.job().skills.slice(0, CARD_SKILLS));
  protected readonly moreSkills = computed(() => Math.max(0, this.job().skills.length - CARD_SKILLS));
  /** Server-made HTML with <mark> around matches; lists without a query have none. */
  protected readonly titleHtml = computed(() => this.job().highlights?.title ?? null);
  /** Server-made HTML: everything escaped except <mark> around matches. */
  protected readonly snippet = computed(() => this.job().highlights?.description?.join(' … ') ?? '');
}
