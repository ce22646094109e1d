import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';
import type { OccupationSearchHit } from '@jobportal/contracts';

import { debouncedTyping } from '../../shared/debounced-typing';
import { OccupationsApi, parseOccupationSearch } from '../occupations-api';

/** How many suggestions the box lists. */
const SUGGESTIONS = 6;

/**
 * Occupation keyword search with suggestions: picking a suggestion opens that occupation's page,
 * submitting lists the matches at /occupations?q=.
 */
@Component({
  selector: 'app-occupation-search-box',
  imports: [FormsModule, MatAutocompleteModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule],
  template: `
    <form class="occupation-search" role="search" aria-label="Search occupations" (ngSubmit)="searchOccupations()">
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="field">
        <mat-label>Occupation</mat-label>
        <mat-icon matPrefix svgIcon="search" aria-hidden="true" />
        <input
          matInput
          name="occupationQuery"
          type="search"
          autocomplete="off"
          placeholder="Job title, skill or task, e.g. nurse"
          [ngModel]="text()"
          (ngModelChange)="updateText($event)"
          [matAutocomplete]="occupationSuggestionPanel"
        />
        <mat-autocomplete
          #occupationSuggestionPanel="matAutocomplete"
          [displayWith]="displayOption"
          (optionSelected)="openOccupation($event.option.value)">
          @for (hit of suggestions(); track hit.onetCode) {
            <mat-option [value]="hit">
              <span class="option-title">{{ hit.title }}</span>
              <span class="option-code"><span class="visually-hidden">, SOC </span>{{ hit.socCode }}</span>
            </mat-option>
          }
        </mat-autocomplete>
      </mat-form-field>
      <button mat-flat-button type="submit" class="submit">Find occupations</button>
    </form>
  `,
  styleUrl: './occupation-search-box.scss',
})
export class OccupationSearchBox {
  private readonly router = inject(Router);
  private readonly api = inject(OccupationsApi);

  /** Text to start from, e.g. the current search's `q`. */
  readonly query = input('');
  readonly searched = output<string>();

  protected readonly text = linkedSignal(() => this.query());
  /** Only what the user types asks for suggestions, not text set from the URL. */
  private readonly typed = signal(false);
  private readonly suggestText = debouncedTyping(this.text, this.typed);
  private readonly suggestionResults = httpResource(
    () => (this.suggestText() ? this.api.search(this.suggestText(), 1, SUGGESTIONS) : undefined),
    { parse: parseOccupationSearch },
  );
  protected readonly suggestions = computed(() =>
    this.suggestText() && this.suggestionResults.hasValue() ? this.suggestionResults.value().hits : [],
  );

  protected readonly displayOption = (value: string | OccupationSearchHit | null): string =>
    typeof value === 'string' ? value : (value?.title ?? '');

  protected updateText(text: string | OccupationSearchHit): void {
    // Choosing a suggestion writes its value (a hit, not text) into the model; that opens the page instead.
    if (typeof text !== 'string') return;
    this.text.set(text);
    this.typed.set(true);
  }

  protected openOccupation(hit: OccupationSearchHit): void {
    this.typed.set(false);
    this.text.set(hit.title);
    void this.router.navigate(['/occupations', hit.onetCode]);
  }

  protected searchOccupations(): void {
    this.typed.set(false);
    const q = this.text().trim();
    // Said once the URL holds the query, so the page can move focus to results it has rendered.
    void this.router
      .navigate(['/occupations'], { queryParams: { q: q || null } })
      .then(() => this.searched.emit(q));
  }
}
