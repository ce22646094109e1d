import { Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import type { CareerAlsoConsider, CareerEvidence, CareerMatch } from '@jobportal/contracts';

import { describeGrowth, formatChangePercent, formatDollars } from '../occupations/occupation-format';
import { jobSearchParams } from './career-links';
import { MatchBarChart } from './match-bar-chart';

const FIT_LABELS: Record<CareerMatch['fit'], string> = { best: 'Best fit', great: 'Great fit', good: 'Good fit' };

/** The occupations a resume or a description fits: the % match chart, then each with its reasons, pay, outlook and open jobs. */
@Component({
  selector: 'app-career-matches',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatchBarChart],
  templateUrl: './career-matches.html',
  styleUrl: './career-results.scss',
})
export class CareerMatches {
  readonly matches = input.required<readonly CareerMatch[]>();
  readonly alsoConsider = input<readonly CareerAlsoConsider[]>([]);
  readonly location = input<string | null>(null);
  readonly radiusKm = input<number | null>(null);

  protected readonly bars = computed(() => this.matches().map((m) => ({ title: m.title, match: m.match })));
  protected readonly fitLabels = FIT_LABELS;
  protected readonly formatDollars = formatDollars;
  protected readonly formatChangePercent = formatChangePercent;
  protected readonly describeGrowth = describeGrowth;

  protected searchParams(match: CareerMatch) {
    return jobSearchParams(match.code, this.location(), this.radiusKm());
  }

  protected reasonGroups(match: CareerMatch): Array<{ label: string; items: readonly CareerEvidence[] }> {
    return [
      { label: 'Job titles', items: match.reasons.titles },
      { label: 'Skills and tools', items: match.reasons.skills },
      { label: 'Tasks', items: match.reasons.tasks },
    ].filter((group) => group.items.length > 0);
  }
}
