import { DatePipe, LowerCasePipe } from '@angular/common';
import { Component, inject, resource } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { ACCOUNT_LIMITS, type SavedSearch } from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { AccountsApi } from '../account/accounts-api';
import { AuthState } from '../account/auth-state';
import { SavedSearchDialog, type SavedSearchDialogData } from './saved-search-dialog';
import { CHANNEL_LABELS, FREQUENCY_LABELS, describeParams, searchQueryParams } from './saved-search-params';

/** The user's saved searches: run one, change its name and alerts, or delete it. */
@Component({
  selector: 'app-saved-searches-page',
  imports: [DatePipe, LowerCasePipe, RouterLink, MatButtonModule, MatIconModule],
  template: `
    <div class="saved-searches-page">
      <header class="page-header">
        <h1>Saved searches</h1>
        <a mat-button routerLink="/saved">Saved jobs</a>
      </header>
      <p class="intro">
        We let you know about new jobs that match, by e-mail or text message. Up to {{ limit }} searches.
      </p>

      @if (searches.error(); as error) {
        <div class="notice" role="alert">
          <p>Your saved searches could not be loaded.</p>
          <button mat-flat-button type="button" (click)="searches.reload()">Try again</button>
        </div>
      } @else if (searches.hasValue()) {
        @if (searches.value().length) {
          <ul class="search-list">
            @for (search of searches.value(); track search.id) {
              <li class="saved-search">
                <h2 class="name">{{ search.name }}</h2>
                <p class="describe">{{ describe(search) }}</p>
                <p class="alerts">
                  <mat-icon svgIcon="notifications" aria-hidden="true" />
                  {{ frequencyLabels[search.frequency] }} by {{ channelLabels[search.channel] | lowercase }}
                  <span class="muted"> · saved {{ search.createdAt | date: 'mediumDate' }}</span>
                </p>
                <div class="actions">
                  <button mat-flat-button type="button" [attr.aria-label]="'Run now: ' + search.name" (click)="runSearch(search)">
                    Run now
                  </button>
                  <button mat-stroked-button type="button" [attr.aria-label]="'Edit ' + search.name" (click)="editSearch(search)">
                    Edit
                  </button>
                  <button mat-button type="button" [attr.aria-label]="'Delete ' + search.name" (click)="deleteSearch(search)">
                    <mat-icon svgIcon="delete" aria-hidden="true" />
                    Delete
                  </button>
                </div>
              </li>
            }
          </ul>
        } @else {
          <div class="notice">
            <p>No saved searches yet. Run a search, then choose <strong>Save this search</strong> to get alerts.</p>
            <a mat-flat-button routerLink="/search">Search jobs</a>
          </div>
        }
      } @else {
        <p class="muted" role="status">Loading your saved searches…</p>
      }
    </div>
  `,
  styles: `
    .saved-searches-page { padding: 1.5rem 1rem 3rem; max-width: 56rem; }
    .page-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 0.5rem; }
    h1 { font: var(--mat-sys-headline-small); margin: 0 0 0.5rem; }
    .intro, .muted { color: var(--mat-sys-on-surface-variant); }
    .search-list { list-style: none; margin: 1rem 0 0; padding: 0; display: flex; flex-direction: column; gap: 1rem; }
    .saved-search { padding: 1rem; border-radius: 12px; background: var(--mat-sys-surface-container-low); }
    .name { margin: 0 0 0.25rem; font: var(--mat-sys-title-medium); }
    .describe { margin: 0 0 0.5rem; }
    .alerts { display: flex; align-items: center; gap: 0.5rem; margin: 0 0 0.75rem; }
    .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; }
    .notice { padding: 1rem; border-radius: 12px; background: var(--mat-sys-surface-container); }
  `,
})
export class SavedSearchesPage {
  private readonly api = inject(AccountsApi);
  private readonly auth = inject(AuthState);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);

  protected readonly limit = ACCOUNT_LIMITS.savedSearchesPerUser;
  protected readonly frequencyLabels = FREQUENCY_LABELS;
  protected readonly channelLabels = CHANNEL_LABELS;
  protected readonly searches = resource({ loader: () => this.api.savedSearches() });

  protected describe(search: SavedSearch): string {
    return describeParams(search.params);
  }

  protected runSearch(search: SavedSearch): void {
    void this.router.navigate(['/search'], { queryParams: searchQueryParams(search.params) });
  }

  protected editSearch(search: SavedSearch): void {
    const data: SavedSearchDialogData = {
      title: 'Edit saved search',
      submitLabel: 'Save changes',
      name: search.name,
      frequency: search.frequency,
      channel: search.channel,
      hasEmail: !!this.auth.user()?.email || search.channel === 'email',
      submit: (values) => this.api.updateSavedSearch(search.id, values),
    };
    this.dialog
      .open<SavedSearchDialog, SavedSearchDialogData, SavedSearch>(SavedSearchDialog, { data })
      .afterClosed()
      .subscribe((updated) => {
        if (!updated) return;
        this.searches.update((list) => list?.map((s) => (s.id === updated.id ? updated : s)));
        this.snackBar.open('Saved search updated', undefined, { duration: 3000 });
      });
  }

  protected async deleteSearch(search: SavedSearch): Promise<void> {
    if (!confirm(`Delete the saved search “${search.name}”? Its alerts stop.`)) return;
    try {
      await this.api.deleteSavedSearch(search.id);
      this.searches.update((list) => list?.filter((s) => s.id !== search.id));
      this.snackBar.open(`Deleted “${search.name}”`, undefined, { duration: 3000 });
    } catch (error) {
      this.snackBar.open(`Could not delete: ${toApiError(error).message}`, 'Dismiss', { duration: 6000 });
    }
  }
}
