import { PercentPipe } from '@angular/common';
import { Component, ElementRef, computed, inject, resource, signal, viewChild } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import {
  REVIEW_PAGE_SIZE_DEFAULT,
  SOURCE_LABELS,
  SOURCE_NAMES,
  type OccupationSearchHit,
  type ReviewQueueItem,
  type ReviewQueueParams,
  type SourceName,
} from '@jobportal/contracts';

import { AuthState } from '../account/auth-state';
import { type ApiError, toApiError } from '../api/api-error';
import { OccupationPicker } from './occupation-picker';
import { ReviewApi } from './review-api';

interface Feedback {
  kind: 'done' | 'error';
  text: string;
}

interface FilterForm {
  source: string;
  occupation: string;
  minConfidence: string;
  maxConfidence: string;
}

const EMPTY_FILTERS: FilterForm = { source: '', occupation: '', minConfidence: '', maxConfidence: '' };

/** A filter form's text as query parameters; the API checks them and names a bad one. */
function toParams(form: FilterForm, page: number): ReviewQueueParams {
  const number = (text: string) => (text.trim() === '' ? undefined : Number(text));
  return {
    source: form.source ? [form.source as SourceName] : undefined,
    occupation: form.occupation.trim() ? [form.occupation.trim()] : undefined,
    minConfidence: number(form.minConfidence),
    maxConfidence: number(form.maxConfidence),
    page,
    size: REVIEW_PAGE_SIZE_DEFAULT,
  };
}

/**
 * The classifier review queue (issue 13): postings the classifier was unsure about, least
 * confident first. An analyst confirms the code or corrects it with an occupation picker; the
 * decision is stored and applied to search at once, so the row leaves the table. The API checks
 * the analyst role on every call; this page only says who may use it.
 */
@Component({
  selector: 'app-review-page',
  imports: [FormsModule, PercentPipe, RouterLink, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, OccupationPicker],
  templateUrl: './review-page.html',
  styleUrl: './review-page.scss',
})
export class ReviewPage {
  private readonly api = inject(ReviewApi);
  protected readonly auth = inject(AuthState);
  private readonly feedbackEl = viewChild<ElementRef<HTMLElement>>('feedbackEl');

  protected readonly isAnalyst = computed(() => (this.auth.user()?.roles ?? []).includes('analyst'));
  protected readonly sources = SOURCE_NAMES.map((name) => ({ name, label: SOURCE_LABELS[name] }));
  protected readonly sourceLabel = (name: SourceName) => SOURCE_LABELS[name] ?? name;
  protected readonly fieldText = (f: { field: string; reason: string }) => `${f.field} ${f.reason}`;

  protected readonly form = signal<FilterForm>({ ...EMPTY_FILTERS });
  private readonly applied = signal<FilterForm>({ ...EMPTY_FILTERS });
  protected readonly page = signal(1);

  protected readonly queue = resource({
    params: () => (this.isAnalyst() ? toParams(this.applied(), this.page()) : undefined),
    loader: ({ params }) => this.api.queue(params),
  });
  protected readonly queueError = computed<ApiError | null>(() => (this.queue.error() ? toApiError(this.queue.error()) : null));
  protected readonly items = computed(() => (this.queue.hasValue() ? this.queue.value().items : []));
  protected readonly total = computed(() => (this.queue.hasValue() ? this.queue.value().total : 0));
  protected readonly lastPage = computed(() => Math.max(1, Math.ceil(this.total() / REVIEW_PAGE_SIZE_DEFAULT)));

  protected readonly correcting = signal<string | null>(null);
  protected readonly picked = signal<OccupationSearchHit | null>(null);
  protected readonly note = signal('');
  protected readonly busy = signal<string | null>(null);
  protected readonly feedback = signal<Feedback | null>(null);

  /** Number inputs report numbers (or null when cleared); the form keeps text. */
  protected setFilter(key: keyof FilterForm, value: string | number | null): void {
    this.form.update((f) => ({ ...f, [key]: value === null || value === undefined ? '' : String(value) }));
  }

  protected applyFilters(): void {
    this.feedback.set(null);
    this.page.set(1);
    this.applied.set({ ...this.form() });
  }

  protected clearFilters(): void {
    this.form.set({ ...EMPTY_FILTERS });
    this.applyFilters();
  }

  protected goTo(page: number): void {
    this.page.set(Math.min(Math.max(1, page), this.lastPage()));
  }

  protected startCorrecting(item: ReviewQueueItem): void {
    this.correcting.set(this.correcting() === item.id ? null : item.id);
    this.picked.set(null);
    this.note.set('');
  }

  protected async confirm(item: ReviewQueueItem): Promise<void> {
    await this.send(item, { action: 'confirm' }, (soc) => `Confirmed ${soc.title} (${soc.code}) for “${item.title}”.`);
  }

  protected async saveCorrection(item: ReviewQueueItem): Promise<void> {
    const hit = this.picked();
    if (!hit) {
      this.feedback.set({ kind: 'error', text: 'Choose the new occupation from the suggestions first.' });
      this.focusFeedback();
      return;
    }
    const note = this.note().trim();
    await this.send(
      item,
      { action: 'correct', code: hit.socCode, ...(note ? { note } : {}) },
      (soc) => `Corrected “${item.title}” from ${item.occupation.title} (${item.occupation.code}) to ${soc.title} (${soc.code}).`,
    );
  }

  private async send(item: ReviewQueueItem, decision: { action: 'confirm' | 'correct'; code?: string; note?: string }, done: (soc: { code: string; title: string }) => string) {
    this.busy.set(item.id);
    this.feedback.set(null);
    try {
      const res = await this.api.decide(item.id, decision);
      this.correcting.set(null);
      this.feedback.set({ kind: 'done', text: `${done(res.soc)} Search shows the new code now.` });
      this.queue.reload();
    } catch (err) {
      const e = toApiError(err);
      const fields = e.errors.map((f) => `${f.field} ${f.reason}`).join('; ');
      this.feedback.set({ kind: 'error', text: `Not saved: ${fields || e.message}` });
    } finally {
      this.busy.set(null);
      // The row is gone (or the error is new): keyboard and screen-reader users land on the result.
      this.focusFeedback();
    }
  }

  private focusFeedback(): void {
    setTimeout(() => this.feedbackEl()?.nativeElement.focus(), 0);
  }
}
