/**
 * When to ask and what: the candidates that the user's own answers leave standing, whether one of
 * them is clearly ahead, and the tree question that best separates the rest (the largest expected
 * information gain over their confidences, each answer's likelihood taken from which causes are
 * reachable under it). A question or answer whose premise the evidence contradicts is never offered.
 */
import type { Knowledge, Question } from '../knowledge/schema.ts';
import { answerKey, premiseStands, type TreeIndex } from './tree-index.ts';
import type { RankedCause } from './types.ts';

/** Causes below this confidence are not worth a question. */
const CANDIDATE_MIN_CONFIDENCE = 0.02;
const MAX_CANDIDATES = 6;
/**
 * A question must be expected to remove at least this much uncertainty (bits) to be asked.
 * Cross-validated dialogue on 2395 real reports: 0.3 88.4% right after 1.50 questions; 0.32
 * 88.2% / 1.47 (on 2189: 0.2 90.4% / 1.60; 0.25 90.0% / 1.56; 0.3 89.0% / 1.47; 0.4 86.8% / 1.30;
 * stopping earlier instead costs as much: STOP_CONFIDENCE 0.8 at 0.2 bits, 88.9% / 1.43). The goal
 * is 1.5 questions on average; 0.32 keeps a margin below it. With the softer temperature of
 * 2026-12-02 (raised towards the forward split's) the scorer is less sure, so it asks more: on
 * 3005 reports 0.32 90.8% / 1.49; 0.34 90.4% / 1.46; 0.36 90.2% / 1.43. New reports draw more
 * questions than the corpus does (115 unseen: 1.44 -> 1.59 at the forward temperature), so 0.34
 * keeps the margin. On 3224 (the long tail added): 0.34 89.8% / 1.50; 0.36 89.5% / 1.47; 0.38
 * 89.2% / 1.44; unseen batches draw 1.8-1.9 questions, so 0.36.
 */
export const MIN_INFORMATION_GAIN = 0.36;
/**
 * The least a question must gain when the leading cause is one outside the tree ("not a key
 * problem") and nothing was asked yet: such an answer rules every key cause out, so it is not given
 * on the first message alone while any question still tells the candidates apart.
 */
export const CONFIRM_OUTSIDE_MIN_GAIN = 0.02;
/**
 * Below this confidence in the leading cause, a question is worth asking for less
 * (UNSURE_MIN_GAIN): with two causes at 70% and 20%, no question removes 0.36 bits, yet one that
 * tells them apart turns a 70% guess into an answer. Cross-validated dialogue on 3458 real reports
 * (and on the forward split: the newest fifth, repositories whole, by a model trained on the
 * rest): without it 93.6% at 1.27 questions (91.9% / 1.40); 0.75 and 0.15 94.2% / 1.32 (92.8% /
 * 1.45); 0.8 and 0.12 94.3% / 1.35 (93.1% / 1.48). Reports nobody has mined yet draw more
 * questions than the corpus does, so the forward split's count is the one kept below the goal of
 * 1.5, with a margin. On 5368 reports, with the likelihood weighing less (a surer scorer): 0.75
 * 96.6% / 1.29 (94.9% / 1.40), 0.8 96.7% / 1.30 (94.9% / 1.41), and "the key prints as
 * undefined" is asked where it was set again (79% a missing key, 5% one that did not travel).
 */
export const UNSURE_CONFIDENCE = 0.8;
export const UNSURE_MIN_GAIN = 0.15;

/** The least a question must gain to be asked, given the leading cause and whether it is confirmed. */
export function minimumGain(top: Candidate, unconfirmedOutside: boolean): number {
  if (unconfirmedOutside) return CONFIRM_OUTSIDE_MIN_GAIN;
  return top.confidence < UNSURE_CONFIDENCE ? UNSURE_MIN_GAIN : MIN_INFORMATION_GAIN;
}

