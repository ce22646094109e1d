import { Component, computed, input } from '@angular/core';

import { ComingSoon } from '../layout/coming-soon/coming-soon';
import { SearchBox } from './search-box/search-box';

@Component({
  selector: 'app-search-page',
  imports: [ComingSoon, SearchBox],
  template: `
    <app-coming-soon
      icon="search"
      heading="Search job postings"
      summary="Search real postings by title, skill and place, and narrow them down to what suits you."
    >
      <div slot="before" class="search">
        <app-search-box [query]="q() ?? ''" [location]="location() ?? ''" />
        @if (requested()) {
          <p class="requested" role="status">
            Results for {{ requested() }} will appear here once search is available.
          </p>
        }
      </div>
      <li>search by job title, skill or company, with typo tolerance and synonyms;</li>
      <li>filter remote, hybrid or on-site work, experience level, employment type and pay;</li>
      <li>search near a place within a distance you choose;</li>
      <li>sort by relevance, date or pay, and see similar jobs.</li>
    </app-coming-soon>
  `,
  styles: `
    .search {
      margin-bottom: 2rem;
    }

    .requested {
      margin: 1rem 0 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SearchPage {
  /** Bound from the query string (?q=...&location=...) by the router. */
  readonly q = input<string>();
  readonly location = input<string>();

  protected readonly requested = computed(() => {
    const q = this.q()?.trim();
    const location = this.location()?.trim();
    if (q && location) return `“${q}” in ${location}`;
    if (q) return `“${q}”`;
    if (location) return `jobs in ${location}`;
    return '';
  });
}
