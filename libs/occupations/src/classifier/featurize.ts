/** What the classifier reads from a posting: its title and, optionally, its description. */
export interface ClassifyItem {
  title: string;
  description?: string | null;
  /** The employer's name, removed from the title before the dictionary lookup (the model ignores it). */
  employer?: string | null;
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
  /**
   * Description words hash to the same rows as title words, so what task statements teach about
   * a word ("chemotherapy" -> nurses) also serves titles that contain it.
   */
  shareWordEmbeddings: boolean;
  /**
   * Position features: the title's last word and last two words ("h:operator", "h2:press
   * operator"), its head in English job titles, which names the occupation far more often than
   * a modifier in front does. Absent (false) in models trained before it.
   */
  headWords?: boolean;
}

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  buckets: 1 << 18,
  charNgramMin: 3,
  charNgramMax: 5,
  descriptionWords: 40,
  shareWordEmbeddings: true,
  // Measured with no gain (docs/classifier.md, issue 13): off, so a retrain reproduces the v1 weights.
  headWords: false,
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

/**
 * The word-level feature strings of a title: the whole title, its words and word bigrams, and
 * with `headWords` its last word and last two words.
 */
export function titleWordFeatureStrings(title: string, config?: Pick<FeatureConfig, 'headWords'>): string[] {
  const words = titleWords(title);
  if (words.length === 0) return [];
  const out: string[] = [`t:${words.join(' ')}`];
  for (let i = 0; i < words.length; i++) {
    out.push(`w:${words[i]}`);
    if (i > 0) out.push(`b:${words[i - 1]} ${words[i]}`);
  }
  if (config?.headWords && words.length > 1) {
    const n = words.length;
    out.push(`h:${words[n - 1]}`);
    if (n > 2) out.push(`h2:${words[n - 2]} ${words[n - 1]}`);
  }
  return out;
}

/** Character n-grams of each title word, with `<` `>` marking the word's ends ("<rn>", "nurs"). */
export function titleCharFeatureStrings(title: string, config: FeatureConfig): string[] {
  const out: string[] = [];
  for (const w of titleWords(title)) {
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
  const words = normalizeText(description.slice(0, config.descriptionWords * 30)).split(' ');
  for (const w of words) {
    if (out.length >= config.descriptionWords) break;
    if (w.length < 2 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(config.shareWordEmbeddings ? `w:${w}` : `d:${w}`);
  }
  return out;
}

// A module-level alias keeps this loop fast in Jest's sandbox too (see calibration.ts).
const { imul } = Math;

/** FNV-1a, 32 bits: fast, stable across machines and Node versions. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Hashed feature ids in three bags, each averaged on its own so that the ~40 character n-grams
 * of a title do not drown its 3-5 word features: title words, title characters, description.
 */
export type Features = readonly [Int32Array, Int32Array, Int32Array];
export const BAGS = 3;

export function featurize(item: ClassifyItem, config: FeatureConfig): Features {
  const toIds = (strings: string[]) => Int32Array.from(strings, (s) => hashString(s) % config.buckets);
  const title = item.title ?? '';
  return [toIds(titleWordFeatureStrings(title, config)), toIds(titleCharFeatureStrings(title, config)), toIds(descriptionFeatureStrings(item.description, config))];
}
