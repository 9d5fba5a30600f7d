/**
 * `keydoctor eval FILE --dialogue [--max-questions N]`: each case is played as a conversation. A
 * simulated user sends the case text, answers every question with the answer whose branch of the
 * decision tree still reaches the labelled cause ("not sure" when none does), and the conversation
 * ends at the first diagnosis. The report gives the share that end at the labelled cause and the
 * number of questions asked. Pure apart from the engine it is given.
 */
import type { Knowledge } from '../knowledge/schema.ts';
import { MAX_QUESTIONS } from '../engine/limits.ts';
import { answerKey, buildTreeIndex, type TreeIndex } from '../engine/tree-index.ts';
import type { ConversationState, Engine, Reply } from '../engine/types.ts';
import type { EvalCase } from './eval-case.ts';

/** Replies a conversation may take before it is cut (questions, re-asks, info): a guard against loops. */
const MAX_TURNS = 12;
/** The "not sure" answer id every question offers. */
const NOT_SURE = 'unknown';
/** Upper bound accepted for --max-questions: the engine never asks more than its own limit. */
export const MAX_QUESTIONS_FLAG = MAX_QUESTIONS;

export interface DialogueCaseResult {
  line: number;
  expected: string;
  /** the cause the conversation ended at, or undefined when it ended without a diagnosis */
  ended?: string;
  hit: boolean;
  questions: number;
  /** the questions asked and the simulated user's answers, in order */
  asked: { questionId: string; answerId: string }[];
}

export interface DialogueReport {
  n: number;
  /** share of conversations that ended at the labelled cause (or one of `also`) */
  rightCause: number;
  hits: number;
  meanQuestions: number;
  maxQuestionsAsked: number;
  /** how many conversations asked 0, 1, 2, ... questions */
  questionHistogram: Record<string, number>;
  /** the share ending right per labelled cause */
  perCause: Record<string, { n: number; rightCause: number; meanQuestions: number }>;
  /** conversations that ended wrong, in file order */
  misses: DialogueCaseResult[];
  errors: { line: number; message: string }[];
}

export interface DialogueEvalOptions {
  maxQuestions?: number;
}

/** The answer a truthful user picks: one whose branch reaches the labelled cause, the narrowest first. */
export function simulatedAnswer(tree: TreeIndex, reply: Reply, targets: readonly string[]): string {
  const qid = reply.questionId ?? '';
  let best: { id: string; size: number } | undefined;
  for (const choice of reply.choices) {
    const aid = choice.id.split(':')[2] ?? '';
    if (aid === NOT_SURE) continue;
    const under = tree.byAnswer.get(answerKey(qid, aid)) ?? [];
    if (!targets.some((t) => under.includes(t))) continue;
    if (!best || under.length < best.size) best = { id: choice.id, size: under.length };
  }
  return best?.id ?? `answer:${qid}:${NOT_SURE}`;
}

/** Plays one case as a conversation. */
export function playCase(
  engine: Engine,
  tree: TreeIndex,
  c: EvalCase,
  now: number,
  maxQuestions: number,
): DialogueCaseResult {
  const targets = [c.cause, ...c.also];
  const asked: DialogueCaseResult['asked'] = [];
  let state: ConversationState | undefined;
  let r = engine.step(undefined, { type: 'message', text: c.text }, { now, maxQuestions });
  for (let turn = 0; turn < MAX_TURNS && r.reply.kind === 'question'; turn++) {
    state = r.state;
    const choice = simulatedAnswer(tree, r.reply, targets);
    asked.push({ questionId: r.reply.questionId ?? '', answerId: choice.split(':')[2] ?? '' });
    r = engine.step(state, { type: 'choice', choiceId: choice }, { now: now + turn + 1, maxQuestions });
  }
  const ended = r.reply.kind === 'diagnosis' ? r.reply.causeId : undefined;
  return {
    line: c.line,
    expected: c.cause,
    ...(ended ? { ended } : {}),
    hit: ended !== undefined && targets.includes(ended),
    questions: asked.length,
    asked,
  };
}

