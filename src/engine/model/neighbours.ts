/**
 * Solved reports like this one: the learned scorer's instance-based part. The model file keeps the
 * text features of the real reports it was trained on, each with the cause its thread established
 * and the thread it came from; a message's nearest reports (cosine over idf-weighted text features)
 * vote for their causes, and the vote share is one more shared knowledge feature (`kb:neighbours`),
 * so its weight is fitted with the rest and a reason can name the threads it rests on.
 *
 * Pure: the index is built once from the model file, and a query touches only the postings of the
 * message's features.
 */

import { CJK_PREFIX, WORD_PREFIX } from './text-features.ts';

/** How the vote is taken. */
export interface NeighbourSettings {
  /** this many nearest reports vote */
  k: number;
  /** each votes with its similarity to this power, so near copies outweigh loose likenesses */
  power: number;
  /** a feature in more than this share of the reports (a common word) is not looked up */
  maxDocumentShare: number;
  /** added to the vote's total before the shares are taken, so a loose neighbourhood says less */
  damping: number;
}

/**
 * Measured 2026-12-07, cross-validated on 5587 real reports (top-1 / top-3, ECE), against 51.3% /
 * 76.8%, 0.034 without neighbours: the vote share as the feature 51.7% / 77.2%, 0.030; its floored
 * log (voteValue) 52.0% / 77.4%, 0.025, with floor 0.01 52.2% / 77.3%, 0.15 52.0% / 77.5%; k 10
 * 51.9% / 77.6%, k 40 51.9% / 77.3%; power 2 52.4% / 77.3%, 0.031; over words and CJK pairs only
 * (not word pairs, opening words or roots) 52.3% / 77.5%, 0.026, with roots 52.2% / 77.5%. Damped
 * (`damping` added to the vote's total): 0.02 52.3% / 77.6%, 0.027; 0.1 52.3% / 77.5%, 0.033; 0.3
 * 52.0% / 77.2%, 0.034. Undamped, loose neighbourhoods of short messages moved near ties: the
 * hand-written holdout fell from 87 to 83 of 96 (84 at 0.02, 86 at 0.1, 87 at 0.3).
 */
export const NEIGHBOUR_SETTINGS: NeighbourSettings = {
  k: 20,
  power: 4,
  maxDocumentShare: 0.15,
  damping: 0.1,
};

/** A public thread a reason may cite, `owner/repo#N` as GitHub names it. */
const THREAD_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}#[1-9]\d{0,9}$/;
export function isThreadName(source: string): boolean {
  return THREAD_NAME.test(source);
}

/** The text features reports are compared by: words (glosses included) and CJK character pairs. */
export function isNeighbourTerm(feature: string): boolean {
  return feature.startsWith(WORD_PREFIX) || feature.startsWith(CJK_PREFIX);
}

/** The reports of the index: their features (term ids), cause (position) and thread. */
export interface NeighbourCases {
  terms: readonly (readonly number[] | Int32Array)[];
  causeOf: readonly number[] | Int32Array;
  sources: readonly string[];
}

export interface NeighbourIndex {
  settings: NeighbourSettings;
  cases: number;
  causeOf: Int32Array;
  sources: readonly string[];
  /** per term: idf (0 for a term no report holds) */
  idf: Float64Array;
  /** per term: whether it is looked up (held by few enough reports) */
  searched: Uint8Array;
  /** postings: term t's reports are at[start[t]..start[t+1]), with weight idf / the report's norm */
  start: Int32Array;
  at: Int32Array;
  weight: Float64Array;
}

/** Builds the index over `terms` ids below `termCount`. */
export function buildNeighbourIndex(
  cases: NeighbourCases,
  termCount: number,
  settings: NeighbourSettings = NEIGHBOUR_SETTINGS,
): NeighbourIndex {
  const n = cases.terms.length;
  const df = new Int32Array(termCount);
  for (const terms of cases.terms) for (const t of terms) df[t] = df[t]! + 1;
  const idf = new Float64Array(termCount);
  const searched = new Uint8Array(termCount);
  const maxDf = settings.maxDocumentShare * n;
  for (let t = 0; t < termCount; t++) {
    if (df[t]! === 0) continue;
    idf[t] = Math.log(n / df[t]!);
    searched[t] = df[t]! <= maxDf ? 1 : 0;
  }
  const start = new Int32Array(termCount + 1);
  for (let t = 0; t < termCount; t++) start[t + 1] = start[t]! + (searched[t] ? df[t]! : 0);
  const at = new Int32Array(start[termCount]!);
  const weight = new Float64Array(start[termCount]!);
  const fill = start.slice(0, termCount);
  cases.terms.forEach((terms, i) => {
    let norm = 0;
    for (const t of terms) norm += idf[t]! * idf[t]!;
    norm = Math.sqrt(norm) || 1;
    for (const t of terms) {
      if (!searched[t]) continue;
      const p = fill[t]!++;
      at[p] = i;
      weight[p] = idf[t]! / norm;
    }
  });
  return {
    settings,
    cases: n,
    causeOf: Int32Array.from(cases.causeOf),
    sources: cases.sources,
    idf,
    searched,
    start,
    at,
    weight,
  };
}

