/**
 * Runs labelled cases through the engine's one-shot diagnosis and measures top-1 / top-3 accuracy,
 * recall per cause and the most frequent confusions. A hit is the expected `cause` or any id in
 * `also`. Pure apart from the engine it is given.
 */
import type { DiagnosisOutcome, Engine } from '../engine/types.ts';
import { type Calibration, calibration } from './calibration.ts';
import type { EvalCase } from './eval-case.ts';

export { type EvalCase, EvalCasesError, parseEvalCases } from './eval-case.ts';

/** How many ranked causes count for the "top-3" figure. */
export const TOP_K = 3;
/** Label used in confusions when the engine ranked nothing at all. */
export const NO_CAUSE = '(none)';

export interface CauseStats {
  /** cases whose expected cause is this id */
  n: number;
  /** fraction of those hit at rank 1 (0..1) */
  top1: number;
  /** fraction of those hit within the top 3 (0..1) */
  top3: number;
  /** top-1 recall: the share of this cause's cases the engine names first (equals top1) */
  recall: number;
  /** how often the engine ranked this id first over all cases */
  predicted: number;
  /** of the cases where this id was ranked first, the share that were hits (1 when never predicted) */
  precision: number;
}

/** Accuracy over a group of cases (one provider or one writing style). */
export interface GroupStats {
  n: number;
  top1: number;
  top3: number;
}

export interface Confusion {
  expected: string;
  got: string;
  count: number;
}

export interface EvalMiss {
  line: number;
  expected: string;
  also: string[];
  /** the engine's top three ids */
  got: string[];
  inTop3: boolean;
}

/** One case's result, for `--json`: what was expected and what the engine ranked (no case text). */
export interface CaseResult {
  line: number;
  expected: string;
  also: string[];
  /** matched / ambiguous / none, or 'error' when the engine threw */
  outcome: DiagnosisOutcome['kind'] | 'error';
  ranked: { causeId: string; confidence: number }[];
}

export interface EvalReport {
  n: number;
  top1: number;
  top3: number;
  top1Hits: number;
  top3Hits: number;
  perCause: Record<string, CauseStats>;
  /** accuracy per informational `style` / `provider` label (cases without one are left out) */
  byStyle: Record<string, GroupStats>;
  byProvider: Record<string, GroupStats>;
  /** top-1 misses grouped by (expected, got), most frequent first */
  confusions: Confusion[];
  /** every top-1 miss, in file order */
  misses: EvalMiss[];
  /** cases the engine threw on (an engine bug: each also counts as a miss) */
  errors: { line: number; message: string }[];
  /** expected / also ids that the knowledge base does not define (only when known ids were given) */
  unknownCauses: { line: number; cause: string }[];
  /** reliability of the top-1 confidence */
  calibration: Calibration;
  /** one result per case, in file order */
  cases: CaseResult[];
}

export interface RunEvalOptions {
  /** the knowledge base's cause ids; when given, case labels outside it are reported */
  knownCauses?: Iterable<string>;
}

function fraction(hits: number, n: number): number {
  return n === 0 ? 0 : hits / n;
}

type Counts = { n: number; top1: number; top3: number };

function bump(map: Map<string, Counts>, key: string | undefined, hit1: boolean, hit3: boolean): void {
  if (key === undefined) return;
  const t = map.get(key) ?? { n: 0, top1: 0, top3: 0 };
  t.n++;
  if (hit1) t.top1++;
  if (hit3) t.top3++;
  map.set(key, t);
}

function groupStats(map: Map<string, Counts>): Record<string, GroupStats> {
  const out: Record<string, GroupStats> = {};
  for (const [key, t] of [...map].sort(([a], [b]) => a.localeCompare(b))) {
    out[key] = { n: t.n, top1: fraction(t.top1, t.n), top3: fraction(t.top3, t.n) };
  }
  return out;
}

/** How a case is diagnosed: one engine for all, or (cross-validation) the engine of the case's fold. */
export type CaseDiagnoser = (c: EvalCase, index: number) => DiagnosisOutcome;

