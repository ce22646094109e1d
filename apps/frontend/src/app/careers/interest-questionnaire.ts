import { httpResource } from '@angular/common/http';
import { Component, computed, effect, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import {
  INTEREST_PROFILER_ITEM_COUNT,
  WORK_VALUE_KEYS,
  type CreateCareerPlanRequest,
  type FromInterestsResponse,
  type WorkValueRatings,
} from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { CareersApi, parseInterestProfiler } from './careers-api';
import { describeCareersError } from './careers-errors';
import { InterestMatches } from './interest-matches';
import { SaveCareerPlan } from './save-career-plan';

/** Items per page of the questionnaire. */
export const ITEMS_PER_PAGE = 12;
/** Where the answers wait between visits: a reload or a closed tab resumes where it was left. */
export const PROGRESS_KEY = 'jobportal.careers.interests.v1';

type Step = 'items' | 'values';

interface Progress {
  answers: Array<number | null>;
  page: number;
  step: Step;
  workValues: WorkValueRatings;
  education: number | null;
}

const IMPORTANCE = [
  { value: 1, label: 'Not important' },
  { value: 2, label: 'A little important' },
  { value: 3, label: 'Somewhat important' },
  { value: 4, label: 'Important' },
  { value: 5, label: 'Very important' },
];

function emptyProgress(): Progress {
  return { answers: Array.from({ length: INTEREST_PROFILER_ITEM_COUNT }, () => null), page: 0, step: 'items', workValues: {}, education: null };
}

/** Reads saved progress, dropping anything that is not in range (an old or edited entry). */
export function readProgress(raw: string | null): Progress {
  const fresh = emptyProgress();
  if (!raw) return fresh;
  try {
    const saved = JSON.parse(raw) as Partial<Progress>;
    const answers = Array.isArray(saved.answers) ? saved.answers : [];
    const pages = Math.ceil(INTEREST_PROFILER_ITEM_COUNT / ITEMS_PER_PAGE);
    const workValues: WorkValueRatings = {};
    for (const key of WORK_VALUE_KEYS) {
      const v = saved.workValues?.[key];
      if (Number.isInteger(v) && v! >= 1 && v! <= 5) workValues[key] = v;
    }
    return {
      answers: fresh.answers.map((_, i) => (Number.isInteger(answers[i]) && answers[i]! >= 1 && answers[i]! <= 5 ? answers[i] : null)),
      page: Number.isInteger(saved.page) && saved.page! >= 0 && saved.page! < pages ? saved.page! : 0,
      step: saved.step === 'values' ? 'values' : 'items',
      workValues,
      education: Number.isInteger(saved.education) && saved.education! >= 1 && saved.education! <= 12 ? saved.education! : null,
    };
  } catch {
    return fresh;
  }
}

/**
 * The O*NET Interest Profiler (60 items, pages of 12), then work values and education, then the
 * occupations that fit. Each item is a radio group, so arrow keys move between answers.
 */
@Component({
  selector: 'app-interest-questionnaire',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatProgressBarModule, MatRadioModule, MatSelectModule, InterestMatches, SaveCareerPlan],
  templateUrl: './interest-questionnaire.html',
  styleUrl: './interest-questionnaire.scss',
})
export class InterestQuestionnaire {
  private readonly api = inject(CareersApi);
  private readonly pageTop = viewChild<ElementRef<HTMLElement>>('pageTop');
  private readonly resultsTop = viewChild<ElementRef<HTMLElement>>('resultsTop');

  protected readonly profiler = httpResource(() => this.api.interestProfiler(), { parse: parseInterestProfiler });
  protected readonly profilerError = computed(() =>
    this.profiler.status() === 'error' ? describeCareersError(toApiError(this.profiler.error())) : '',
  );

  private readonly progress = signal<Progress>(readProgress(localStorage.getItem(PROGRESS_KEY)));
  protected readonly answers = computed(() => this.progress().answers);
  protected readonly page = computed(() => this.progress().page);
  protected readonly step = computed(() => this.progress().step);
  protected readonly workValues = computed(() => this.progress().workValues);
  protected readonly education = computed(() => this.progress().education);

