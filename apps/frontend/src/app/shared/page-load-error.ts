import { Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';

import type { ApiError } from '../api/api-error';

/**
 * A detail page's whole-page notice for a failed load (announced as an alert), with the API's
 * message, or `unavailableMessage` when the service could not be reached, and "Try again".
 */
@Component({
  selector: 'app-page-load-error',
  imports: [MatButtonModule, MatIconModule],
  template: `
    <section class="notice error" role="alert">
      <h1>{{ heading() }}</h1>
      <p>{{ message() }}</p>
      <button mat-flat-button type="button" (click)="retry.emit()">
        <mat-icon svgIcon="refresh" aria-hidden="true" />
        Try again
      </button>
    </section>
  `,
  styleUrl: './page-notice.scss',
})
export class PageLoadError {
  /** The page's h1 while it shows this notice, e.g. "This job could not be loaded". */
  readonly heading = input.required<string>();
  readonly error = input.required<ApiError>();
  /** Said instead of the API's message for a 503 or no answer at all. */
  readonly unavailableMessage = input.required<string>();
  readonly retry = output();

  protected readonly message = computed(() => {
    const { statusCode, message } = this.error();
    return statusCode === 503 || statusCode === 0 ? this.unavailableMessage() : message;
  });
}
