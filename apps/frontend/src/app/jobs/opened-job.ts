import { Injectable, signal } from '@angular/core';

/**
 * The job last opened from a list, so that a list the user goes back to can put keyboard focus
 * on it again instead of at the top of the page.
 */
@Injectable({ providedIn: 'root' })
export class OpenedJob {
  readonly id = signal<string | null>(null);
}
