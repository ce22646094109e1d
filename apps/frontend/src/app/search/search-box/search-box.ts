import { Component, inject, input, linkedSignal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router } from '@angular/router';

/** What + where search form; submitting opens /search?q=...&location=... */
@Component({
  selector: 'app-search-box',
  imports: [FormsModule, MatFormFieldModule, MatInputModule, MatIconModule, MatButtonModule],
  templateUrl: './search-box.html',
  styleUrl: './search-box.scss',
})
export class SearchBox {
  private readonly router = inject(Router);

  /** Values to start from, e.g. the current search's query parameters. */
  readonly query = input('');
  readonly location = input('');

  protected readonly queryText = linkedSignal(() => this.query());
  protected readonly locationText = linkedSignal(() => this.location());

  protected searchPostings(): void {
    const q = this.queryText().trim();
    const location = this.locationText().trim();
    void this.router.navigate(['/search'], {
      // Empty fields are left out of the URL rather than sent as "q=".
      queryParams: { q: q || null, location: location || null },
    });
  }
}
