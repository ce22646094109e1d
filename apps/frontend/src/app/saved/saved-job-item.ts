import { DatePipe } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input, linkedSignal, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { RouterLink } from '@angular/router';
import { ACCOUNT_LIMITS, SAVED_JOB_STATUSES, type JobDetail, type SavedJob, type SavedJobStatus } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { formatPay } from '../jobs/format-pay';
import { JobsApi } from '../jobs/jobs-api';
import { SavedJobsStore } from './saved-jobs-store';

export const STATUS_LABELS: Record<SavedJobStatus, string> = {
  saved: 'Saved',
  applied: 'Applied',
  interviewing: 'Interviewing',
  offer: 'Offer',
  rejected: 'Rejected',
};

/** One saved job on the board: its snapshot, its status, a note, and removal. */
@Component({
  selector: 'app-saved-job-item',
  imports: [DatePipe, RouterLink, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule],
  template: `
    @let item = savedJob();
    <article class="saved-job" [attr.aria-labelledby]="'saved-title-' + item.jobId">
      <h3 class="title" [id]="'saved-title-' + item.jobId">
        @if (available() === false) {
          {{ item.job.title }}
        } @else {
          <a [routerLink]="['/jobs', item.jobId]">{{ item.job.title }}</a>
        }
      </h3>
      <p class="meta">
        @if (item.job.company) {
          <span class="company">{{ item.job.company }}</span>
        }
        @if (item.job.location) {
          <span>{{ item.job.location }}</span>
        }
        @if (pay()) {
          <span class="pay">{{ pay() }}</span>
        }
        <span>Saved {{ item.savedAt | date: 'mediumDate' }}</span>
      </p>
      @if (expired()) {
        <p class="gone expired" role="status">
          <mat-icon svgIcon="warning" aria-hidden="true" />
          Expired — the posting is gone from its source; it still opens here.
        </p>
      }
      @if (available() === false) {
        <p class="gone">
          <mat-icon svgIcon="warning" aria-hidden="true" />
          No longer available — this posting was taken down; your copy is kept here.
        </p>
      }

      <div class="controls">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="status">
          <mat-label>Status</mat-label>
          <mat-select [value]="item.status" (valueChange)="changeStatus($event)" [disabled]="busy()">
            @for (status of statuses; track status) {
              <mat-option [value]="status">{{ statusLabels[status] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <button mat-button type="button" class="remove" [attr.aria-label]="'Remove ' + item.job.title" [disabled]="busy()" (click)="removeJob()">
          <mat-icon svgIcon="delete" aria-hidden="true" />
          Remove
        </button>
      </div>

      <form class="note-form" (submit)="$event.preventDefault(); saveNote()">
        <mat-form-field appearance="outline" subscriptSizing="dynamic" class="note">
          <mat-label>Note</mat-label>
          <textarea
            matInput
            rows="2"
            [maxLength]="noteMax"
            [value]="note()"
            (input)="note.set($any($event.target).value)"
            placeholder="Contact, interview date, what to follow up…"
          ></textarea>
        </mat-form-field>
        @if (noteChanged()) {
          <button mat-stroked-button type="submit" [disabled]="busy()">Save note</button>
        }
      </form>
    </article>
  `,
  styles: `
    .saved-job {
      padding: 1rem;
      border-radius: 12px;
      background: var(--mat-sys-surface-container-low);
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
    }
    .title { margin: 0; font: var(--mat-sys-title-medium); }
    .meta { margin: 0; display: flex; flex-wrap: wrap; gap: 0.25rem 1rem; color: var(--mat-sys-on-surface-variant); }
    .company { font-weight: 500; color: var(--mat-sys-on-surface); }
    .gone { display: flex; gap: 0.5rem; align-items: center; margin: 0; color: var(--mat-sys-error); }
    .controls { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; justify-content: space-between; }
    .status { width: 12rem; }
    .note-form { display: flex; flex-direction: column; align-items: flex-start; gap: 0.5rem; }
    .note { width: 100%; }
  `,
})
export class SavedJobItem {
  private readonly store = inject(SavedJobsStore);
  private readonly jobsApi = inject(JobsApi);
  private readonly snackBar = inject(MatSnackBar);

  readonly savedJob = input.required<SavedJob>();

  protected readonly statuses = SAVED_JOB_STATUSES;
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly noteMax = ACCOUNT_LIMITS.noteMax;
  protected readonly busy = signal(false);
  protected readonly note = linkedSignal(() => this.savedJob().note ?? '');
  protected readonly noteChanged = computed(() => this.note() !== (this.savedJob().note ?? ''));
  protected readonly pay = computed(() => formatPay(this.savedJob().job.pay));

  /** Whether the posting is still in the index: null while checking or when that is unknown. */
  private readonly posting = httpResource<unknown>(() => this.jobsApi.job(this.savedJob().jobId));
  /** Gone from its source (the crawler expired it): it still opens, marked expired. */
  protected readonly expired = computed(
    () => this.savedJob().postingStatus === 'expired' || (this.posting.hasValue() && (this.posting.value() as Pick<JobDetail, 'status'>).status === 'expired'),
  );
  protected readonly available = computed(() => {
    if (this.posting.hasValue()) return true;
    return this.posting.status() === 'error' && toApiError(this.posting.error()).statusCode === 404 ? false : null;
  });

  protected async changeStatus(status: SavedJobStatus): Promise<void> {
    await this.update({ status }, `Moved to ${STATUS_LABELS[status]}`);
  }

  protected async saveNote(): Promise<void> {
    await this.update({ note: this.note().trim() || null }, 'Note saved');
  }

  protected async removeJob(): Promise<void> {
    this.busy.set(true);
    try {
      await this.store.remove(this.savedJob().jobId);
      this.snackBar.open(`Removed “${this.savedJob().job.title}”`, undefined, { duration: 3000 });
    } catch (error) {
      this.reportFailure(error);
    } finally {
      this.busy.set(false);
    }
  }

  private async update(changes: { status?: SavedJobStatus; note?: string | null }, done: string): Promise<void> {
    this.busy.set(true);
    try {
      await this.store.save(this.savedJob().jobId, changes);
      this.snackBar.open(done, undefined, { duration: 3000 });
    } catch (error) {
      this.reportFailure(error);
    } finally {
      this.busy.set(false);
    }
  }

  private reportFailure(error: unknown): void {
    const apiError = toApiError(error);
    const reason = apiError.errors[0] ? `${apiError.errors[0].field} ${apiError.errors[0].reason}` : apiError.message;
    this.snackBar.open(`Could not update this job: ${reason}`, 'Dismiss', { duration: 6000 });
  }
}
