import { Component, input } from '@angular/core';

/** A detail page's placeholder while it loads: grey lines, and an h1 for screen readers. */
@Component({
  selector: 'app-page-skeleton',
  template: `
    <div class="skeleton" aria-busy="true">
      <h1 class="visually-hidden">{{ label() }}</h1>
      <span class="skeleton-line title" aria-hidden="true"></span>
      <span class="skeleton-line" aria-hidden="true"></span>
      <span class="skeleton-line short" aria-hidden="true"></span>
    </div>
  `,
  styleUrl: './page-skeleton.scss',
})
export class PageSkeleton {
  /** The hidden heading, e.g. "Loading job…". */
  readonly label = input.required<string>();
}
