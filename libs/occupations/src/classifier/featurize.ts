/** What the classifier reads from a posting: its title and, optionally, its description. */
export interface ClassifyItem {
  title: string;
  description?: string | null;
}

/** How text becomes hashed feature ids; saved with the model, since ids depend on every field. */
export interface FeatureConfig {
  /** Size of the hashed feature space (rows of the embedding table). */
  buckets: number;
  /** Character n-gram lengths taken from each title word (with `<` `>` word boundaries). */
  charNgramMin: number;
  charNgramMax: number;
  /** How many words from the start of the description are used. */
  descriptionWords: number;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  buckets: 1 << 18,
  charNgramMin: 3,
  charNgramMax: 5,
  descriptionWords: 40,
};

/** Words too common in descriptions to say anything about the occupation. */
const STOPWORDS = new Set(
  (
    'a an and are as at be by for from has have in is it its of on or our that the their this to was we were will with you your ' +
    'who what when where which while job position role team company opportunity looking seeking join us about'
  ).split(' '),
);

/** Lowercase ASCII words: accents folded, "&" read as "and", "c++" and "c#" kept. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9+#]+/g, ' ')
    .trim();
}

/** Words of a title; numbers alone ("2", "40") carry no occupation and are dropped. */
export function titleWords(title: string): string[] {
  const norm = normalizeText(title);
  return norm === '' ? [] : norm.split(' ').filter((w) => !/^\d+$/.test(w));
}

/** The feature strings of a title: the whole title, words, word bigrams and character n-grams of each word. */
export function titleFeatureStrings(title: string, config: FeatureConfig): string[] {
  const words = titleWords(title);
  if (words.length === 0) return [];
  const out: string[] = [`t:${words.join(' ')}`];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    out.push(`w:${w}`);
    if (i > 0) out.push(`b:${words[i - 1]} ${w}`);
    const padded = `<${w}>`;
    for (let n = config.charNgramMin; n <= config.charNgramMax; n++) {
      for (let s = 0; s + n <= padded.length; s++) out.push(`c:${padded.slice(s, s + n)}`);
    }
  }
  return out;
}

/** The first `descriptionWords` content words of a description. */
export function descriptionFeatureStrings(description: string | null | undefined, config: FeatureConfig): string[] {
  if (!description || config.descriptionWords <= 0) return [];
  const out: string[] = [];
  // Only the start is read: normalizing a 20 kB description to keep 40 words would be waste.
  const words = normalizeText(description.slice(0, config.descriptionWords * 12)).split(' ');
  for (const w of words) {
    if (out.length >= config.descriptionWords) break;
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(`d:${w}`);
  }
  return out;
}

/** FNV-1a, 32 bits: fast, stable across machines and Node versions. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export interface Features {
  title: Int32Array;
  description: Int32Array;
}

export function featurize(item: ClassifyItem, config: FeatureConfig): Features {
  const toIds = (strings: string[]) => Int32Array.from(strings, (s) => hashString(s) % config.buckets);
  return {
    title: toIds(titleFeatureStrings(item.title ?? '', config)),
    description: toIds(descriptionFeatureStrings(item.description, config)),
  };
}
