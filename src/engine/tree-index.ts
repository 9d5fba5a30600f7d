/** Precomputed reachability in the decision tree: which causes stay in the running under each answer. */
import type { Knowledge, Question } from '../knowledge/schema.ts';
import type { Signal } from './signals.ts';

export interface TreeIndex {
  /** `${questionId}:${answerId}` -> cause ids reachable through that answer */
  byAnswer: ReadonlyMap<string, readonly string[]>;
  /** questionId -> cause ids reachable under any of its answers */
  byQuestion: ReadonlyMap<string, readonly string[]>;
  /** questions in tree order (root first, breadth first) */
  order: readonly string[];
}

/** The key of an answer in `TreeIndex.byAnswer`. */
export function answerKey(questionId: string, answerId: string): string {
  return `${questionId}:${answerId}`;
}

/** Builds reachability once per knowledge base; cycles (rejected by the loader) are cut, not followed. */
export function buildTreeIndex(knowledge: Knowledge): TreeIndex {
  const memo = new Map<string, string[]>();
  const byAnswer = new Map<string, string[]>();
  const reach = (id: string, visiting: Set<string>): string[] => {
    if (knowledge.causes.has(id)) return [id];
    const cached = memo.get(id);
    if (cached) return cached;
    const q = knowledge.questions.get(id);
    if (!q || visiting.has(id)) return [];
    visiting.add(id);
    const all = new Set<string>();
    for (const a of q.answers) {
      const under = new Set<string>();
      for (const next of a.next) for (const c of reach(next, visiting)) under.add(c);
      byAnswer.set(answerKey(q.id, a.id), [...under]);
      for (const c of under) all.add(c);
    }
    visiting.delete(id);
    const list = [...all];
    memo.set(id, list);
    return list;
  };
  for (const id of knowledge.questions.keys()) reach(id, new Set());
  const order: string[] = [];
  const queue = [knowledge.tree.root];
  while (queue.length > 0) {
    const id = queue.shift()!;
    const q = knowledge.questions.get(id);
    if (!q || order.includes(id)) continue;
    order.push(id);
    for (const a of q.answers) queue.push(...a.next);
  }
  for (const id of knowledge.questions.keys()) if (!order.includes(id)) order.push(id);
  return { byAnswer, byQuestion: memo, order };
}

/** True when no evidence seen contradicts the premise of a question or answer (its `ruled_out_by`). */
export function premiseStands(
  item: { ruled_out_by?: readonly string[] | undefined },
  seen: ReadonlySet<Signal | string>,
): boolean {
  return !(item.ruled_out_by ?? []).some((s) => seen.has(s));
}

/**
 * The answer the evidence implies for a question: exactly one answer's `implied_by` signals seen,
 * among the answers whose premise the evidence leaves standing (`Bearer undefined` shows the Bearer
 * scheme, but the answer "Bearer <key>" is ruled out by the missing key).
 */
export function impliedAnswer(question: Question, seen: ReadonlySet<Signal | string>): string | undefined {
  const hits = question.answers.filter(
    (a) => a.implied_by.some((s) => seen.has(s)) && premiseStands(a, seen),
  );
  return hits.length === 1 ? hits[0]?.id : undefined;
}
