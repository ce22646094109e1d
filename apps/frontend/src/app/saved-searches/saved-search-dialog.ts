import { Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import {
  ACCOUNT_LIMITS,
  ALERT_CHANNELS,
  ALERT_FREQUENCIES,
  type AlertChannel,
  type AlertFrequency,
  type SavedSearch,
} from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { CHANNEL_LABELS, FREQUENCY_LABELS } from './saved-search-params';

export interface SavedSearchDialogData {
  readonly title: string;
  readonly submitLabel: string;
  readonly name: string;
  readonly frequency: AlertFrequency;
  readonly channel: AlertChannel;
  /** Without an e-mail address on the account, alerts can only be texted. */
  readonly hasEmail: boolean;
  /** Creates or updates the saved search; a rejection keeps the dialog open with the reason. */
  readonly submit: (values: { name: string; frequency: AlertFrequency; channel: AlertChannel }) => Promise<SavedSearch>;
}

/** Name, alert frequency and channel of a saved search, for saving a search and for editing one. */
@Component({
  selector: 'app-saved-search-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatRadioModule],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submitForm()" novalidate>
      <mat-dialog-content class="dialog-body">
        <mat-form-field appearance="outline">
          <mat-label>Name</mat-label>
          <input matInput formControlName="name" [maxlength]="nameMax" required cdkFocusInitial />
          <mat-error>Give the search a name.</mat-error>
        </mat-form-field>

        <fieldset>
          <legend id="frequency-legend">How often to send new matches</legend>
          <mat-radio-group formControlName="frequency" aria-labelledby="frequency-legend" class="radio-column">
            @for (frequency of frequencies; track frequency) {
              <mat-radio-button [value]="frequency">{{ frequencyLabels[frequency] }}</mat-radio-button>
            }
          </mat-radio-group>
        </fieldset>

        <fieldset>
          <legend id="channel-legend">Send alerts by</legend>
          <mat-radio-group formControlName="channel" aria-labelledby="channel-legend" class="radio-row">
            @for (channel of channels; track channel) {
              <mat-radio-button [value]="channel" [disabled]="channel === 'email' && !data.hasEmail">
                {{ channelLabels[channel] }}
              </mat-radio-button>
            }
          </mat-radio-group>
          @if (!data.hasEmail) {
            <p class="hint">Add an e-mail address to your account to get alerts by e-mail.</p>
          }
        </fieldset>

        <p class="form-error" role="alert">{{ error() }}</p>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" [disabled]="saving()">{{ saving() ? 'Saving…' : data.submitLabel }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .dialog-body { display: flex; flex-direction: column; gap: 0.5rem; min-width: min(24rem, 80vw); }
    mat-form-field { width: 100%; margin-top: 0.5rem; }
    fieldset { border: 0; margin: 0; padding: 0; }
    legend { font: var(--mat-sys-title-small); padding: 0; margin-bottom: 0.25rem; }
    .radio-column { display: flex; flex-direction: column; }
    .radio-row { display: flex; flex-wrap: wrap; gap: 1rem; }
    .hint { margin: 0; color: var(--mat-sys-on-surface-variant); font: var(--mat-sys-body-small); }
    .form-error { color: var(--mat-sys-error); margin: 0; }
  `,
})
export class SavedSearchDialog {
  private readonly dialogRef = inject<MatDialogRef<SavedSearchDialog, SavedSearch>>(MatDialogRef);
  protected readonly data = inject<SavedSearchDialogData>(MAT_DIALOG_DATA);

  protected readonly nameMax = ACCOUNT_LIMITS.savedSearchNameMax;
  protected readonly frequencies = ALERT_FREQUENCIES;
  protected readonly channels = ALERT_CHANNELS;
  protected readonly frequencyLabels = FREQUENCY_LABELS;
  protected readonly channelLabels = CHANNEL_LABELS;
  protected readonly saving = signal(false);
  protected readonly error = signal('');

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.name, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(ACCOUNT_LIMITS.savedSearchNameMax)],
    }),
    frequency: new FormControl<AlertFrequency>(this.data.frequency, { nonNullable: true }),
    channel: new FormControl<AlertChannel>(this.data.channel, { nonNullable: true }),
  });

  protected async submitForm(): Promise<void> {
    this.form.markAllAsTouched();
    if (this.form.invalid) return;
    this.saving.set(true);
    this.error.set('');
    try {
      const { name, frequency, channel } = this.form.getRawValue();
      this.dialogRef.close(await this.data.submit({ name: name.trim(), frequency, channel }));
    } catch (error) {
      const apiError = toApiError(error);
      this.error.set(
        apiError.code === 'saved_search_limit'
          ? 'You already have 10 saved searches, the most there can be. Delete one to save this.'
          : apiError.errors.length
            ? apiError.errors.map((e) => `${e.field} ${e.reason}`).join('; ')
            : apiError.message,
      );
    } finally {
      this.saving.set(false);
    }
  }
}