/** One cause is clearly ahead (stop asking) when its confidence reaches this... */
export const STOP_CONFIDENCE = 0.9;
/** ...and it leads the runner-up by at least this much confidence. */
export const STOP_MARGIN = 0.5;
/** The answer id for "not sure" (and for a question the user moved on from). */
export const UNKNOWN_ANSWER = 'unknown';

/** A cause with the confidence it keeps once the user's answers and rejections are taken into account. */
export interface Candidate {
  causeId: string;
  confidence: number;
}

function entropy(ps: readonly number[]): number {
  let h = 0;
  for (const p of ps) if (p > 0) h -= p * Math.log2(p);
  return h;
}

/** True when the user's answer to a question leaves `causeId` unreachable although the question covers it. */
export function ruledOutBy(
  tree: TreeIndex,
  userAnswers: Readonly<Record<string, string>>,
  causeId: string,
): string | undefined {
  for (const [qid, aid] of Object.entries(userAnswers)) {
    if (aid === UNKNOWN_ANSWER) continue;
    if (!(tree.byQuestion.get(qid) ?? []).includes(causeId)) continue;
    if (!(tree.byAnswer.get(answerKey(qid, aid)) ?? []).includes(causeId)) return qid;
  }
  return undefined;
}

/**
 * The user model behind the questions, cross-validated on the real reports with a simulated user
 * (end at the right cause / questions asked):
 * - A user whose cause lies under none of a question's answers mostly cannot tell: "not sure"
 *   (UNKNOWN_OFF_PATH); a definite answer from them is spread over the answers (OFF_PATH_DEFINITE
 *   in all). So a definite answer counts against the causes it does not lead to, without ruling
 *   them out: people do answer questions that were not about their problem. Uninformative (1):
 *   88.2% / 1.52; 0.5: 89.2% / 1.42; 0.25: 89.6% / 1.37; 0.1: 89.9% / 1.33.
 * - A user whose cause lies under the question says "not sure" less often (UNKNOWN_ON_PATH), since
 *   the question is about their problem, but often enough (they have not looked yet) that "not
 *   sure" only leans away from those causes: 0.75 (uninformative) 89.6%; 0.5 90.4%; 0.3 92.3%;
 *   0.2 92.7%. The middle value keeps room for real users.
 */
export const OFF_PATH_DEFINITE = 0.25;
/**
 * Of those definite answers, the share that is a specific one ("it shows as expired") where the
 * question has a neutral answer ("active, nothing odd"): a user whose cause lies elsewhere mostly
 * reports nothing unusual. Before (all answers alike), a truthful "the key is active" from a user
 * whose key never reached the container left that cause at a twentieth of its weight, and "it shows
 * as expired" left a proxy in the running. Cross-validated dialogue on 3458 real reports (the
 * simulated user never answers off its path, so this is about real users): uniform 93.8% / 1.29
 * questions; 0.1 93.6% / 1.27; 0.3 93.7% / 1.26.
 */
export const OFF_PATH_SPECIFIC = 0.1;
export const UNKNOWN_OFF_PATH = 1 - OFF_PATH_DEFINITE;
export const UNKNOWN_ON_PATH = 0.3;

/**
 * How likely a user gives answer `aid` (or "not sure") to `q` when `causeId` is the cause, with
 * `answers` the answers offered.
 */
