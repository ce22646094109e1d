import { Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { SAVED_JOB_STATUSES, type SavedJobStatus } from '@jobportal/contracts';

import { SavedJobItem, STATUS_LABELS } from './saved-job-item';
import { SavedJobsStore } from './saved-jobs-store';

/** Saved jobs as a board: one tab per application status, each job with its status and note. */
@Component({
  selector: 'app-saved-page',
  imports: [RouterLink, MatButtonModule, MatTabsModule, SavedJobItem],
  template: `
    <div class="saved-page">
      <header class="page-header">
        <h1>Saved jobs</h1>
        <a mat-button routerLink="/saved-searches">Saved searches and alerts</a>
      </header>
      @if (store.loadFailed()) {
        <div class="notice" role="alert">
          <p>Your saved jobs could not be loaded.</p>
          <button mat-flat-button type="button" (click)="retryLoading()">Try again</button>
        </div>
      } @else if (store.loading() && !store.jobs().length) {
        <p class="muted" role="status">Loading your saved jobs…</p>
      } @else if (!store.jobs().length) {
        <div class="notice">
          <p>No saved jobs yet. Use <strong>Save</strong> on a job in the search results or on its page to keep it here.</p>
          <a mat-flat-button routerLink="/search">Search jobs</a>
        </div>
      } @else {
        <mat-tab-group [(selectedIndex)]="selectedTab" mat-stretch-tabs="false" animationDuration="0ms">
          @for (column of columns(); track column.status) {
            <mat-tab [label]="column.label + ' (' + column.jobs.length + ')'">
              @if (column.jobs.length) {
                <ul class="job-list">
                  @for (job of column.jobs; track job.jobId) {
                    <li><app-saved-job-item [savedJob]="job" /></li>
                  }
                </ul>
              } @else {
                <p class="muted empty">No jobs with the status {{ column.label }} yet.</p>
              }
            </mat-tab>
          }
        </mat-tab-group>
      }
    </div>
  `,
  styles: `
    .saved-page { padding: 1.5rem 1rem 3rem; max-width: 56rem; }
    .page-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem; }
    h1 { font: var(--mat-sys-headline-small); margin: 0 0 1rem; }
    .job-list { list-style: none; margin: 1rem 0 0; padding: 0; display: flex; flex-direction: column; gap: 1rem; }
    .muted { color: var(--mat-sys-on-surface-variant); }
    .empty { margin: 1.5rem 0; }
    .notice { padding: 1rem; border-radius: 12px; background: var(--mat-sys-surface-container); }
  `,
})
export class SavedPage {
  protected readonly store = inject(SavedJobsStore);
  protected readonly selectedTab = signal(0);

  protected readonly columns = computed(() =>
    SAVED_JOB_STATUSES.map((status: SavedJobStatus) => ({
      status,
      label: STATUS_LABELS[status],
      jobs: this.store.jobs().filter((job) => job.status === status),
    })),
  );

  protected retryLoading(): void {
    void this.store.load();
  }
}
