import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';

import { JobsApi, parseLocationSuggestions, parseSuggestions } from '../../jobs/jobs-api';
import { debouncedTyping } from '../../shared/debounced-typing';
import { RADIUS_OPTIONS, refine } from '../search-state';

export interface SearchCriteria {
  readonly q: string;
  readonly location: string;
  readonly radius: string;
}

/**
 * What + where search form with suggestions; submitting opens /search with the query, keeping
 * the filters already chosen there and starting again at page 1.
 */
@Component({
  selector: 'app-search-box',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatButtonModule,
    MatSelectModule,
  ],
  templateUrl: './search-box.html',
  styleUrl: './search-box.scss',
})
export class SearchBox {
  private readonly router = inject(Router);
  private readonly api = inject(JobsApi);

  /** Values to start from, e.g. the current search's query parameters. */
  readonly query = input('');
  readonly location = input('');
  readonly radius = input('');
  /** The distance select, shown on the search page. */
  readonly showRadius = input(false);
  readonly searched = output<SearchCriteria>();

  protected readonly queryText = linkedSignal(() => this.query());
  protected readonly locationText = linkedSignal(() => this.location());
  protected readonly radiusValue = linkedSignal(() => this.radius());
  protected readonly radiusOptions = RADIUS_OPTIONS.map((value) => ({
    value,
    label: value ? `Within ${value.replace(/(mi|km)$/, ' $1')}` : 'Exact place',
  }));
  protected readonly hasLocation = computed(() => this.locationText().trim().length > 0);

  private readonly queryTyped = signal(false);
  private readonly locationTyped = signal(false);
  private readonly querySuggestText = debouncedTyping(this.queryText, this.queryTyped);
  private readonly locationSuggestText = debouncedTyping(this.locationText, this.locationTyped);

  protected readonly querySuggestions = httpResource(
    () => (this.querySuggestText() ? this.api.suggest(this.querySuggestText()) : undefined),
    { parse: parseSuggestions },
  );
  protected readonly locationSuggestions = httpResource(
    () => (this.locationSuggestText() ? this.api.suggestLocations(this.locationSuggestText()) : undefined),
    { parse: parseLocationSuggestions, defaultValue: [] },
  );

  /** Suggestion groups with at least one entry, in the order they are listed. */
  protected readonly suggestionGroups = computed(() => {
    if (!this.querySuggestText() || !this.querySuggestions.hasValue()) return [];
    const { titles, companies, skills } = this.querySuggestions.value();
    return [
      { label: 'Job titles', options: titles },
      { label: 'Companies', options: companies },
      { label: 'Skills', options: skills },
    ].filter((group) => group.options.length > 0);
  });

  protected readonly locationOptions = computed(() =>
    this.locationSuggestText() && this.locationSuggestions.hasValue() ? this.locationSuggestions.value() : [],
  );

  protected updateQueryText(text: string): void {
    this.queryText.set(text);
    this.queryTyped.set(true);
  }

  protected updateLocationText(text: string): void {
    this.locationText.set(text);
    this.locationTyped.set(true);
  }

  protected searchSuggestion(text: string): void {
    this.queryText.set(text);
    this.searchPostings();
  }

  protected searchSuggestedLocation(label: string): void {
    this.locationText.set(label);
    this.searchPostings();
  }

  protected changeRadius(radius: string): void {
    this.radiusValue.set(radius);
    if (this.hasLocation()) this.searchPostings();
  }

  protected searchPostings(): void {
    this.queryTyped.set(false);
    this.locationTyped.set(false);
    const criteria: SearchCriteria = {
      q: this.queryText().trim(),
      location: this.locationText().trim(),
      radius: this.showRadius() ? this.radiusValue() : '',
    };
    void this.router.navigate(['/search'], {
      // Empty fields are left out of the URL rather than sent as "q="; filters chosen on the
      // search page stay (merge).
      queryParams: refine({
        q: criteria.q || null,
        location: criteria.location || null,
        radius: criteria.location && criteria.radius ? criteria.radius : null,
      }),
      queryParamsHandling: 'merge',
    });
    this.searched.emit(criteria);
  }
}
