import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AnalystExportRequest,
  AnalystFieldsResponse,
  AnalystQueryRequest,
  AnalystQueryResponse,
  SavedQuery,
  SavedQueryInput,
} from '@jobportal/contracts';
import { firstValueFrom } from 'rxjs';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';

/** The analyst API (libs/contracts/src/analyst.ts); every call needs the analyst role. */
@Injectable({ providedIn: 'root' })
export class ExploreApi {
  private readonly baseUrl = inject(API_BASE_URL);
  private readonly http = inject(HttpClient);

  fields(): Promise<AnalystFieldsResponse> {
    return firstValueFrom(this.http.get<AnalystFieldsResponse>(apiUrl(this.baseUrl, '/api/analyst/fields')));
  }

  query(request: AnalystQueryRequest): Promise<AnalystQueryResponse> {
    return firstValueFrom(this.http.post<AnalystQueryResponse>(apiUrl(this.baseUrl, '/api/analyst/query'), request));
  }

  /** The export as a file body; the caller offers it as a download. */
  async export(request: AnalystExportRequest): Promise<Blob> {
    try {
      return await firstValueFrom(this.http.post(apiUrl(this.baseUrl, '/api/analyst/export'), request, { responseType: 'blob' }));
    } catch (error) {
      // A blob request gets its error envelope as a Blob too: read it back so the page can show the field and position.
      if (error instanceof HttpErrorResponse && error.error instanceof Blob) {
        let body: unknown = null;
        try {
          body = JSON.parse(await error.error.text());
        } catch {
          body = null;
        }
        throw new HttpErrorResponse({ error: body, status: error.status, statusText: error.statusText, url: error.url ?? undefined });
      }
      throw error;
    }
  }

  savedQueries(): Promise<SavedQuery[]> {
    return firstValueFrom(this.http.get<SavedQuery[]>(apiUrl(this.baseUrl, '/api/analyst/saved-queries')));
  }

  saveQuery(input: SavedQueryInput): Promise<SavedQuery> {
    return firstValueFrom(this.http.post<SavedQuery>(apiUrl(this.baseUrl, '/api/analyst/saved-queries'), input));
  }

  deleteQuery(id: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(apiUrl(this.baseUrl, `/api/analyst/saved-queries/${encodeURIComponent(id)}`)));
  }
}
