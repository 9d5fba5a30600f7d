/**
 * The `kb:neighbours` feature in training. Each example's nearest real reports are found once,
 * among the reports of other projects (so a report never votes for itself or its own thread's
 * siblings, as a new report's project is not in the corpus); each fit then lets only the reports
 * it trains on vote, as the model file it writes will hold only those. A cross-validation fold's
 * test reports are voted on by its training reports alone.
 */
import { SHARED_FEATURES } from '../engine/model/features.ts';
import {
  buildNeighbourIndex,
  isNeighbourTerm,
  NEIGHBOUR_SETTINGS,
  nearestReports,
  neighbourVotes,
  voteValue,
} from '../engine/model/neighbours.ts';
import type { Example } from './examples.ts';

/** Nearest reports kept per example: more than k, so a fit that leaves a fifth out still has k. */
const KEPT = 60;
const COLUMN = SHARED_FEATURES.indexOf('kb:neighbours');

/** The reports that vote: grouped examples (real reports), not the ungrouped regression cases. */
export function votes(example: Example): boolean {
  return example.group !== undefined;
}

/**
 * Sets each example's nearest voting reports of other projects (`neighbours`, `similarity`), over
 * the words (and CJK pairs) that at least two examples hold, as a model's vocabulary does.
 */
export function attachNeighbours(examples: Example[]): void {
  const df = new Map<string, number>();
  for (const e of examples) for (const t of e.text) df.set(t, (df.get(t) ?? 0) + 1);
  const id = new Map<string, number>();
  for (const [t, n] of df) if (n >= 2 && isNeighbourTerm(t)) id.set(t, id.size);
  const termsOf = (e: Example) => [...new Set(e.text)].flatMap((t) => (id.has(t) ? [id.get(t)!] : []));
  const pool = examples.flatMap((e, i) => (votes(e) ? [i] : []));
  const index = buildNeighbourIndex(
    {
      terms: pool.map((i) => termsOf(examples[i]!)),
      causeOf: pool.map((i) => examples[i]!.accepted[0]!),
      sources: [],
    },
    id.size,
  );
  for (const e of examples) {
    const near = nearestReports(
      index,
      termsOf(e),
      KEPT,
      e.group === undefined ? undefined : (at) => examples[pool[at]!]!.group === e.group,
    );
    e.neighbours = Int32Array.from(near, (n) => pool[n.at]!);
    e.similarity = Float64Array.from(near, (n) => n.similarity);
  }
}

/** Which examples vote in a fit on these indexes. */
export function votingMask(examples: readonly Example[], indexes: readonly number[]): Uint8Array {
  const mask = new Uint8Array(examples.length);
  for (const i of indexes) if (votes(examples[i]!)) mask[i] = 1;
  return mask;
}

/** The examples at `targets`, each with its `kb:neighbours` values from the voters in `mask`. */
export function withVotes(
  examples: readonly Example[],
  targets: readonly number[],
  mask: Uint8Array,
  causes: number,
): Example[] {
  const s = SHARED_FEATURES.length;
  return targets.map((i) => {
    const e = examples[i]!;
    if (!e.neighbours || !e.similarity) return e;
    const near: { at: number; similarity: number }[] = [];
    for (let k = 0; k < e.neighbours.length && near.length < NEIGHBOUR_SETTINGS.k; k++) {
      const j = e.neighbours[k]!;
      if (mask[j] === 1) near.push({ at: j, similarity: e.similarity[k]! });
    }
    const v = neighbourVotes(near, (j) => examples[j]!.accepted[0]!, causes);
    const shared = e.shared.slice();
    for (let c = 0; c < causes; c++) shared[c * s + COLUMN] = voteValue(v[c]!);
    return { ...e, shared };
  });
}

/** The examples of one fit, voted on by the reports among them. */
export function jobExamples(
  examples: readonly Example[],
  indexes: readonly number[],
  causes: number,
): Example[] {
  return withVotes(examples, indexes, votingMask(examples, indexes), causes);
}
