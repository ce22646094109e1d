import { linkedSignal, type Resource, type ResourceStatus, type Signal } from '@angular/core';

/**
 * A resource's value that stays in place while the next one loads (so a result list does not
 * blink away between pages or refinements); undefined on an error or when nothing is asked for.
 */
export function keptWhileLoading<T>(resource: Resource<T | undefined>): Signal<T | undefined> {
  return linkedSignal<{ value: T | undefined; status: ResourceStatus }, T | undefined>({
    source: () => ({
      value: resource.hasValue() ? resource.value() : undefined,
      status: resource.status(),
    }),
    computation: (source, previous) =>
      source.value ?? (source.status === 'loading' || source.status === 'reloading' ? previous?.value : undefined),
  });
}
