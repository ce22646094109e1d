import { DecimalPipe, NgTemplateOutlet } from '@angular/common';
import { httpResource } from '@angular/common/http';
import { Component, computed, effect, inject, input, linkedSignal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { RIASEC_KEYS, WORK_VALUE_KEYS, type TechnologySkill, type WageFigures } from '@jobportal/contracts';

import { toApiError } from '../../api/api-error';
import { SITE_NAME } from '../../layout/page-title.strategy';
import { RelativeTimePipe } from '../../jobs/relative-time.pipe';
import { PageLoadError } from '../../shared/page-load-error';
import { PageSkeleton } from '../../shared/page-skeleton';
import {
  RIASEC_LABELS,
  WORK_VALUE_LABELS,
  describeGrowth,
  formatChangePercent,
  formatDollars,
  formatThousands,
} from '../occupation-format';
import { GrowthByState } from '../../trends/growth-by-state';
import { OccupationSearchBox } from '../occupation-search-box/occupation-search-box';
import { OccupationsApi, parseOccupationDetail } from '../occupations-api';
import { PostingsTrend } from './postings-trend';
import { ProfileRadar, radarAxes } from './profile-radar';

/** How much of each long list shows before "Show all". */
const TASKS_SHOWN = 8;
const TECHNOLOGIES_SHOWN = 18;
const SKILLS_SHOWN = 10;
const KNOWLEDGE_SHOWN = 8;
const ALTERNATE_TITLES_SHOWN = 8;

const PERCENTILES: ReadonlyArray<{ key: keyof WageFigures; label: string }> = [
  { key: 'p10', label: '10th percentile' },
  { key: 'p25', label: '25th percentile' },
  { key: 'median', label: 'Median' },
  { key: 'p75', label: '75th percentile' },
  { key: 'p90', label: '90th percentile' },
];

/**
 * One occupation (O*NET-SOC): what the work is, what it takes, what it pays and how it is
 * growing (O*NET, OEWS, BLS projections), next to live figures from the postings index.
 */
@Component({
  selector: 'app-occupation-page',
  imports: [
    RouterLink,
    DecimalPipe,
    NgTemplateOutlet,
    MatButtonModule,
    MatIconModule,
    RelativeTimePipe,
    OccupationSearchBox,
    ProfileRadar,
    PostingsTrend,
    GrowthByState,
    PageLoadError,
    PageSkeleton,
  ],
  templateUrl: './occupation-page.html',
  styleUrls: ['../../../styles/detail-page.scss', './occupation-page.scss', './occupation-sections.scss'],
})
export class OccupationPage {
  private readonly api = inject(OccupationsApi);
  private readonly title = inject(Title);

  /** Bound from the route (`/occupations/:code`): an O*NET-SOC or a SOC code. */
  readonly code = input.required<string>();

  protected readonly detail = httpResource(() => this.api.occupation(this.code()), { parse: parseOccupationDetail });
  protected readonly error = computed(() => (this.detail.status() === 'error' ? toApiError(this.detail.error()) : null));
  /** An unknown code (404) or one not shaped like a code at all (400): either way, no such occupation. */
  protected readonly notFound = computed(() => this.error()?.statusCode === 404 || this.error()?.statusCode === 400);
  private readonly occupation = computed(() => (this.detail.hasValue() ? this.detail.value().occupation : null));

  /** "Show all" toggles, reset when another occupation opens. */
  protected readonly allTasks = linkedSignal({ source: this.code, computation: () => false });
  protected readonly allTechnologies = linkedSignal({ source: this.code, computation: () => false });

  protected readonly tasks = computed(() => {
    const tasks = this.occupation()?.tasks ?? [];
    // Core tasks first (O*NET's own distinction), keeping O*NET's order within each.
    const ordered = [...tasks.filter((t) => t.type !== 'Supplemental'), ...tasks.filter((t) => t.type === 'Supplemental')];
    return this.allTasks() ? ordered : ordered.slice(0, TASKS_SHOWN);
  });
  protected readonly taskCount = computed(() => this.occupation()?.tasks.length ?? 0);
  protected readonly hiddenTaskCount = computed(() => this.taskCount() - Math.min(this.taskCount(), TASKS_SHOWN));

  /** Technologies, hot ones first; each name once (O*NET lists some under several commodities). */
  private readonly allTechnologyList = computed(() => {
    const byName = new Map<string, TechnologySkill>();
    for (const tech of this.occupation()?.technologySkills ?? []) {
      const listed = byName.get(tech.name);
      if (!listed || (tech.hot && !listed.hot)) byName.set(tech.name, tech);
    }
    return [...byName.values()].sort((a, b) => Number(b.hot) - Number(a.hot) || Number(b.inDemand) - Number(a.inDemand));
  });
  protected readonly technologies = computed(() =>
    this.allTechnologies() ? this.allTechnologyList() : this.allTechnologyList().slice(0, TECHNOLOGIES_SHOWN),
  );
  protected readonly technologyCount = computed(() => this.allTechnologyList().length);
  protected readonly hiddenTechnologyCount = computed(() => Math.max(0, this.technologyCount() - TECHNOLOGIES_SHOWN));
  protected readonly hotTechnologyCount = computed(() => this.allTechnologyList().filter((tech) => tech.hot).length);
  protected readonly skills = computed(() => (this.occupation()?.skills ?? []).slice(0, SKILLS_SHOWN));
  protected readonly knowledge = computed(() => (this.occupation()?.knowledge ?? []).slice(0, KNOWLEDGE_SHOWN));
  protected readonly alternateTitles = computed(() => (this.occupation()?.alternateTitles ?? []).slice(0, ALTERNATE_TITLES_SHOWN));

  protected readonly interestAxes = computed(() =>
    radarAxes(RIASEC_KEYS, RIASEC_LABELS, this.occupation()?.interests?.scores),
  );
  /** "IC" -> "Investigative, Conventional". */
  protected readonly interestCodeWords = computed(() => {
    const code = this.occupation()?.interests?.code ?? '';
    return [...code]
      .map((letter) => RIASEC_KEYS.find((key) => key[0] === letter.toLowerCase()))
      .filter((key) => !!key)
      .map((key) => RIASEC_LABELS[key].name)
      .join(', ');
  });
  protected readonly workValueAxes = computed(() =>
    radarAxes(WORK_VALUE_KEYS, WORK_VALUE_LABELS, this.occupation()?.workValues),
  );

  /** OEWS percentiles, each as annual and hourly text ("≥ $239,200" where OEWS top-codes). */
  protected readonly wageRows = computed(() => {
    const wages = this.occupation()?.wages;
    if (!wages) return [];
    const text = (kind: 'annual' | 'hourly', key: keyof WageFigures) => {
      const amount = wages[kind][key];
      if (amount == null) return '—';
      const formatted = formatDollars(amount, kind === 'hourly');
      return wages.topCoded.includes(`${kind}.${key}`) ? `≥ ${formatted}` : formatted;
    };
    return PERCENTILES.map(({ key, label }) => ({
      label,
      median: key === 'median',
      annual: text('annual', key),
      hourly: text('hourly', key),
    }));
  });

  /**
   * The OEWS 10th–90th range and the postings' middle half on one scale, for the pay comparison
   * drawing (its figures are in the tables beside it).
   */
  protected readonly payScale = computed(() => {
    const detail = this.detail.hasValue() ? this.detail.value() : null;
    const annual = detail?.occupation.wages?.annual;
    const posted = detail?.live.postedPay;
    // A comparison needs both sides: the OEWS spread and the postings' middle half.
    if (annual?.p10 == null || annual.p90 == null || posted?.p25 == null || posted.p75 == null) return null;
    const figures = [annual.p10, annual.p90, posted.p25, posted.p75];
    const min = Math.min(...figures) * 0.9;
    const max = Math.max(...figures) * 1.05;
    const at = (n: number | null | undefined) => (n == null ? null : ((n - min) / (max - min)) * 100);
    const band = (from: number | null | undefined, to: number | null | undefined) => {
      const start = at(from);
      const end = at(to);
      return start == null || end == null ? null : { left: start, width: Math.max(end - start, 0.5) };
    };
    return {
      oews: band(annual.p10, annual.p90),
      oewsMiddle: band(annual.p25, annual.p75),
      oewsMedian: at(annual.median),
      posted: band(posted.p25, posted.p75),
      postedMedian: at(posted.median),
    };
  });

  /** BLS's entry requirements in a sentence: "BLS: typically a bachelor's degree to enter." */
  protected readonly entryRequirements = computed(() => {
    const projections = this.occupation()?.projections;
    const education = projections?.typicalEducation;
    if (!education) return null;
    const experience = projections.workExperience && projections.workExperience !== 'None' ? projections.workExperience : null;
    const training = projections.onTheJobTraining && projections.onTheJobTraining !== 'None' ? projections.onTheJobTraining : null;
    const parts = [
      education.toLowerCase(),
      experience ? `${experience.toLowerCase()} of related work experience` : null,
      training ? training.toLowerCase() : null,
    ].filter(Boolean);
    const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
    return `BLS: to enter, workers typically need ${list}.`;
  });
  /** Which projection line the figures are for, where BLS groups the occupation with others. */
  protected readonly projectionSource = computed(() => {
    const occupation = this.occupation();
    const projections = occupation?.projections;
    if (!projections) return '';
    const sameTitle = !projections.nemTitle || projections.nemTitle.toLowerCase() === occupation.title.toLowerCase();
    const line = sameTitle ? '' : ` for ${projections.nemTitle} (${projections.nemCode})`;
    return `BLS Employment Projections 2024–34${line}.`;
  });

  /** O*NET names zones "Job Zone Four: Considerable Preparation Needed"; the number is shown already. */
  protected readonly zoneName = computed(() => (this.occupation()?.jobZone?.name ?? '').replace(/^Job Zone \w+:\s*/i, ''));

  protected readonly growthWord = computed(() => describeGrowth(this.occupation()?.projections?.changePercent));

  protected readonly formatDollars = formatDollars;
  protected readonly formatChangePercent = formatChangePercent;
  protected readonly formatThousands = formatThousands;

  constructor() {
    effect(() => {
      const occupation = this.occupation();
      if (occupation) {
        this.title.setTitle(`${occupation.title} (${occupation.soc.code}) · ${SITE_NAME}`);
      } else if (this.notFound()) {
        this.title.setTitle(`Occupation not found · ${SITE_NAME}`);
      }
    });
  }

  protected toggleAllTasks(): void {
    this.allTasks.update((all) => !all);
  }

  protected toggleAllTechnologies(): void {
    this.allTechnologies.update((all) => !all);
  }

  protected retryLoading(): void {
    this.detail.reload();
  }
}