function answerLikelihood(
  tree: TreeIndex,
  q: Question,
  aid: string,
  causeId: string,
  answers: Question['answers'] = q.answers,
): number {
  const reaching = (tree.byQuestion.get(q.id) ?? []).includes(causeId)
    ? answers.filter((a) => (tree.byAnswer.get(answerKey(q.id, a.id)) ?? []).includes(causeId))
    : [];
  if (reaching.length === 0) {
    if (aid === UNKNOWN_ANSWER) return UNKNOWN_OFF_PATH;
    const neutral = answers.filter((a) => a.neutral).length;
    if (neutral === 0 || neutral === answers.length) return OFF_PATH_DEFINITE / answers.length;
    return answers.find((a) => a.id === aid)?.neutral
      ? (OFF_PATH_DEFINITE * (1 - OFF_PATH_SPECIFIC)) / neutral
      : (OFF_PATH_DEFINITE * OFF_PATH_SPECIFIC) / (answers.length - neutral);
  }
  if (aid === UNKNOWN_ANSWER) return UNKNOWN_ON_PATH;
  return reaching.some((a) => a.id === aid) ? (1 - UNKNOWN_ON_PATH) / reaching.length : 0;
}

/**
 * The ranked causes the user's answers leave standing, with confidences conditioned on those
 * answers: each answer multiplies a cause's share by how likely that answer is under it, so a cause
 * the answer rules out drops to zero and is left out. The ranking itself is read as the prior.
 */
export function standingCandidates(
  knowledge: Knowledge,
  tree: TreeIndex,
  ranked: readonly RankedCause[],
  userAnswers: Readonly<Record<string, string>>,
): Candidate[] {
  const answered = Object.entries(userAnswers).flatMap(([qid, aid]) => {
    const q = knowledge.questions.get(qid);
    return q ? [{ q, aid }] : [];
  });
  const weighted = ranked.map((c) => ({
    causeId: c.causeId,
    w: answered.reduce((w, { q, aid }) => w * answerLikelihood(tree, q, aid, c.causeId), c.confidence),
  }));
  const standing = weighted.filter((c) => c.w > 0);
  const total = standing.reduce((s, c) => s + c.w, 0);
  return standing
    .map((c) => ({ causeId: c.causeId, confidence: total > 0 ? c.w / total : 0 }))
    .sort((a, b) => b.confidence - a.confidence);
}

/** One cause is far enough ahead of the others that a question would not change the answer. */
export function clearlyAhead(candidates: readonly Candidate[]): boolean {
  const [top, second] = candidates;
  if (!top) return false;
  return top.confidence >= STOP_CONFIDENCE && top.confidence - (second?.confidence ?? 0) >= STOP_MARGIN;
}

/** The answers of `q` whose premise the evidence does not contradict. */
export function offeredAnswers(q: Question, seen: ReadonlySet<string>): Question['answers'] {
  return q.answers.filter((a) => premiseStands(a, seen));
}

/** Questions reachable from `qid` through its answers (not itself), memoised per tree. */
const descendantsMemo = new WeakMap<Knowledge, Map<string, Map<string, Set<string>>>>();

/** For each answer of `qid`: the questions reachable under it. */
function questionsUnder(knowledge: Knowledge, qid: string): Map<string, Set<string>> {
  let perKnowledge = descendantsMemo.get(knowledge);
  if (!perKnowledge) {
    perKnowledge = new Map();
    descendantsMemo.set(knowledge, perKnowledge);
  }
  const cached = perKnowledge.get(qid);
  if (cached) return cached;
  const byAnswer = new Map<string, Set<string>>();
  const q = knowledge.questions.get(qid);
  for (const a of q?.answers ?? []) {
    const found = new Set<string>();
    const stack = [...a.next];
    while (stack.length > 0) {
      const id = stack.pop()!;
      const next = knowledge.questions.get(id);
      if (!next || found.has(id) || id === qid) continue;
      found.add(id);
      for (const b of next.answers) stack.push(...b.next);
    }
    byAnswer.set(a.id, found);
  }
  perKnowledge.set(qid, byAnswer);
  return byAnswer;
}

/** The questions with an answer whose `next` names `qid`, memoised per tree. */
const parentsMemo = new WeakMap<Knowledge, Map<string, string[]>>();