  protected readonly perPage = ITEMS_PER_PAGE;
  protected readonly pageCount = Math.ceil(INTEREST_PROFILER_ITEM_COUNT / ITEMS_PER_PAGE);
  protected readonly importance = IMPORTANCE;
  protected readonly answeredCount = computed(() => this.answers().filter((a) => a !== null).length);
  protected readonly percentDone = computed(() => Math.round((100 * this.answeredCount()) / INTEREST_PROFILER_ITEM_COUNT));
  protected readonly pageItems = computed(() => {
    if (!this.profiler.hasValue()) return [];
    const start = this.page() * ITEMS_PER_PAGE;
    return this.profiler.value().items.slice(start, start + ITEMS_PER_PAGE);
  });
  protected readonly missing = signal<number[]>([]);

  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly result = signal<FromInterestsResponse | null>(null);
  protected readonly planToSave = computed<Omit<CreateCareerPlanRequest, 'name'> | null>(() => {
    const result = this.result();
    if (!result) return null;
    const { workValues, education } = this.progress();
    return {
      kind: 'interests',
      matches: result.matches,
      inputs: {
        scores: result.scores,
        jobZones: result.jobZones,
        ...(education ? { education } : {}),
        ...(Object.keys(workValues).length ? { workValues } : {}),
      },
    };
  });

  constructor() {
    effect(() => localStorage.setItem(PROGRESS_KEY, JSON.stringify(this.progress())));
  }

  protected answerItem(index: number, value: number): void {
    this.progress.update((p) => ({ ...p, answers: p.answers.map((a, i) => (i === index ? value : a)) }));
    this.missing.update((list) => list.filter((n) => n !== index + 1));
  }

  protected rateWorkValue(key: keyof WorkValueRatings, value: number | null): void {
    this.progress.update((p) => {
      const workValues = { ...p.workValues };
      if (value) workValues[key] = value;
      else delete workValues[key];
      return { ...p, workValues };
    });
  }

  protected chooseEducation(value: number | null): void {
    this.progress.update((p) => ({ ...p, education: value }));
  }

  protected nextPage(): void {
    const start = this.page() * ITEMS_PER_PAGE;
    const missing = this.answers()
      .slice(start, start + ITEMS_PER_PAGE)
      .map((a, i) => (a === null ? start + i + 1 : null))
      .filter((n): n is number => n !== null);
    this.missing.set(missing);
    if (missing.length) {
      document.getElementById(`interest-item-${missing[0]}`)?.querySelector<HTMLInputElement>('input')?.focus();
      return;
    }
    this.progress.update((p) => (p.page + 1 < this.pageCount ? { ...p, page: p.page + 1 } : { ...p, step: 'values' }));
    this.focusPageTop();
  }

  protected previousPage(): void {
    this.missing.set([]);
    this.progress.update((p) => (p.step === 'values' ? { ...p, step: 'items' } : { ...p, page: Math.max(0, p.page - 1) }));
    this.focusPageTop();
  }

  protected startOver(): void {
    this.progress.set(emptyProgress());
    this.result.set(null);
    this.error.set('');
    this.missing.set([]);
    this.focusPageTop();
  }

  protected async findMatches(): Promise<void> {
    const firstMissing = this.answers().indexOf(null);
    if (firstMissing >= 0) {
      // Only an old or edited saved entry gets here: send the person back to the unanswered item.
      this.progress.update((p) => ({ ...p, step: 'items', page: Math.floor(firstMissing / ITEMS_PER_PAGE) }));
      this.missing.set([firstMissing + 1]);
      return;
    }
    this.busy.set(true);
    this.error.set('');
    this.result.set(null);
    const { answers, workValues, education } = this.progress();
    try {
      const result = await this.api.fromInterests({
        answers: answers as number[],
        ...(Object.keys(workValues).length ? { workValues } : {}),
        ...(education ? { education } : {}),
      });
      this.result.set(result);
      setTimeout(() => this.resultsTop()?.nativeElement.focus());
    } catch (error) {
      this.error.set(describeCareersError(toApiError(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private focusPageTop(): void {
    setTimeout(() => this.pageTop()?.nativeElement.focus());
  }
}
