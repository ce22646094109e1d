import { httpResource } from '@angular/common/http';
import { Component, computed, inject, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { OccupationSearchHit } from '@jobportal/contracts';

import { OccupationsApi, parseOccupationSearch } from '../occupations/occupations-api';
import { debouncedTyping } from '../shared/debounced-typing';

const SUGGESTIONS = 8;

/**
 * Picks an occupation by typing words of a title (the occupations search API) and choosing one of
 * the suggestions with the arrow keys and Enter, or the mouse. Emits the chosen hit.
 */
@Component({
  selector: 'app-occupation-picker',
  imports: [FormsModule, MatAutocompleteModule, MatFormFieldModule, MatInputModule],
  template: `
    <mat-form-field appearance="outline" subscriptSizing="dynamic" class="picker">
      <mat-label>{{ label() }}</mat-label>
      <input
        matInput
        type="text"
        autocomplete="off"
        placeholder="Type a job title, e.g. nurse"
        [ngModel]="text()"
        (ngModelChange)="updateText($event)"
        [matAutocomplete]="panel"
      />
      <mat-autocomplete #panel="matAutocomplete" [displayWith]="display" (optionSelected)="choose($event.option.value)">
        @for (hit of suggestions(); track hit.onetCode) {
          <mat-option [value]="hit">{{ hit.title }} ({{ hit.socCode }})</mat-option>
        }
      </mat-autocomplete>
    </mat-form-field>
  `,
  styles: `
    .picker {
      width: 100%;
      min-width: 16rem;
    }
  `,
})
export class OccupationPicker {
  private readonly api = inject(OccupationsApi);

  readonly label = input('New occupation');
  readonly picked = output<OccupationSearchHit | null>();

  protected readonly text = signal('');
  private readonly typed = signal(false);
  private readonly suggestText = debouncedTyping(this.text, this.typed);
  private readonly results = httpResource(() => (this.suggestText() ? this.api.search(this.suggestText(), 1, SUGGESTIONS) : undefined), {
    parse: parseOccupationSearch,
  });
  protected readonly suggestions = computed(() => (this.suggestText() && this.results.hasValue() ? this.results.value().hits : []));

  protected readonly display = (value: string | OccupationSearchHit | null): string =>
    typeof value === 'string' ? value : value ? `${value.title} (${value.socCode})` : '';

  protected updateText(value: string | OccupationSearchHit): void {
    if (typeof value !== 'string') return;
    this.text.set(value);
    this.typed.set(true);
    // Typing after a choice un-chooses it: the saved code is always the one shown.
    this.picked.emit(null);
  }

  protected choose(hit: OccupationSearchHit): void {
    this.typed.set(false);
    this.text.set(`${hit.title} (${hit.socCode})`);
    this.picked.emit(hit);
  }
}
