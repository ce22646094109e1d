import { Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { RIASEC_KEYS, type InterestMatch } from '@jobportal/contracts';

import { RIASEC_LABELS, describeGrowth, formatChangePercent, formatDollars } from '../occupations/occupation-format';
import { ProfileRadar, radarAxes, type RadarAxis, type RadarOverlay } from '../occupations/occupation-page/profile-radar';
import { jobSearchParams } from './career-links';
import { MatchBarChart } from './match-bar-chart';

/** The person's profile is drawn over each occupation's in this color (the occupation's is the radar's default blue). */
const USER_COLOR = '#c62828';

/** Occupations nearest an interest profile: the % match chart, then each with a radar of the person over the occupation. */
@Component({
  selector: 'app-interest-matches',
  imports: [RouterLink, MatButtonModule, MatIconModule, MatchBarChart, ProfileRadar],
  template: `
    <app-match-bar-chart [bars]="bars()" />
    <ol class="match-list">
      @for (card of cards(); track card.match.onetCode; let i = $index) {
        <li class="match-card">
          <article [attr.aria-labelledby]="'interest-match-' + i">
            <header class="match-header">
              <h3 [id]="'interest-match-' + i">
                <a [routerLink]="['/occupations', card.match.code]">{{ card.match.title }}</a>
              </h3>
              <p class="match-score"><strong>{{ card.match.match }}% match</strong></p>
            </header>
            <dl class="facts">
              <div>
                <dt>Median pay</dt>
                <dd>{{ formatDollars(card.match.medianWage) }}{{ card.match.medianWage != null ? ' a year' : '' }}</dd>
              </div>
              <div>
                <dt>Outlook 2024–34</dt>
                <dd>
                  {{ formatChangePercent(card.match.projectedGrowth) }}
                  @if (describeGrowth(card.match.projectedGrowth); as words) {
                    ({{ words }})
                  }
                </dd>
              </div>
              <div>
                <dt>Job zone</dt>
                <dd>{{ card.match.jobZone ?? '—' }}{{ card.match.jobZone != null ? ' of 5' : '' }}</dd>
              </div>
              <div>
                <dt>Interest code</dt>
                <dd>{{ card.match.interestCode }}</dd>
              </div>
            </dl>
            <app-profile-radar
              [heading]="'Your interests over ' + card.match.title"
              axisName="Interest area"
              seriesName="This occupation"
              [axes]="card.occupation"
              [overlay]="card.overlay"
            />
            <p class="links">
              <a mat-stroked-button [routerLink]="['/search']" [queryParams]="searchParams(card.match)">
                <mat-icon svgIcon="work" aria-hidden="true" /> Search jobs<span class="visually-hidden"> for {{ card.match.title }}</span>
              </a>
              <a mat-button [routerLink]="['/occupations', card.match.code]">
                About this occupation<span class="visually-hidden">: {{ card.match.title }}</span>
              </a>
            </p>
          </article>
        </li>
      }
    </ol>
    <p class="attribution">
      {{ attribution() }}
    </p>
  `,
  styleUrl: './career-results.scss',
})
export class InterestMatches {
  readonly matches = input.required<readonly InterestMatch[]>();
  readonly location = input<string | null>(null);
  readonly attribution = input(
    'Interest profiles and occupation data from O*NET 29.3 by the U.S. Department of Labor, Employment and Training Administration (USDOL/ETA), used under the CC BY 4.0 license. The interest items are from the O*NET Interest Profiler Short Form.',
  );

  protected readonly bars = computed(() => this.matches().map((m) => ({ title: m.title, match: m.match })));
  protected readonly cards = computed(() =>
    this.matches().map((match) => {
      const occupation: RadarAxis[] = radarAxes(RIASEC_KEYS, RIASEC_LABELS, match.occupationProfile);
      const overlay: RadarOverlay = { name: 'You', axes: radarAxes(RIASEC_KEYS, RIASEC_LABELS, match.userProfile), color: USER_COLOR };
      return { match, occupation, overlay };
    }),
  );
  protected readonly formatDollars = formatDollars;
  protected readonly formatChangePercent = formatChangePercent;
  protected readonly describeGrowth = describeGrowth;

  protected searchParams(match: InterestMatch) {
    return jobSearchParams(match.code, this.location());
  }
}
