import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { registerDecorator, type ValidationOptions } from 'class-validator';

/** The E.164 form of a phone number written in E.164 (leading "+"), or null when it is not a valid number. */
export function normalizePhone(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\+[1-9]\d{6,14}$/.test(value.replace(/[\s().-]/g, ''))) return null;
  const parsed = parsePhoneNumberFromString(value);
  return parsed?.isValid() ? parsed.number : null;
}

export function normalizeEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Validates with libphonenumber-js (full metadata): a real, assignable number in E.164. */
export function IsE164Phone(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isE164Phone',
      target: object.constructor,
      propertyName,
      options: { message: 'must be a valid phone number in international format, e.g. +14155550123', ...options },
      validator: { validate: (value: unknown) => normalizePhone(value) !== null },
    });
}

/** "+1 ••• ••• 0123": enough for the user to recognise the number, nothing more. */
export function maskPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  const last = e164.slice(-4);
  return parsed ? `+${parsed.countryCallingCode} ••• ${last}` : `••• ${last}`;
}

/** "j•••@example.com" */
export function maskEmail(email: string): string {
  const [local, domain] = email.split('@');
  return `${local.slice(0, 1)}•••@${domain}`;
}

/** Rate-limit keys carry a digest, so Redis never holds phone numbers or addresses. */
export function identifierDigest(identifier: string): string {
  return createHash('sha256').update(identifier).digest('hex').slice(0, 32);
}
