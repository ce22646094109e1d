import { Component, computed, input } from '@angular/core';

/**
 * Placeholder cards in place of a result list until its first results arrive; hidden from
 * assistive technology (the page announces the results instead).
 */
@Component({
  selector: 'app-result-skeletons',
  template: `
    <ol class="result-list skeleton-list" aria-hidden="true">
      @for (placeholder of placeholders(); track placeholder) {
        <li class="skeleton-card">
          <span class="skeleton-line title"></span>
          <span class="skeleton-line"></span>
          <span class="skeleton-line short"></span>
        </li>
      }
    </ol>
  `,
  styleUrl: './result-skeletons.scss',
  host: { '[class.pulse]': 'pulse()' },
})
export class ResultSkeletons {
  /** How many cards. */
  readonly count = input(4);
  /** Whether the lines pulse (never where the user prefers reduced motion). */
  readonly pulse = input(false);

  protected readonly placeholders = computed(() => Array.from({ length: this.count() }, (_, index) => index));
}
