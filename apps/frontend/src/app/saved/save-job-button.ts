import { Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';

import { toApiError } from '../api/api-error';
import { AuthState } from '../account/auth-state';
import { loginUrlTree } from '../account/auth.guard';
import { SavedJobsStore } from './saved-jobs-store';

/** Saves or un-saves one job; signed-out users are sent to log in and brought back. */
@Component({
  selector: 'app-save-job-button',
  imports: [MatButtonModule, MatIconModule],
  template: `
    @if (compact()) {
      <button
        mat-icon-button
        type="button"
        class="save-toggle"
        [class.saved]="saved()"
        [attr.aria-pressed]="saved()"
        [attr.aria-label]="(saved() ? 'Saved: ' : 'Save ') + jobTitle()"
        [disabled]="busy()"
        (click)="toggleSaved()"
      >
        <mat-icon [svgIcon]="saved() ? 'bookmark' : 'bookmark-border'" aria-hidden="true" />
      </button>
    } @else {
      <button
        mat-stroked-button
        type="button"
        class="save-toggle"
        [class.saved]="saved()"
        [attr.aria-pressed]="saved()"
        [disabled]="busy()"
        (click)="toggleSaved()"
      >
        <mat-icon [svgIcon]="saved() ? 'bookmark' : 'bookmark-border'" aria-hidden="true" />
        {{ saved() ? 'Saved' : 'Save' }}
      </button>
    }
  `,
  styles: `
    .save-toggle.saved { color: var(--mat-sys-primary); }
  `,
})
export class SaveJobButton {
  private readonly store = inject(SavedJobsStore);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  readonly jobId = input.required<string>();
  /** For the accessible name of the icon-only button. */
  readonly jobTitle = input('this job');
  /** An icon button (search results) instead of a labelled one (job page). */
  readonly compact = input(false);

  protected readonly saved = computed(() => this.store.isSaved(this.jobId()));
  protected readonly busy = signal(false);

  protected async toggleSaved(): Promise<void> {
    await this.auth.whenKnown();
    if (!this.auth.signedIn()) {
      void this.router.navigateByUrl(loginUrlTree(this.router, this.router.url));
      return;
    }
    this.busy.set(true);
    try {
      if (this.saved()) {
        await this.store.remove(this.jobId());
        this.snackBar.open('Removed from saved jobs', undefined, { duration: 3000, politeness: 'polite' });
      } else {
        await this.store.save(this.jobId());
        this.snackBar.open('Saved. Find it under Saved jobs.', undefined, { duration: 3000, politeness: 'polite' });
      }
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.statusCode !== 401) {
        this.snackBar.open(
          apiError.code === 'job_not_found' ? 'This job is no longer available to save.' : `Could not update saved jobs: ${apiError.message}`,
          'Dismiss',
          { duration: 6000 },
        );
      }
    } finally {
      this.busy.set(false);
    }
  }
}
