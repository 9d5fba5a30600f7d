/**
 * Maps misspelt message words ("enviroment", "revokd", "unauthorised") to words of the knowledge
 * vocabulary with fuse.js. Fuse's bitap is precise on one short word against short words, so each
 * message word is looked up alone, in a bucket of vocabulary words sharing its first letter.
 */
import Fuse from 'fuse.js';

/** Words shorter than this are not corrected: a typo in a 4-letter word is indistinguishable from another word. */
const MIN_CORRECTABLE_LENGTH = 5;
/** Fuse score (0 = exact, 1 = unrelated) at or below which a correction is accepted. */
const MAX_CORRECTION_SCORE = 0.25;
/** Corrections tried per message; the rest of an essay is left as written. */
export const MAX_CORRECTIONS_PER_TEXT = 24;
/** Corrections remembered per engine (misspellings repeat; memory stays bounded). */
const CACHE_LIMIT = 5_000;

export interface SpellingIndex {
  known: ReadonlySet<string>;
  buckets: ReadonlyMap<string, Fuse<string>>;
  cache: Map<string, string | null>;
}

/** Builds one small fuse index per first letter over the vocabulary words. */
export function buildSpellingIndex(vocabulary: Iterable<string>): SpellingIndex {
  const known = new Set(vocabulary);
  const groups = new Map<string, string[]>();
  for (const w of known) {
    if (w.length < MIN_CORRECTABLE_LENGTH - 1 || /\d/.test(w)) continue;
    const letter = w.charAt(0);
    const g = groups.get(letter) ?? [];
    g.push(w);
    groups.set(letter, g);
  }
  const buckets = new Map<string, Fuse<string>>();
  for (const [letter, list] of groups) {
    buckets.set(
      letter,
      new Fuse(list, { includeScore: true, threshold: MAX_CORRECTION_SCORE, ignoreLocation: true }),
    );
  }
  return { known, buckets, cache: new Map() };
}

/** Words of at least this length may carry two typos; shorter ones one. */
const LONG_WORD = 10;

function allowedEdits(word: string): number {
  return word.length >= LONG_WORD ? 2 : 1;
}

/** Damerau-Levenshtein distance (an adjacent swap counts once); anything above `max` is reported as max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const above = rows[i - 1] ?? [];
      let d = Math.min((above[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (above[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      }
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/**
 * The vocabulary word `word` most likely means, or undefined when it is known or nothing is close.
 * Fuse finds candidates; a real edit distance confirms them, because bitap also matches a word
 * inside a longer one ("system" in "systemd"), which is a different word, not a typo.
 */
export function correctWord(index: SpellingIndex, word: string): string | undefined {
  if (word.length < MIN_CORRECTABLE_LENGTH || index.known.has(word) || /[\d_-]/.test(word)) return undefined;
  const cached = index.cache.get(word);
  if (cached !== undefined) return cached ?? undefined;
  const bucket = index.buckets.get(word.charAt(0));
  let best: string | null = null;
  for (const hit of bucket?.search(word, { limit: 3 }) ?? []) {
    if ((hit.score ?? 1) > MAX_CORRECTION_SCORE || hit.item.includes(word)) continue;
    // A short word one letter longer than a known one is usually another real word ("named", "seems").
    if (word.length < LONG_WORD && word.length > hit.item.length) continue;
    if (editDistance(word, hit.item, allowedEdits(word)) <= allowedEdits(word)) {
      best = hit.item;
      break;
    }
  }
  if (index.cache.size >= CACHE_LIMIT) index.cache.clear();
  index.cache.set(word, best);
  return best ?? undefined;
}
