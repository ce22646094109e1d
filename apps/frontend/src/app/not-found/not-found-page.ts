import { Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';

@Component({
  selector: 'app-not-found-page',
  imports: [MatButtonModule, RouterLink],
  template: `
    <section class="not-found">
      <h1>Page not found</h1>
      <p>There is nothing at this address. It may have moved, or the link may be mistyped.</p>
      <a mat-flat-button routerLink="/">Go to the home page</a>
    </section>
  `,
  styles: `
    .not-found {
      max-width: 40rem;
      margin: 0 auto;
      padding: clamp(1.5rem, 4vw, 3rem) clamp(1rem, 4vw, 2.5rem);
    }

    h1 {
      font: var(--mat-sys-headline-medium);
    }
  `,
})
export class NotFoundPage {}
