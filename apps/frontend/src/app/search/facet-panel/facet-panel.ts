import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { Component, computed, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import type { Params } from '@angular/router';
import { type Facet, type FacetBucket, POSTED_WITHIN, type PostedWithin } from '@jobportal/contracts';

import { formatAnnualThreshold } from '../../jobs/format-pay';
import { FACET_LABELS, POSTED_WITHIN_LABELS } from '../../jobs/job-labels';
import {
  type ListFilterKey,
  type SearchState,
  activeFilters,
  clearFilters,
  facetOf,
  listFilterLabel,
  refine,
  toggleListFilter,
} from '../search-state';

/** Buckets shown before "Show more". */
const TOP_BUCKETS = 5;
/** Annual pay thresholds offered for the pay range. */
const PAY_THRESHOLDS = [20_000, 30_000, 40_000, 50_000, 60_000, 75_000, 100_000, 125_000, 150_000, 200_000];
/** Checkbox groups above pay and date; the others follow them. */
const PRIMARY_GROUPS: ReadonlySet<ListFilterKey> = new Set(['workMode', 'experience', 'employmentType']);
/** Order of the checkbox groups in the panel. */
const GROUP_ORDER: readonly ListFilterKey[] = [
  'workMode',
  'experience',
  'employmentType',
  'place',
  'company',
  'skills',
  'occupation',
  'source',
];

/** "50000-75000" -> min "50000", max "75000"; an open end is ''. */
function parsePayBand(value: string): { min: string; max: string } {
  const [min = '', max = ''] = value.split('-');
  return { min, max };
}

interface CheckboxGroup {
  readonly key: ListFilterKey;
  readonly label: string;
  readonly buckets: readonly FacetBucket[];
  readonly hiddenCount: number;
  readonly expanded: boolean;
}

/**
 * The filters beside the results (or in the mobile drawer). It only says what should change:
 * every control emits query-param changes, and the page navigates.
 */
@Component({
  selector: 'app-facet-panel',
  imports: [DecimalPipe, NgTemplateOutlet, MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatRadioModule, MatSelectModule],
  templateUrl: './facet-panel.html',
  styleUrl: './facet-panel.scss',
})
export class FacetPanel {
  readonly state = input.required<SearchState>();
  readonly facets = input.required<readonly Facet[]>();
  /** Prefix for element ids, so two panels (page and drawer) never share one. */
  readonly idPrefix = input('facets');
  /** Beside the results the active-filter chips have their own "Clear all"; the drawer needs this one. */
  readonly showClearAll = input(true);
  readonly refined = output<Params>();

  private readonly expandedGroups = signal<ReadonlySet<ListFilterKey>>(new Set());

  protected readonly hasFilters = computed(() => activeFilters(this.state()).length > 0);

  protected readonly groups = computed<CheckboxGroup[]>(() => {
    const state = this.state();
    const facets = this.facets();
    const expanded = this.expandedGroups();
    return GROUP_ORDER.map((key) => {
      const fromApi = facets.find((f) => f.key === facetOf(key))?.buckets ?? [];
      const selected = new Set(state.filters[key]);
      // A value chosen in the URL but missing from the top buckets still gets its checkbox.
      const missing = state.filters[key]
        .filter((value) => !fromApi.some((b) => b.value === value))
        .map((value) => ({ value, label: listFilterLabel(key, value, facets), count: 0, selected: true }));
      const buckets = [...missing, ...fromApi].map((b) => ({ ...b, selected: selected.has(b.value) }));
      const isExpanded = expanded.has(key);
      // Selected values are always visible, even beyond the top few.
      const visible = isExpanded
        ? buckets
        : buckets.filter((b, index) => index < TOP_BUCKETS || b.selected);
      return {
        key,
        label: FACET_LABELS[facetOf(key)],
        buckets: visible,
        hiddenCount: buckets.length - visible.length,
        expanded: isExpanded,
      };
    }).filter((group) => group.buckets.length > 0 || group.hiddenCount > 0);
  });

  protected readonly primaryGroups = computed(() => this.groups().filter((g) => PRIMARY_GROUPS.has(g.key)));
  protected readonly secondaryGroups = computed(() => this.groups().filter((g) => !PRIMARY_GROUPS.has(g.key)));

  protected readonly payOptions = computed(() => {
    const state = this.state();
    const chosen = [state.payMin, state.payMax].map(Number).filter((n) => Number.isFinite(n) && n > 0);
    return [...new Set([...PAY_THRESHOLDS, ...chosen])]
      .sort((a, b) => a - b)
      .map((amount) => ({ value: String(amount), label: formatAnnualThreshold(amount) }));
  });

  /** The pay facet's bands ("50000-75000", "-30000", "150000-") with their counts. */
  protected readonly payBands = computed(() => {
    const buckets = this.facets().find((f) => f.key === 'pay')?.buckets ?? [];
    return buckets.map((bucket) => ({ ...bucket, ...parsePayBand(bucket.value) }));
  });

  /** The radio that matches the URL's pay bounds: '' for none, 'custom' for bounds no band has. */
  protected readonly selectedPayBand = computed(() => {
    const { payMin, payMax } = this.state();
    if (!payMin && !payMax) return '';
    const band = this.payBands().find((b) => b.min === payMin && b.max === payMax);
    return band ? band.value : 'custom';
  });

  protected readonly postedOptions = computed(() => {
    const facet = this.facets().find((f) => f.key === 'postedWithin');
    return POSTED_WITHIN.map((value) => ({
      value,
      label: POSTED_WITHIN_LABELS[value],
      // The API leaves out empty windows; with no facet at all (still loading) show no count.
      count: facet ? (facet.buckets.find((b) => b.value === value)?.count ?? 0) : null,
    }));
  });

  protected toggleFilter(key: ListFilterKey, value: string, selected: boolean): void {
    this.refined.emit(toggleListFilter(this.state(), key, value, selected));
  }

  protected toggleGroupExpanded(key: ListFilterKey): void {
    this.expandedGroups.update((keys) => {
      const next = new Set(keys);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }

  protected choosePayBand(value: string): void {
    const band = this.payBands().find((b) => b.value === value);
    this.refined.emit(refine({ payMin: band?.min || null, payMax: band?.max || null }));
  }

  protected changePayMin(value: string): void {
    this.refined.emit(refine({ payMin: value || null }));
  }

  protected changePayMax(value: string): void {
    this.refined.emit(refine({ payMax: value || null }));
  }

  protected changePostedWithin(value: PostedWithin | ''): void {
    this.refined.emit(refine({ postedWithin: value || null }));
  }

  protected clearAllFilters(): void {
    this.refined.emit(clearFilters());
  }

}
