/**
 * Text similarity between a message and each cause's symptom phrases and keywords. Two measures
 * that hold up on both a five-word and a 300-word message:
 * - BM25 over each cause's bag of words (IDF across causes, so words every cause uses count little);
 * - the best-covered single phrase (IDF-weighted share of its words present, plus adjacent pairs).
 * Misspelt words are mapped to the vocabulary first (see spelling.ts).
 */
import type { Cause } from '../../knowledge/schema.ts';
import { buildSpellingIndex, correctWord, MAX_CORRECTIONS_PER_TEXT, type SpellingIndex } from './spelling.ts';
import { expandIdentifiers, isContentWord, stem, words } from './tokenize.ts';

// BM25 parameters (the usual defaults).
const K1 = 1.2;
const B = 0.75;
/** Keywords are single terms: they count, but less than a whole symptom phrase. */
const KEYWORD_PHRASE_FACTOR = 0.6;
/** Share of a phrase's score that comes from matching adjacent word pairs (word order). */
const BIGRAM_SHARE = 0.25;

interface Phrase {
  text: string;
  /** index of its cause in `docs` */
  doc: number;
  stems: string[];
  /** adjacent stem pairs as numbers (see pairKey) */
  bigrams: number[];
  /** sum of IDF of its distinct stems */
  weight: number;
  factor: number;
}

interface CauseDoc {
  id: string;
  tf: Map<string, number>;
  length: number;
}

export interface TextIndex {
  docs: CauseDoc[];
  phrases: Phrase[];
  /** stem -> the phrases that contain it (so a message only visits phrases it shares a word with) */
  phrasePostings: Map<string, Int32Array>;
  /** stem -> small integer, for numeric word pairs */
  stemIds: Map<string, number>;
  /** reusable per-message accumulators (the engine is single-threaded; reset after each use) */
  scratch: { mass: Float64Array; touched: Int32Array };
  /** stem -> [doc index, term frequency] pairs */
  docPostings: Map<string, [number, number][]>;
  idf: Map<string, number>;
  avgLength: number;
  spelling: SpellingIndex;
  /** stems of the vocabulary */
  stems: ReadonlySet<string>;
}

export interface TextScore {
  bm25: number;
  /** 0..1: how well the best phrase is covered */
  coverage: number;
  /** the phrase that matched best (from the knowledge base, safe to show) */
  phrase?: string;
}

function uniq<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

function stemsOf(text: string): string[] {
  return expandIdentifiers(words(text)).filter(isContentWord).map(stem);
}

/** A pair of stem ids as one number; -1 when either word is outside the vocabulary. */
function pairKey(ids: ReadonlyMap<string, number>, a: string, b: string): number {
  const x = ids.get(a);
  const y = ids.get(b);
  return x === undefined || y === undefined ? -1 : x * 1_048_576 + y;
}

