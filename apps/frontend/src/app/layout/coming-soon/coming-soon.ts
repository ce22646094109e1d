import { Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

/**
 * Frame for a feature page that is not built yet: says what the page will do, so the
 * navigation is honest about it. The planned capabilities are projected as list items.
 */
@Component({
  selector: 'app-coming-soon',
  imports: [MatIconModule],
  templateUrl: './coming-soon.html',
  styleUrl: './coming-soon.scss',
})
export class ComingSoon {
  readonly heading = input.required<string>();
  readonly summary = input.required<string>();
  readonly icon = input.required<string>();
}
