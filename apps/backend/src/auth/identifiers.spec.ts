import { maskEmail, maskPhone, normalizeEmail, normalizePhone } from './identifiers';

describe('identifiers', () => {
  it('accepts valid E.164 numbers and normalizes separators', () => {
    expect(normalizePhone('+14155550123')).toBe('+14155550123');
    expect(normalizePhone('+1 (415) 555-0123')).toBe('+14155550123');
    expect(normalizePhone('+4915112345678')).toBe('+4915112345678');
  });

  it('refuses numbers without a country code, too short, invalid for their country, or not strings', () => {
    for (const bad of ['4155550123', '+1415555012', '+447700900123', '+1', '', 'phone', 14155550123, null]) {
      expect(normalizePhone(bad)).toBeNull();
    }
  });

  it('lower-cases e-mail and masks destinations', () => {
    expect(normalizeEmail('  Jane.Doe@Example.COM ')).toBe('jane.doe@example.com');
    expect(maskEmail('jane@example.com')).toBe('j•••@example.com');
    expect(maskPhone('+14155550123')).toBe('+1 ••• 0123');
  });
});
