import { DecimalPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { JobCategory } from '@jobportal/contracts';

import { JobsApi, parseCategories } from '../../jobs/jobs-api';

interface CategoryGroup {
  readonly id: string;
  readonly heading: string;
  readonly categories: readonly JobCategory[];
}

/** Tiles for ways in (remote, hybrid, on-site, each experience level), from GET /api/jobs/categories. */
@Component({
  selector: 'app-job-categories',
  imports: [DecimalPipe, RouterLink, MatButtonModule, MatIconModule],
  templateUrl: './job-categories.html',
  styleUrl: './job-categories.scss',
})
export class JobCategories {
  private readonly api = inject(JobsApi);

  protected readonly categories = httpResource(() => this.api.categories(), {
    parse: parseCategories,
  });

  protected readonly groups = computed<CategoryGroup[]>(() => {
    if (!this.categories.hasValue()) return [];
    const all = this.categories.value();
    const byWorkMode = all.filter((c) => c.params.workMode);
    const byExperience = all.filter((c) => c.params.experience && !c.params.workMode);
    const other = all.filter((c) => !byWorkMode.includes(c) && !byExperience.includes(c));
    return [
      { id: 'work-mode', heading: 'By where you work', categories: byWorkMode },
      { id: 'experience', heading: 'By experience level', categories: byExperience },
      { id: 'other', heading: 'More ways in', categories: other },
    ].filter((group) => group.categories.length > 0);
  });

  protected examples(category: JobCategory): string {
    const titles = [...new Set(category.top.map((job) => job.title))].slice(0, 2);
    return titles.length ? `e.g. ${titles.join(', ')}` : '';
  }

  protected retryLoading(): void {
    this.categories.reload();
  }
}
