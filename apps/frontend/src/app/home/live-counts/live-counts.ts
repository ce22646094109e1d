import { DatePipe, DecimalPipe, PercentPipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import { API_BASE_URL, apiUrl } from '../../api/api-base-url';
import { WORK_MODE_LABELS, parseStatsOverview } from '../stats-overview';

/** Live size of the postings index, from GET /api/stats/overview. */
@Component({
  selector: 'app-live-counts',
  imports: [DecimalPipe, PercentPipe, DatePipe, MatButtonModule, MatIconModule],
  templateUrl: './live-counts.html',
  styleUrl: './live-counts.scss',
})
export class LiveCounts {
  private readonly apiBaseUrl = inject(API_BASE_URL);

  protected readonly overview = httpResource(
    () => apiUrl(this.apiBaseUrl, '/api/stats/overview'),
    { parse: parseStatsOverview },
  );
  protected readonly workModeLabels = WORK_MODE_LABELS;

  protected retryLoading(): void {
    this.overview.reload();
  }
}