function diagnoseCase(
  diagnose: CaseDiagnoser,
  c: EvalCase,
  index: number,
): { outcome?: DiagnosisOutcome; error?: string } {
  try {
    return { outcome: diagnose(c, index) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

function findUnknownCauses(cases: readonly EvalCase[], known: Iterable<string> | undefined) {
  if (!known) return [];
  const ids = new Set(known);
  return cases.flatMap((c) =>
    [c.cause, ...c.also].filter((id) => !ids.has(id)).map((cause) => ({ line: c.line, cause })),
  );
}

/** Diagnoses every case at the fixed time `now` and tallies the results. */
export function runEval(
  engine: Engine,
  cases: readonly EvalCase[],
  now: number,
  options: RunEvalOptions = {},
): EvalReport {
  return evaluateCases(cases, (c) => engine.diagnose(c.text, { now }).outcome, options);
}

/** Tallies the results of diagnosing every case with `diagnose`. */
export function evaluateCases(
  cases: readonly EvalCase[],
  diagnose: CaseDiagnoser,
  options: RunEvalOptions = {},
): EvalReport {
  const results: CaseResult[] = [];
  const points: { confidence: number; hit: boolean }[] = [];
  const tally = new Map<string, Counts>();
  const styles = new Map<string, Counts>();
  const providers = new Map<string, Counts>();
  const predicted = new Map<string, { count: number; correct: number }>();
  const confusionCounts = new Map<string, Confusion>();
  const misses: EvalMiss[] = [];
  const errors: EvalReport['errors'] = [];
  let top1Hits = 0;
  let top3Hits = 0;

  cases.forEach((c, index) => {
    const { outcome, error } = diagnoseCase(diagnose, c, index);
    if (error !== undefined) errors.push({ line: c.line, message: error });
    const ranked = (outcome?.ranked ?? []).map((r) => ({ causeId: r.causeId, confidence: r.confidence }));
    const ids = ranked.map((r) => r.causeId);
    const accepted = new Set([c.cause, ...c.also]);
    const top = ids.slice(0, TOP_K);
    const hit1 = ids[0] !== undefined && accepted.has(ids[0]);
    const hit3 = top.some((id) => accepted.has(id));
    results.push({
      line: c.line,
      expected: c.cause,
      also: [...c.also],
      outcome: outcome?.kind ?? 'error',
      ranked,
    });
    points.push({ confidence: ranked[0]?.confidence ?? 0, hit: hit1 });

    bump(tally, c.cause, hit1, hit3);
    bump(styles, c.style, hit1, hit3);
    bump(providers, c.provider, hit1, hit3);
    if (hit1) top1Hits++;
    if (hit3) top3Hits++;

    const first = ids[0] ?? NO_CAUSE;
    const p = predicted.get(first) ?? { count: 0, correct: 0 };
    p.count++;
    if (hit1) p.correct++;
    predicted.set(first, p);

    if (!hit1) {
      misses.push({ line: c.line, expected: c.cause, also: [...c.also], got: top, inTop3: hit3 });
      const key = `${c.cause}\u0000${first}`;
      const conf = confusionCounts.get(key) ?? { expected: c.cause, got: first, count: 0 };
      conf.count++;
      confusionCounts.set(key, conf);
    }
  });

  const perCause: Record<string, CauseStats> = {};
  for (const [id, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
    const p = predicted.get(id) ?? { count: 0, correct: 0 };
    perCause[id] = {
      n: t.n,
      top1: fraction(t.top1, t.n),
      top3: fraction(t.top3, t.n),
      recall: fraction(t.top1, t.n),
      predicted: p.count,
      precision: p.count === 0 ? 1 : p.correct / p.count,
    };
  }

  const confusions = [...confusionCounts.values()].sort(
    (a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.got.localeCompare(b.got),
  );

  return {
    n: cases.length,
    top1: fraction(top1Hits, cases.length),
    top3: fraction(top3Hits, cases.length),
    top1Hits,
    top3Hits,
    perCause,
    byStyle: groupStats(styles),
    byProvider: groupStats(providers),
    confusions,
    misses,
    errors,
    unknownCauses: findUnknownCauses(cases, options.knownCauses),
    calibration: calibration(points),
    cases: results,
  };
}
