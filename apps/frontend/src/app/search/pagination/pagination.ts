import { Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { pageNumbers } from '../search-state';

/** Numbered page links (previous, 1 … 4 5 6 … 20, next); the page is a query param. */
@Component({
  selector: 'app-pagination',
  imports: [RouterLink, MatButtonModule, MatIconModule],
  template: `
    @if (pageCount() > 1 || nextCursor()) {
      <nav class="pagination" aria-label="Result pages">
        <a
          mat-stroked-button
          class="step"
          [routerLink]="[]"
          [queryParams]="pageParams(Math.min(page() - 1, pageCount()))"
          queryParamsHandling="merge"
          [class.hidden]="page() <= 1"
          [attr.aria-hidden]="page() <= 1 || null"
          [attr.tabindex]="page() <= 1 ? -1 : null"
          (click)="pageChosen.emit()"
        >
          Previous<span class="visually-hidden"> page</span>
        </a>
        <ol class="numbers">
          @for (number of numbers(); track $index) {
            <li>
              @if (number === null) {
                <span class="gap" aria-hidden="true">…</span>
              } @else if (number === page()) {
                <a
                  mat-flat-button
                  class="number"
                  [routerLink]="[]"
                  [queryParams]="{}"
                  queryParamsHandling="merge"
                  aria-current="page"
                  [attr.aria-label]="'Page ' + number"
                  (click)="pageChosen.emit()"
                  >{{ number }}</a
                >
              } @else {
                <a
                  mat-button
                  class="number"
                  [routerLink]="[]"
                  [queryParams]="pageParams(number)"
                  queryParamsHandling="merge"
                  [attr.aria-label]="'Page ' + number"
                  (click)="pageChosen.emit()"
                  >{{ number }}</a
                >
              }
            </li>
          }
        </ol>
        <a
          mat-stroked-button
          class="step"
          [routerLink]="[]"
          [queryParams]="nextParams()"
          queryParamsHandling="merge"
          [class.hidden]="!nextParams()"
          [attr.aria-hidden]="!nextParams() || null"
          [attr.tabindex]="nextParams() ? null : -1"
          (click)="pageChosen.emit()"
        >
          Next<span class="visually-hidden"> page</span>
        </a>
      </nav>
    }
  `,
  styles: `
    .pagination {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: center;
      gap: 0.5rem;
      margin-top: 1.5rem;
    }

    .numbers {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .number {
      min-width: 2.75rem;
      padding-inline: 0.5rem;
    }

    .gap {
      display: inline-block;
      min-width: 1.5rem;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }

    .hidden {
      visibility: hidden;
    }

    @media (max-width: 767.98px) {
      .pagination {
        justify-content: space-between;
      }

      .numbers {
        order: -1;
        flex-basis: 100%;
        justify-content: center;
      }
    }
  `,
})
export class Pagination {
  readonly page = input.required<number>();
  readonly pageCount = input.required<number>();
  /**
   * The API's cursor for the page after this one. Past the last numbered page (the end of the
   * 10,000-result window) "Next" follows it; the numbers stay for the pages before.
   */
  readonly nextCursor = input<string | null>(null);
  /** A page link was followed: the page moves focus to the new results. */
  readonly pageChosen = output<void>();

  protected readonly Math = Math;

  protected readonly numbers = computed(() => {
    const numbers = pageNumbers(Math.min(this.page(), this.pageCount()), this.pageCount());
    // A page reached by cursor is shown after the numbered ones.
    return this.page() > this.pageCount() ? [...numbers, null, this.page()] : numbers;
  });

  protected readonly nextParams = computed(() => {
    const next = this.page() + 1;
    if (next <= this.pageCount()) return this.pageParams(next);
    const cursor = this.nextCursor();
    return cursor ? { page: next, after: cursor } : null;
  });

  /** Numbered pages are reached by number; going back to one drops any cursor. */
  protected pageParams(page: number): { page: number | null; after: null } {
    return { page: page > 1 ? page : null, after: null };
  }
}