/** Plays every case and summarises. */
export function runDialogueEval(
  /** one engine, or the engine for the case at each index (cross-validation: its fold's) */
  engine: Engine | ((index: number) => Engine),
  knowledge: Knowledge,
  cases: readonly EvalCase[],
  now: number,
  options: DialogueEvalOptions = {},
): DialogueReport {
  const tree = buildTreeIndex(knowledge);
  const maxQuestions = options.maxQuestions ?? MAX_QUESTIONS;
  const results: DialogueCaseResult[] = [];
  const errors: DialogueReport['errors'] = [];
  const engineFor = typeof engine === 'function' ? engine : () => engine;
  for (const [index, c] of cases.entries()) {
    try {
      results.push(playCase(engineFor(index), tree, c, now, maxQuestions));
    } catch (error) {
      errors.push({ line: c.line, message: error instanceof Error ? error.message : String(error) });
      results.push({ line: c.line, expected: c.cause, hit: false, questions: 0, asked: [] });
    }
  }
  const n = results.length;
  const hits = results.filter((r) => r.hit).length;
  const totalQ = results.reduce((s, r) => s + r.questions, 0);
  const questionHistogram: Record<string, number> = {};
  for (const r of results) questionHistogram[r.questions] = (questionHistogram[r.questions] ?? 0) + 1;
  const perCause: DialogueReport['perCause'] = {};
  for (const id of [...new Set(results.map((r) => r.expected))].sort()) {
    const mine = results.filter((r) => r.expected === id);
    perCause[id] = {
      n: mine.length,
      rightCause: mine.filter((r) => r.hit).length / mine.length,
      meanQuestions: mine.reduce((s, r) => s + r.questions, 0) / mine.length,
    };
  }
  return {
    n,
    rightCause: n === 0 ? 0 : hits / n,
    hits,
    meanQuestions: n === 0 ? 0 : totalQ / n,
    maxQuestionsAsked: Math.max(0, ...results.map((r) => r.questions)),
    questionHistogram,
    perCause,
    misses: results.filter((r) => !r.hit),
    errors,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The plain-text report. */
export function formatDialogueReport(report: DialogueReport, opts: { misses?: boolean } = {}): string {
  const lines = [
    `dialogue: ${report.n} conversations, ${pct(report.rightCause)} end at the right cause (${report.hits}/${report.n})`,
    `questions: ${report.meanQuestions.toFixed(2)} on average, at most ${report.maxQuestionsAsked}; ` +
      Object.entries(report.questionHistogram)
        .map(([k, v]) => `${k}q: ${v}`)
        .join(', '),
    '',
    'per cause (n, right, mean questions):',
  ];
  const width = Math.max(0, ...Object.keys(report.perCause).map((k) => k.length));
  for (const [id, s] of Object.entries(report.perCause)) {
    lines.push(
      `  ${id.padEnd(width)}  ${String(s.n).padStart(4)}  ${pct(s.rightCause).padStart(6)}  ${s.meanQuestions.toFixed(2)}`,
    );
  }
  if (opts.misses && report.misses.length > 0) {
    lines.push('', 'conversations that ended wrong:');
    for (const m of report.misses) {
      const path = m.asked.map((a) => `${a.questionId}=${a.answerId}`).join(' ');
      lines.push(
        `  line ${m.line}: expected ${m.expected}, ended ${m.ended ?? '(no diagnosis)'}${path ? ` after ${path}` : ''}`,
      );
    }
  }
  for (const e of report.errors) lines.push(`  line ${e.line}: engine error: ${e.message}`);
  return `${lines.join('\n')}\n`;
}

/** Parses --max-questions: a whole number from 0 to MAX_QUESTIONS_FLAG. */
export function parseMaxQuestions(value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > MAX_QUESTIONS_FLAG) {
    problems.push(`--max-questions must be a whole number from 0 to ${MAX_QUESTIONS_FLAG} (got "${value}")`);
    return undefined;
  }
  return n;
}