function parentsOf(knowledge: Knowledge, qid: string): string[] {
  let perKnowledge = parentsMemo.get(knowledge);
  if (!perKnowledge) {
    perKnowledge = new Map();
    for (const p of knowledge.questions.values())
      for (const a of p.answers)
        for (const id of a.next) {
          const list = perKnowledge.get(id) ?? [];
          if (id !== p.id && !list.includes(p.id)) list.push(p.id);
          perKnowledge.set(id, list);
        }
    parentsMemo.set(knowledge, perKnowledge);
  }
  return perKnowledge.get(qid) ?? [];
}

/**
 * True when the one question that leads to `qid` was answered (or implied) with an answer that does
 * not lead to it: the premise it asks under ("the dashboard shows another kind of key", "a
 * short-lived token") was answered away. A question that several questions lead to stays open while
 * any of them might: "it worked, then stopped" does not rule out asking what the dashboard says.
 * Before (any answered question above it, through any path), an implied 401 kept every question of
 * the 403 branch away, and "it worked before" the dashboard: cross-validated dialogue on 3458 real
 * reports 94.5% -> 96.4% (forward split 93.1% -> 95.1%), 1.32 -> 1.27 questions.
 */
function offBranch(knowledge: Knowledge, qid: string, answered: Readonly<Record<string, string>>): boolean {
  const parents = parentsOf(knowledge, qid);
  if (parents.length !== 1) return false;
  const pid = parents[0]!;
  const aid = answered[pid];
  if (aid === undefined || aid === UNKNOWN_ANSWER) return false;
  return !(questionsUnder(knowledge, pid).get(aid)?.has(qid) ?? false);
}

/** True when the evidence contradicts the question's premise, or too few answers remain to offer. */
export function premiseContradicted(
  knowledge: Knowledge,
  q: Question,
  seen: ReadonlySet<string>,
  answered: Readonly<Record<string, string>>,
): boolean {
  if (!premiseStands(q, seen)) return true;
  if (offeredAnswers(q, seen).length < 2) return true;
  return offBranch(knowledge, q.id, answered);
}

/**
 * Expected information gain of asking `q` (offering `answers`, and "not sure") over candidates with
 * probabilities `ps`, under the user model of answerLikelihood.
 */
export function informationGain(
  tree: TreeIndex,
  q: Question,
  ids: readonly string[],
  ps: readonly number[],
  answers: Question['answers'] = q.answers,
): number {
  let expected = 0;
  for (const aid of [...answers.map((a) => a.id), UNKNOWN_ANSWER]) {
    const joint = ids.map((id, i) => (ps[i] ?? 0) * answerLikelihood(tree, q, aid, id, answers));
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
  ranked: readonly Candidate[],
  answered: Readonly<Record<string, string>>,
  seen: ReadonlySet<string> = new Set(),
  asked: readonly string[] = [],
  minGain: number = MIN_INFORMATION_GAIN,
): string | undefined {
  const candidates = ranked.filter((c) => c.confidence >= CANDIDATE_MIN_CONFIDENCE).slice(0, MAX_CANDIDATES);
  if (candidates.length < 2) return undefined;
  const total = candidates.reduce((s, c) => s + c.confidence, 0);
  const ids = candidates.map((c) => c.causeId);
  const ps = candidates.map((c) => c.confidence / total);
  let best: { id: string; gain: number } | undefined;
  for (const qid of tree.order) {
    if (Object.hasOwn(answered, qid) || asked.includes(qid)) continue;
    const q = knowledge.questions.get(qid);
    if (!q || premiseContradicted(knowledge, q, seen, answered)) continue;
    const answers = offeredAnswers(q, seen);
    const reachable = new Set(answers.flatMap((a) => tree.byAnswer.get(answerKey(qid, a.id)) ?? []));
    if (ids.filter((id) => reachable.has(id)).length < 2) continue;
    const gain = informationGain(tree, q, ids, ps, answers);
    if (!best || gain > best.gain + 1e-9) best = { id: qid, gain };
  }
  return best && best.gain >= minGain ? best.id : undefined;
}
