import type { OccupationCore } from '../onet/occupation';
import { titleWords } from './featurize';
import { normalizeTitle, singular } from './title-normalizer';
import type { Example, OccupationLabel } from './training-data';

/** One title an occupation is known by, and how much it counts (the official title most). */
export interface IndexedTitle {
  title: string;
  /** Index into the label list. */
  label: number;
  weight: number;
}

/** What the index knows about a title: a distribution over labels, and how it was found. */
export interface TitleMatch {
  /** 'exact': the title (or its normalized core, in any word order) is a known title; 'partial': all but one or two of its words are. */
  kind: 'exact' | 'partial' | 'none';
  labels: Int32Array;
  /** Sums to 1 over `labels`. */
  weights: Float64Array;
  /** Share of the normalized title's words the match covers (1 for exact). */
  coverage: number;
}

const NONE: TitleMatch = { kind: 'none', labels: new Int32Array(0), weights: new Float64Array(0), coverage: 0 };

interface Entry {
  labels: Int32Array;
  weights: Float64Array;
}

/**
 * Exact and near-exact lookup of titles in an in-memory dictionary of O*NET titles (official,
 * alternate, short, reported): a Map from a word-order-free key of singular words to the labels
 * that carry the title. A lookup is a handful of Map reads (no scoring over postings lists), so it
 * adds little to the classifier's cost per title.
 */
export class TitleIndex {
  private readonly entries = new Map<string, Entry>();

  constructor(titles: Iterable<IndexedTitle>) {
    const acc = new Map<string, Map<number, number>>();
    const add = (key: string, label: number, weight: number) => {
      if (!key) return;
      let m = acc.get(key);
      if (!m) acc.set(key, (m = new Map()));
      // Raw and normalized forms of the same title count once.
      m.set(label, Math.max(m.get(label) ?? 0, weight));
    };
    for (const t of titles) {
      add(bagKey(titleWords(t.title)), t.label, t.weight);
      add(bagKey(normalizeTitle(t.title).words), t.label, t.weight);
    }
    for (const [key, m] of acc) {
      const labels = Int32Array.from(m.keys());
      const raw = Float64Array.from(m.values());
      const sum = raw.reduce((a, b) => a + b, 0);
      this.entries.set(key, { labels, weights: raw.map((w) => w / sum) });
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The dictionary of every O*NET title of the occupations, for production. */
  static fromOccupations(occupations: Iterable<OccupationCore>, labels: readonly OccupationLabel[]): TitleIndex {
    const labelOf = new Map(labels.map((l, i) => [l.onetCode, i]));
    const titles: IndexedTitle[] = [];
    for (const occ of occupations) {
      const label = labelOf.get(occ.onetCode);
      if (label === undefined) continue;
      titles.push({ title: occ.title, label, weight: 3 });
      for (const t of occ.alternateTitles) titles.push({ title: t, label, weight: 1 });
      for (const t of occ.shortTitles) titles.push({ title: t, label, weight: 1 });
      for (const t of occ.reportedTitles) titles.push({ title: t, label, weight: 1 });
    }
    return new TitleIndex(titles);
  }

  /**
   * The dictionary of the training rows only, for evaluation: held-out titles are not in it, so
   * an exact match cannot leak the answer.
   */
  static fromExamples(examples: readonly Example[]): TitleIndex {
    const titles: IndexedTitle[] = [];
    for (const e of examples) {
      if (!e.title || e.description) continue;
      if (e.source === 'title' || e.source === 'alternate' || e.source === 'short' || e.source === 'reported') {
        titles.push({ title: e.title, label: e.label, weight: e.source === 'title' ? 3 : 1 });
      }
    }
    return new TitleIndex(titles);
  }

  lookup(title: string, employer?: string | null): TitleMatch {
    const raw = titleWords(title);
    if (raw.length === 0) return NONE;
    const exactRaw = this.entries.get(bagKey(raw));
    if (exactRaw) return { kind: 'exact', ...exactRaw, coverage: 1 };
    const words = normalizeTitle(title, employer).words;
    if (words.length === 0) return NONE;
    const exact = this.entries.get(bagKey(words));
    if (exact) return { kind: 'exact', ...exact, coverage: 1 };
    if (words.length < 2) return NONE;
    // All but one word, then all but two: "ICU Registered Nurse Nights Weekend" -> "registered nurse".
    for (let drop = 1; drop <= Math.min(2, words.length - 1); drop++) {
      const found: Entry[] = [];
      forEachSubset(words, words.length - drop, (subset) => {
        const e = this.entries.get(bagKey(subset));
        if (e) found.push(e);
      });
      if (found.length > 0) return { kind: 'partial', ...mergeEntries(found), coverage: (words.length - drop) / words.length };
    }
    return NONE;
  }
}

function bagKey(words: readonly string[]): string {
  return words.map(singular).sort().join(' ');
}

/** Calls `fn` with each subset of `size` of the words, in order. Titles are short, so this is small. */
function forEachSubset(words: readonly string[], size: number, fn: (subset: string[]) => void): void {
  if (words.length > 8) words = words.slice(0, 8);
  const pick: string[] = [];
  const walk = (start: number) => {
    if (pick.length === size) return fn(pick.slice());
    for (let i = start; i <= words.length - (size - pick.length); i++) {
      pick.push(words[i]);
      walk(i + 1);
      pick.pop();
    }
  };
  walk(0);
}

function mergeEntries(found: readonly Entry[]): Entry {
  const m = new Map<number, number>();
  for (const e of found) e.labels.forEach((l, i) => m.set(l, (m.get(l) ?? 0) + e.weights[i] / found.length));
  return { labels: Int32Array.from(m.keys()), weights: Float64Array.from(m.values()) };
}
