import { computed, type Signal } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { debounceTime, distinctUntilChanged, map } from 'rxjs';

/** Typing pauses this long before suggestions are fetched. */
const SUGGEST_DEBOUNCE_MS = 200;
/** Fewer characters than this ask for no suggestions. */
const SUGGEST_MIN_CHARS = 2;

/**
 * Text typed by the user (not set from the URL), debounced and trimmed, or '' while too short:
 * what a search box asks suggestions for. Call in an injection context (a field initializer).
 */
export function debouncedTyping(text: () => string, typed: () => boolean): Signal<string> {
  return toSignal(
    toObservable(computed(() => (typed() ? text().trim() : ''))).pipe(
      debounceTime(SUGGEST_DEBOUNCE_MS),
      map((value) => (value.length >= SUGGEST_MIN_CHARS ? value : '')),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
}
