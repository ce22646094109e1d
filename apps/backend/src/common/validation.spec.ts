import { findMalformedText } from './validation';

describe('findMalformedText', () => {
  it('finds an unpaired surrogate by its path, in values and in keys', () => {
    expect(findMalformedText({ name: 'Ann', items: [{ title: 'ok' }, { title: 'bad \ud800' }] })).toBe('items[1].title');
    expect(findMalformedText({ ['\udc00']: 1 })).toBe('\udc00');
    expect(findMalformedText('\ud83d')).toBe('body');
  });

  it('accepts well-formed text, emoji (paired surrogates) included', () => {
    expect(findMalformedText({ q: 'nurse 👩‍⚕️', tags: ['a', 'ß'], n: 3, none: null })).toBeNull();
  });
});
