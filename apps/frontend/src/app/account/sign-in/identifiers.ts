import type { FormGroup } from '@angular/forms';

import type { ApiFieldError } from '../../api/api-error';

/** E.164 once spaces, dashes, dots and brackets are taken out: +, country code, up to 15 digits. */
export const E164_PATTERN = /^\s*\+[\s\-.()]*[1-9](?:[\s\-.()]*\d){6,14}\s*$/;

export function normalizePhone(value: string): string {
  return value.replace(/[\s\-.()]/g, '');
}

/** Puts the API's field errors on the matching controls; false when none matched. */
export function applyFieldErrors(form: FormGroup, errors: readonly ApiFieldError[]): boolean {
  let applied = false;
  for (const { field, reason } of errors) {
    const control = form.get(field);
    if (!control) continue;
    control.setErrors({ ...control.errors, server: `${capitalize(field)} ${reason}.`.replace(/\.\.$/, '.') });
    control.markAsTouched();
    applied = true;
  }
  return applied;
}

const FIELD_NAMES: Record<string, string> = { name: 'Name', phone: 'Phone number', email: 'E-mail address' };

function capitalize(field: string): string {
  return FIELD_NAMES[field] ?? field;
}

/** After a refused submit, put the keyboard (and screen reader) on the first field to fix. */
export function focusFirstInvalidField(host: HTMLElement): void {
  host.querySelector<HTMLElement>('input.ng-invalid, textarea.ng-invalid')?.focus();
}
