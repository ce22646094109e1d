import { Injectable, computed, effect, inject, signal } from '@angular/core';
import type { SaveJobRequest, SavedJob } from '@jobportal/contracts';

import { AccountsApi } from '../account/accounts-api';
import { AuthState } from '../account/auth-state';

/**
 * The signed-in user's saved jobs, shared by the save buttons (search results, job page) and the
 * saved jobs board, so a job saved in one place shows as saved everywhere.
 */
@Injectable({ providedIn: 'root' })
export class SavedJobsStore {
  private readonly api = inject(AccountsApi);
  private readonly auth = inject(AuthState);
  private readonly byId = signal<ReadonlyMap<string, SavedJob>>(new Map());
  private readonly loadState = signal<'idle' | 'loading' | 'loaded' | 'error'>('idle');

  /** Most recently changed first, as the API lists them. */
  readonly jobs = computed(() => [...this.byId().values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
  readonly loading = computed(() => this.loadState() === 'loading');
  readonly loadFailed = computed(() => this.loadState() === 'error');

  constructor() {
    effect(() => {
      if (this.auth.signedIn()) {
        void this.load();
      } else {
        this.byId.set(new Map());
        this.loadState.set('idle');
      }
    });
  }

  isSaved(jobId: string): boolean {
    return this.byId().has(jobId);
  }

  async load(): Promise<void> {
    this.loadState.set('loading');
    try {
      const jobs = await this.api.savedJobs();
      this.byId.set(new Map(jobs.map((job) => [job.jobId, job])));
      this.loadState.set('loaded');
    } catch {
      this.loadState.set('error');
    }
  }

  async save(jobId: string, changes: SaveJobRequest = {}): Promise<SavedJob> {
    const saved = await this.api.saveJob(jobId, changes);
    this.byId.update((map) => new Map(map).set(jobId, saved));
    return saved;
  }

  async remove(jobId: string): Promise<void> {
    try {
      await this.api.removeSavedJob(jobId);
    } catch (error) {
      // Already gone (removed in another tab): the outcome is the one asked for.
      if ((error as { status?: number }).status !== 404) throw error;
    }
    this.byId.update((map) => {
      const next = new Map(map);
      next.delete(jobId);
      return next;
    });
  }
}