function bigramsOf(ids: ReadonlyMap<string, number>, stems: readonly string[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < stems.length; i++) {
    const k = pairKey(ids, stems[i - 1] ?? '', stems[i] ?? '');
    if (k >= 0) out.push(k);
  }
  return out;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Builds the text index once per knowledge base. */
export function buildTextIndex(causes: Iterable<Cause>): TextIndex {
  const vocabulary = new Set<string>();
  const raw: { id: string; phrases: { text: string; factor: number }[] }[] = [];
  for (const c of causes) {
    const phrases = [
      ...c.symptoms.map((text) => ({ text, factor: 1 })),
      ...c.keywords.map((text) => ({ text, factor: KEYWORD_PHRASE_FACTOR })),
      { text: c.title, factor: 1 },
    ];
    for (const p of phrases)
      for (const w of expandIdentifiers(words(p.text))) if (isContentWord(w)) vocabulary.add(w);
    raw.push({ id: c.id, phrases });
  }
  const df = new Map<string, number>();
  const docs: CauseDoc[] = raw.map((r) => {
    const tf = new Map<string, number>();
    let length = 0;
    for (const p of r.phrases) {
      for (const s of stemsOf(p.text)) {
        tf.set(s, (tf.get(s) ?? 0) + 1);
        length++;
      }
    }
    for (const s of tf.keys()) df.set(s, (df.get(s) ?? 0) + 1);
    return { id: r.id, tf, length };
  });
  const n = Math.max(1, docs.length);
  const idf = new Map<string, number>();
  for (const [s, d] of df) idf.set(s, Math.log(1 + (n - d + 0.5) / (d + 0.5)));
  const stemIds = new Map<string, number>();
  for (const st of df.keys()) stemIds.set(st, stemIds.size);
  const phrases: Phrase[] = [];
  const postings = new Map<string, number[]>();
  raw.forEach((r, doc) => {
    for (const p of r.phrases) {
      const stems = uniq(stemsOf(p.text));
      const weight = stems.reduce((sum, s) => sum + (idf.get(s) ?? 0), 0);
      if (weight <= 0) continue;
      for (const s of stems) push(postings, s, phrases.length);
      phrases.push({
        text: p.text,
        doc,
        stems,
        bigrams: bigramsOf(stemIds, stemsOf(p.text)),
        weight,
        factor: p.factor * Math.min(1, (stems.length + 1) / 3),
      });
    }
  });
  const phrasePostings = new Map<string, Int32Array>();
  for (const [st, list] of postings) phrasePostings.set(st, Int32Array.from(list));
  const docPostings = new Map<string, [number, number][]>();
  docs.forEach((d, i) => {
    for (const [s, f] of d.tf) push(docPostings, s, [i, f] as [number, number]);
  });
  const avgLength = docs.reduce((s, d) => s + d.length, 0) / n || 1;
  return {
    docs,
    phrases,
    phrasePostings,
    stemIds,
    scratch: { mass: new Float64Array(phrases.length), touched: new Int32Array(phrases.length) },
    docPostings,
    idf,
    avgLength,
    spelling: buildSpellingIndex(vocabulary),
    stems: new Set(df.keys()),
  };
}

/** The message's stems (typos corrected to vocabulary words) and adjacent stem pairs. */
export function queryTerms(index: TextIndex, text: string): { stems: Set<string>; bigrams: Set<number> } {
  const list: string[] = [];
  let corrections = 0;
  for (const w of expandIdentifiers(words(text))) {
    if (!isContentWord(w)) continue;
    let s = stem(w);
    if (!index.stems.has(s) && corrections < MAX_CORRECTIONS_PER_TEXT) {
      corrections++;
      const fixed = correctWord(index.spelling, w);
      if (fixed) s = stem(fixed);
    }
    list.push(s);
  }
  return { stems: new Set(list), bigrams: new Set(bigramsOf(index.stemIds, list)) };
}

/** Text similarity of the message to every cause (causes sharing no word score zero). */
export function scoreText(index: TextIndex, text: string): Map<string, TextScore> {
  const q = queryTerms(index, text);
  const bm25 = new Float64Array(index.docs.length);
  // IDF mass of each phrase's words found in the message, only for phrases sharing a word.
  const { mass, touched } = index.scratch;
  let nTouched = 0;
  for (const s of q.stems) {
    const w = index.idf.get(s) ?? 0;
    for (const [doc, f] of index.docPostings.get(s) ?? []) {
      const d = index.docs[doc];
      if (!d) continue;
      const norm = f + K1 * (1 - B + (B * d.length) / index.avgLength);
      bm25[doc] = (bm25[doc] ?? 0) + w * ((f * (K1 + 1)) / norm);
    }
    const list = index.phrasePostings.get(s);
    if (!list || w <= 0) continue;
    for (let k = 0; k < list.length; k++) {
      const p = list[k] ?? 0;
      if (mass[p] === 0) touched[nTouched++] = p;
      mass[p] = (mass[p] ?? 0) + w;
    }
  }
  const coverage = new Float64Array(index.docs.length);
  const best: (string | undefined)[] = new Array(index.docs.length);
  for (let k = 0; k < nTouched; k++) {
    const pi = touched[k] ?? 0;
    const m = mass[pi] ?? 0;
    mass[pi] = 0;
    const p = index.phrases[pi];
    if (!p) continue;
    let pairs = 0;
    for (const b of p.bigrams) if (q.bigrams.has(b)) pairs++;
    const pairShare = p.bigrams.length > 0 ? pairs / p.bigrams.length : m / p.weight;
    const score = p.factor * ((1 - BIGRAM_SHARE) * (m / p.weight) + BIGRAM_SHARE * pairShare);
    if (score > (coverage[p.doc] ?? 0)) {
      coverage[p.doc] = score;
      best[p.doc] = p.text;
    }
  }
  const out = new Map<string, TextScore>();
  index.docs.forEach((d, i) => {
    const phrase = best[i];
    const c = coverage[i] ?? 0;
    out.set(d.id, phrase ? { bm25: bm25[i] ?? 0, coverage: c, phrase } : { bm25: bm25[i] ?? 0, coverage: c });
  });
  return out;
}