export interface Neighbour {
  /** position of the report in the index */
  at: number;
  similarity: number;
}

/**
 * The `limit` reports most like a message with these term ids (distinct, unknown ones left out),
 * most similar first (ties by position); `skip` leaves reports out (one's own project in training).
 */
export function nearestReports(
  index: NeighbourIndex,
  terms: readonly number[],
  limit: number,
  skip?: (at: number) => boolean,
): Neighbour[] {
  let norm = 0;
  for (const t of terms) norm += (index.idf[t] ?? 0) ** 2;
  if (norm === 0 || limit <= 0) return [];
  norm = Math.sqrt(norm);
  const score = new Float64Array(index.cases);
  const touched: number[] = [];
  for (const t of terms) {
    if (!index.searched[t]) continue;
    const q = index.idf[t]! / norm;
    for (let p = index.start[t]!; p < index.start[t + 1]!; p++) {
      const i = index.at[p]!;
      if (score[i] === 0) touched.push(i);
      score[i] = score[i]! + q * index.weight[p]!;
    }
  }
  // the best `limit` kept in order as they come (most fall below the last kept and cost one test)
  const best: Neighbour[] = [];
  for (const at of touched) {
    if (skip?.(at)) continue;
    const similarity = score[at]!;
    if (best.length === limit && !before(similarity, at, best[limit - 1]!)) continue;
    let k = best.length === limit ? limit - 1 : best.length;
    best[k] = { at, similarity };
    while (k > 0 && before(similarity, at, best[k - 1]!)) {
      best[k] = best[k - 1]!;
      best[--k] = { at, similarity };
    }
  }
  return best;
}

/** Whether a report at `at` with `similarity` ranks before `other`: more similar, or as similar and earlier. */
function before(similarity: number, at: number, other: Neighbour): boolean {
  return similarity > other.similarity || (similarity === other.similarity && at < other.at);
}

/** Each cause's share of the neighbours' vote (similarity to the power), in cause positions. */
export function neighbourVotes(
  neighbours: readonly Neighbour[],
  causeOf: (at: number) => number,
  causes: number,
  settings: NeighbourSettings = NEIGHBOUR_SETTINGS,
): Float64Array {
  const votes = new Float64Array(causes);
  let total = 0;
  for (const nb of neighbours.slice(0, settings.k)) {
    const v = nb.similarity ** settings.power;
    const c = causeOf(nb.at);
    if (c < 0 || c >= causes) continue;
    votes[c] = votes[c]! + v;
    total += v;
  }
  const denominator = total + settings.damping;
  if (denominator > 0) for (let c = 0; c < causes; c++) votes[c] = votes[c]! / denominator;
  return votes;
}

/**
 * The feature value of a cause's vote share: its log, floored, so a cause most neighbours name gains
 * and one none names loses, each by a bounded amount (measured 2026-12-07, see train/neighbour-votes.ts).
 */
export function voteValue(share: number): number {
  return Math.log(VOTE_FLOOR + share) - Math.log(VOTE_FLOOR + 1);
}
const VOTE_FLOOR = 0.05;

/** A report's feature positions as the model file keeps them: each once, ascending, gaps in base 36, `.`-joined. */
export function encodeTerms(positions: readonly number[]): string {
  const sorted = [...new Set(positions)].sort((a, b) => a - b);
  let previous = 0;
  return sorted
    .map((p) => {
      const gap = p - previous;
      previous = p;
      return gap.toString(36);
    })
    .join('.');
}

/** The positions of `encodeTerms`; undefined when the text is not such a list (or repeats a position). One pass over the characters. */
export function decodeTerms(text: string): Int32Array | undefined {
  if (text === '') return new Int32Array(0);
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === DOT) count++;
  const out = new Int32Array(count);
  let position = 0;
  let gap = 0;
  let digits = 0;
  let k = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : DOT;
    if (ch === DOT) {
      // strictly ascending: only the first position may be 0 away from the start
      if (digits === 0 || (gap === 0 && k > 0)) return undefined;
      position += gap;
      out[k++] = position;
      gap = 0;
      digits = 0;
      continue;
    }
    const d = ch >= 48 && ch <= 57 ? ch - 48 : ch >= 97 && ch <= 122 ? ch - 87 : -1;
    if (d < 0 || ++digits > 6) return undefined;
    gap = gap * 36 + d;
  }
  return out;
}

const DOT = 0x2e;
