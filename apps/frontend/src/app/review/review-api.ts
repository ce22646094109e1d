import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ReviewDecisionRequest, ReviewDecisionResponse, ReviewQueueParams, ReviewQueueResponse } from '@jobportal/contracts';
import { firstValueFrom } from 'rxjs';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';
import { queryParams } from '../api/query-params';

/** The review queue API (`/api/review`); every call needs the analyst role. */
@Injectable({ providedIn: 'root' })
export class ReviewApi {
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly http = inject(HttpClient);

  queue(params: ReviewQueueParams): Promise<ReviewQueueResponse> {
    return firstValueFrom(this.http.get<ReviewQueueResponse>(apiUrl(this.baseUrl, '/api/review/postings'), { params: queryParams(params) }));
  }

  decide(postingId: string, decision: ReviewDecisionRequest): Promise<ReviewDecisionResponse> {
    return firstValueFrom(
      this.http.post<ReviewDecisionResponse>(apiUrl(this.baseUrl, `/api/review/postings/${encodeURIComponent(postingId)}`), decision),
    );
  }
}
