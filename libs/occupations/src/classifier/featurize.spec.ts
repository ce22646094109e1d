import { DEFAULT_FEATURE_CONFIG, descriptionFeatureStrings, featurize, hashString, normalizeText, titleCharFeatureStrings, titleWordFeatureStrings, titleWords } from './featurize';

describe('featurize', () => {
  it('normalizes titles to lowercase ASCII words, keeping c++ and c#, dropping bare numbers', () => {
    expect(normalizeText('Sr. Café Manager – R&D (Night Shift)')).toBe('sr cafe manager r and d night shift');
    expect(titleWords('C++ / C# Developer II, 40 hrs')).toEqual(['c++', 'c#', 'developer', 'ii', 'hrs']);
    expect(titleWords('  !!! 123 ')).toEqual([]);
  });

  it('gives word features (whole title, words, bigrams) and character n-grams with word boundaries', () => {
    expect(titleWordFeatureStrings('Line Cook')).toEqual(['t:line cook', 'w:line', 'w:cook', 'b:line cook']);
    const chars = titleCharFeatureStrings('RN', DEFAULT_FEATURE_CONFIG);
    expect(chars).toEqual(['c:<rn', 'c:rn>', 'c:<rn>']);
  });

  it('adds the last word and last two words of a title as head features when headWords is set', () => {
    expect(titleWordFeatureStrings('Dough Mixer Operator', { headWords: true })).toEqual([
      't:dough mixer operator', 'w:dough', 'w:mixer', 'b:dough mixer', 'w:operator', 'b:mixer operator', 'h:operator', 'h2:mixer operator',
    ]);
    // A two-word title's last two words are the whole title, a one-word title's head is the word: nothing new.
    expect(titleWordFeatureStrings('Line Cook', { headWords: true })).toEqual(['t:line cook', 'w:line', 'w:cook', 'b:line cook', 'h:cook']);
    expect(titleWordFeatureStrings('Cook', { headWords: true })).toEqual(['t:cook', 'w:cook']);
    // Models trained before the option read titles as they did.
    expect(titleWordFeatureStrings('Dough Mixer Operator', { headWords: false })).toHaveLength(6);
  });

  it('reads only the first content words of a description, sharing title-word rows', () => {
    const words = descriptionFeatureStrings('We are seeking a Registered Nurse to join our ICU team. '.repeat(20), DEFAULT_FEATURE_CONFIG);
    expect(words.slice(0, 4)).toEqual(['w:registered', 'w:nurse', 'w:icu', 'w:registered']);
    expect(words).toHaveLength(DEFAULT_FEATURE_CONFIG.descriptionWords);
    expect(descriptionFeatureStrings(null, DEFAULT_FEATURE_CONFIG)).toEqual([]);
  });

  it('hashes the same way on every run (ids are part of the saved model)', () => {
    expect(hashString('w:nurse')).toBe(hashString('w:nurse'));
    expect(hashString('')).toBe(0x811c9dc5);
    const [words, chars, description] = featurize({ title: 'Registered Nurse', description: 'Care for patients.' }, DEFAULT_FEATURE_CONFIG);
    expect(words).toHaveLength(4);
    expect(chars.length).toBeGreaterThan(20);
    expect(description).toHaveLength(2);
    for (const bag of [words, chars, description]) for (const id of bag) expect(id).toBeLessThan(DEFAULT_FEATURE_CONFIG.buckets);
  });
});
