import { httpResource } from '@angular/common/http';
import { Component, computed, ElementRef, inject, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatAutocompleteModule } from '@angular/material/autocomplete';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  CAREER_RADIUS_DEFAULT_KM,
  CAREER_RESUME_MAX_BYTES,
  CAREER_TEXT_MAX_CHARS,
  CAREER_TEXT_MIN_CHARS,
  type CareersResponse,
  type CreateCareerPlanRequest,
} from '@jobportal/contracts';

import { toApiError } from '../api/api-error';
import { JobsApi, parseLocationSuggestions } from '../jobs/jobs-api';
import { debouncedTyping } from '../shared/debounced-typing';
import { CareerMatches } from './career-matches';
import { CareersApi } from './careers-api';
import { describeCareersError } from './careers-errors';
import { SaveCareerPlan } from './save-career-plan';

const ACCEPTED = '.pdf,.docx,.txt,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/plain';
const RADII_KM = [10, 25, 50, 100, 250];

/**
 * A resume (PDF, DOCX, TXT) or the person's own words -> the occupations it fits. The file goes
 * straight to the API and is kept nowhere, in the browser or on the server.
 */
@Component({
  selector: 'app-resume-matcher',
  imports: [
    FormsModule,
    MatAutocompleteModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    CareerMatches,
    SaveCareerPlan,
  ],
  templateUrl: './resume-matcher.html',
  styleUrl: './resume-matcher.scss',
})
export class ResumeMatcher {
  private readonly api = inject(CareersApi);
  private readonly jobs = inject(JobsApi);
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');
  private readonly resultsTop = viewChild<ElementRef<HTMLElement>>('resultsTop');

  protected readonly accepted = ACCEPTED;
  protected readonly radii = RADII_KM;
  protected readonly textMin = CAREER_TEXT_MIN_CHARS;
  protected readonly textMax = CAREER_TEXT_MAX_CHARS;

  protected readonly source = signal<'file' | 'text'>('file');
  protected readonly file = signal<File | null>(null);
  protected readonly text = signal('');
  protected readonly location = signal('');
  protected readonly radiusKm = signal(CAREER_RADIUS_DEFAULT_KM);

  private readonly locationTyped = signal(false);
  private readonly locationSuggestText = debouncedTyping(this.location, this.locationTyped);
  private readonly locationSuggestions = httpResource(
    () => (this.locationSuggestText() ? this.jobs.suggestLocations(this.locationSuggestText()) : undefined),
    { parse: parseLocationSuggestions, defaultValue: [] },
  );
  protected readonly locationOptions = computed(() =>
    this.locationSuggestText() && this.locationSuggestions.hasValue() ? this.locationSuggestions.value() : [],
  );

  protected readonly busy = signal(false);
  protected readonly error = signal('');
  protected readonly result = signal<CareersResponse | null>(null);
  /** What a plan of this result keeps: never the file or the text, only what the matcher showed. */
  protected readonly planToSave = computed<Omit<CreateCareerPlanRequest, 'name'> | null>(() => {
    const result = this.result();
    if (!result) return null;
    return {
      kind: this.resultSource(),
      matches: result.matches,
      alsoConsider: result.alsoConsider,
      skills: result.extracted.skills,
      inputs: result.location ? { location: result.location.label, radiusKm: result.location.radiusKm } : {},
    };
  });
  private readonly resultSource = signal<'resume' | 'text'>('resume');

  protected updateLocation(text: string): void {
    this.location.set(text);
    this.locationTyped.set(true);
  }

  protected chooseFile(event: Event): void {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0] ?? null;
    this.error.set('');
    if (file && file.size > CAREER_RESUME_MAX_BYTES) {
      this.error.set(describeCareersError({ statusCode: 413, code: 'file_too_large', message: '', errors: [] }));
      input.value = '';
      this.file.set(null);
      return;
    }
    this.file.set(file);
  }

  protected clearFile(): void {
    this.file.set(null);
    const input = this.fileInput()?.nativeElement;
    if (input) input.value = '';
  }

  protected async findOccupations(): Promise<void> {
    this.error.set('');
    const location = this.location().trim();
    const file = this.source() === 'file' ? this.file() : null;
    const text = this.text().trim();
    if (this.source() === 'file' && !file) {
      this.error.set('Choose a resume file first, or switch to “Describe your experience” and type it.');
      return;
    }
    if (this.source() === 'text' && text.length < CAREER_TEXT_MIN_CHARS) {
      this.error.set(`Write at least ${CAREER_TEXT_MIN_CHARS} characters about the work you have done.`);
      return;
    }
    this.busy.set(true);
    this.locationTyped.set(false);
    this.result.set(null);
    try {
      const result = file
        ? await this.api.fromResume(file, location, this.radiusKm())
        : await this.api.fromText({ text, ...(location ? { location, radiusKm: this.radiusKm() } : {}) });
      this.resultSource.set(file ? 'resume' : 'text');
      this.result.set(result);
      setTimeout(() => this.resultsTop()?.nativeElement.focus());
    } catch (error) {
      this.error.set(describeCareersError(toApiError(error)));
    } finally {
      this.busy.set(false);
    }
  }
}
