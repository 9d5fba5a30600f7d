/**
 * Picks the tree question that best separates the current candidates: the largest expected
 * information gain over their confidences, with each answer's likelihood taken from which causes
 * are reachable under it.
 */
import type { Knowledge, Question } from '../knowledge/schema.ts';
import type { ScoredCause } from './rank.ts';
import { answerKey, type TreeIndex } from './tree-index.ts';

/** Causes below this confidence are not worth a question. */
const CANDIDATE_MIN_CONFIDENCE = 0.02;
const MAX_CANDIDATES = 6;
/** A question must be expected to remove at least this much uncertainty (bits) to be asked. */
const MIN_INFORMATION_GAIN = 0.15;

function entropy(ps: readonly number[]): number {
  let h = 0;
  for (const p of ps) if (p > 0) h -= p * Math.log2(p);
  return h;
}

/** Expected information gain of asking `q` over candidates with probabilities `ps`. */
export function informationGain(
  tree: TreeIndex,
  q: Question,
  ids: readonly string[],
  ps: readonly number[],
): number {
  const underQ = new Set(tree.byQuestion.get(q.id) ?? []);
  const answerSets = q.answers.map((a) => new Set(tree.byAnswer.get(answerKey(q.id, a.id)) ?? []));
  const k = ids.map((id) => answerSets.filter((s) => s.has(id)).length);
  let expected = 0;
  for (const set of answerSets) {
    const joint = ids.map((id, i) => {
      const p = ps[i] ?? 0;
      if (!underQ.has(id)) return p / q.answers.length;
      return set.has(id) ? p / (k[i] || 1) : 0;
    });
    const pa = joint.reduce((s, x) => s + x, 0);
    if (pa <= 0) continue;
    expected += pa * entropy(joint.map((x) => x / pa));
  }
  return entropy(ps) - expected;
}

/** The question to ask next, or undefined when none separates the candidates enough. */
export function nextQuestion(
  knowledge: Knowledge,
  tree: TreeIndex,
  scored: readonly ScoredCause[],
  answered: Readonly<Record<string, string>>,
): string | undefined {
  const candidates = scored.filter((c) => c.confidence >= CANDIDATE_MIN_CONFIDENCE).slice(0, MAX_CANDIDATES);
  if (candidates.length < 2) return undefined;
  const total = candidates.reduce((s, c) => s + c.confidence, 0);
  const ids = candidates.map((c) => c.causeId);
  const ps = candidates.map((c) => c.confidence / total);
  let best: { id: string; gain: number } | undefined;
  for (const qid of tree.order) {
    if (Object.hasOwn(answered, qid)) continue;
    const q = knowledge.questions.get(qid);
    if (!q) continue;
    const under = tree.byQuestion.get(qid) ?? [];
    if (ids.filter((id) => under.includes(id)).length < 2) continue;
    const gain = informationGain(tree, q, ids, ps);
    if (!best || gain > best.gain + 1e-9) best = { id: qid, gain };
  }
  return best && best.gain >= MIN_INFORMATION_GAIN ? best.id : undefined;
}
