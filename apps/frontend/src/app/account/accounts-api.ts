import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CodeChallenge,
  CreateSavedSearchRequest,
  LoginRequest,
  Me,
  SaveJobRequest,
  SavedJob,
  SavedJobStatus,
  SavedSearch,
  SessionInfo,
  SignupRequest,
  TotpEnrollment,
  UpdateSavedSearchRequest,
  VerifyCodeRequest,
} from '@jobportal/contracts';
import { firstValueFrom, type Observable } from 'rxjs';

import { API_BASE_URL, apiUrl } from '../api/api-base-url';

/**
 * Requests for the accounts API (`/api/auth/...`, `/api/me/...`). Each returns a promise that
 * rejects with the HttpErrorResponse; read it with `toApiError`.
 */
@Injectable({ providedIn: 'root' })
export class AccountsApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  private url(path: `/api/${string}`): string {
    return apiUrl(this.baseUrl, path);
  }

  private send<T>(request: Observable<T>): Promise<T> {
    return firstValueFrom(request);
  }

  signup(body: SignupRequest): Promise<CodeChallenge> {
    return this.send(this.http.post<CodeChallenge>(this.url('/api/auth/signup'), body));
  }

  login(body: LoginRequest): Promise<CodeChallenge> {
    return this.send(this.http.post<CodeChallenge>(this.url('/api/auth/login'), body));
  }

  resend(challengeId: string): Promise<CodeChallenge> {
    return this.send(this.http.post<CodeChallenge>(this.url('/api/auth/resend'), { challengeId }));
  }

  verify(body: VerifyCodeRequest): Promise<Me> {
    return this.send(this.http.post<Me>(this.url('/api/auth/verify'), body));
  }

  logout(): Promise<unknown> {
    return this.send(this.http.post(this.url('/api/auth/logout'), null));
  }

  me(): Promise<Me> {
    return this.send(this.http.get<Me>(this.url('/api/me')));
  }

  startTotpEnrollment(): Promise<TotpEnrollment> {
    return this.send(this.http.post<TotpEnrollment>(this.url('/api/me/totp'), null));
  }

  confirmTotp(code: string): Promise<Me> {
    return this.send(this.http.post<Me>(this.url('/api/me/totp/confirm'), { code }));
  }

  disableTotp(): Promise<Me> {
    return this.send(this.http.delete<Me>(this.url('/api/me/totp')));
  }

  sessions(): Promise<SessionInfo[]> {
    return this.send(this.http.get<SessionInfo[]>(this.url('/api/me/sessions')));
  }

  revokeSession(id: string): Promise<unknown> {
    return this.send(this.http.delete(this.url(`/api/me/sessions/${encodeURIComponent(id)}`)));
  }

  savedJobs(status?: SavedJobStatus): Promise<SavedJob[]> {
    const params: Record<string, string> = status ? { status } : {};
    return this.send(this.http.get<SavedJob[]>(this.url('/api/me/saved-jobs'), { params }));
  }

  saveJob(jobId: string, body: SaveJobRequest = {}): Promise<SavedJob> {
    return this.send(this.http.put<SavedJob>(this.url(`/api/me/saved-jobs/${encodeURIComponent(jobId)}`), body));
  }

  removeSavedJob(jobId: string): Promise<unknown> {
    return this.send(this.http.delete(this.url(`/api/me/saved-jobs/${encodeURIComponent(jobId)}`)));
  }

  savedSearches(): Promise<SavedSearch[]> {
    return this.send(this.http.get<SavedSearch[]>(this.url('/api/me/saved-searches')));
  }

  createSavedSearch(body: CreateSavedSearchRequest): Promise<SavedSearch> {
    return this.send(this.http.post<SavedSearch>(this.url('/api/me/saved-searches'), body));
  }

  updateSavedSearch(id: string, body: UpdateSavedSearchRequest): Promise<SavedSearch> {
    return this.send(
      this.http.patch<SavedSearch>(this.url(`/api/me/saved-searches/${encodeURIComponent(id)}`), body),
    );
  }

  deleteSavedSearch(id: string): Promise<unknown> {
    return this.send(this.http.delete(this.url(`/api/me/saved-searches/${encodeURIComponent(id)}`)));
  }
}

/** Seconds to wait from a 429's Retry-After header (seconds or an HTTP date), if it has one. */
export function retryAfterSeconds(error: unknown): number | null {
  const headers = (error as HttpResponse<unknown> | null)?.headers;
  const value = headers?.get?.('Retry-After');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}
