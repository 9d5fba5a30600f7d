import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { MAX_QUESTIONS } from '../../src/engine/limits.ts';
import { buildTreeIndex } from '../../src/engine/tree-index.ts';
import type { Reply } from '../../src/engine/types.ts';
import { runDialogueEval, simulatedAnswer } from '../../src/eval/dialogue-eval.ts';
import type { EvalCase } from '../../src/eval/eval-case.ts';
import { createEvalCommand } from '../../src/eval/eval-command.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { KnowledgeError } from '../../src/knowledge/knowledge-error.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { fixtureKnowledge, NOW } from '../engine/fixtures/knowledge.ts';

const knowledge = fixtureKnowledge();
const engine = createEngine(knowledge);

function questionOf(questionId: string): Reply {
  const q = knowledge.questions.get(questionId)!;
  return {
    kind: 'question',
    heading: q.text,
    blocks: [],
    questionId,
    choices: [
      ...q.answers.map((a) => ({ id: `answer:${questionId}:${a.id}`, label: a.label })),
      { id: `answer:${questionId}:unknown`, label: 'Not sure' },
    ],
  };
}

function kase(line: number, text: string, cause: string): EvalCase {
  return { line, text, cause, also: [] };
}

describe('GIVEN the simulated user', () => {
  const tree = buildTreeIndex(knowledge);

  it('THEN it picks the answer whose branch still reaches the labelled cause', () => {
    expect(simulatedAnswer(tree, questionOf('q-when'), ['env-not-propagated'])).toBe(
      'answer:q-when:deployed',
    );
  });

  it('THEN among several branches reaching the cause it picks the narrowest', () => {
    // key-missing is under "never" (with q-header) and under q-header's "bearer"; q-when offers only "never".
    expect(simulatedAnswer(tree, questionOf('q-header'), ['missing-bearer-prefix'])).toBe(
      'answer:q-header:bare',
    );
  });

  it('THEN it says "not sure" when no branch reaches the labelled cause', () => {
    expect(simulatedAnswer(tree, questionOf('q-header'), ['clock-skew'])).toBe('answer:q-header:unknown');
  });
});

describe('GIVEN labelled cases played as conversations', () => {
  const cases = [
    kase(1, 'getting 401', 'env-not-propagated'),
    kase(2, 'getting 401', 'key-revoked'),
    kase(3, 'curl -H "Authorization: sk-FAKE" gives 401', 'missing-bearer-prefix'),
  ];

  it('THEN the report gives the share ending at the right cause and the questions asked', () => {
    const report = runDialogueEval(engine, knowledge, cases, NOW);
    expect(report.n).toBe(3);
    expect(report.rightCause).toBeCloseTo(report.hits / 3);
    expect(report.meanQuestions).toBeGreaterThan(0);
    expect(report.maxQuestionsAsked).toBeLessThanOrEqual(MAX_QUESTIONS);
    expect(report.perCause['env-not-propagated']?.rightCause).toBe(1);
  });

  it('THEN with --max-questions 0 no question is asked', () => {
    const report = runDialogueEval(engine, knowledge, cases, NOW, { maxQuestions: 0 });
    expect(report.meanQuestions).toBe(0);
  });
});

describe('GIVEN keydoctor eval --dialogue on the shipped knowledge', () => {
  const shipped = loadKnowledge(DEFAULT_KNOWLEDGE_DIR);
  const command = createEvalCommand({
    knowledgeDir: () => DEFAULT_KNOWLEDGE_DIR,
    loadEngine: () => ({
      engine: createEngine(shipped),
      causeIds: shipped.causes.keys(),
      knowledge: shipped,
    }),
    isKnowledgeError: (e): e is Error => e instanceof KnowledgeError,
    now: () => NOW,
  });
  const cases = resolve(import.meta.dirname, 'cases.jsonl');

  it('THEN the hand-written cases end at the right cause at least 95% of the time after at most 1.5 questions on average', async () => {
    const io = memoryIo();
    expect(await command([cases, '--dialogue', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out()) as {
      rightCause: number;
      meanQuestions: number;
      maxQuestionsAsked: number;
    };
    expect(report.rightCause).toBeGreaterThanOrEqual(0.95);
    expect(report.meanQuestions).toBeLessThanOrEqual(1.5);
    expect(report.maxQuestionsAsked).toBeLessThanOrEqual(MAX_QUESTIONS);
  });

  it('THEN --max-questions without --dialogue is a usage error', async () => {
    const io = memoryIo();
    expect(await command([cases, '--max-questions', '2'], io)).toBe(2);
    expect(io.err()).toMatch(/--max-questions needs --dialogue/);
  });

  it('THEN with --cv each case is played on the engine of its own fold', async () => {
    const engine = createEngine(shipped);
    const asked: number[] = [];
    const cv = createEvalCommand({
      knowledgeDir: () => DEFAULT_KNOWLEDGE_DIR,
      loadEngine: () => ({ engine, causeIds: shipped.causes.keys(), knowledge: shipped }),
      crossValidate: () => ({
        diagnose: (c) => engine.diagnose(c.text, { now: NOW }).outcome,
        engineFor: (index) => {
          asked.push(index);
          return engine;
        },
        knowledge: shipped,
        folds: 5,
        causeIds: [...shipped.causes.keys()],
      }),
      isKnowledgeError: (e): e is Error => e instanceof KnowledgeError,
      now: () => NOW,
    });
    const io = memoryIo();
    expect(await cv([cases, '--cv', '--dialogue', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out()) as { n: number };
    expect(new Set(asked)).toEqual(new Set([...Array(report.n).keys()]));
  });
});
