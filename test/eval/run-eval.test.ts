import { describe, expect, it } from 'vitest';
import { type EvalCase, NO_CAUSE, runEval } from '../../src/eval/run-eval.ts';
import { fakeEngine } from './fake-engine.ts';

const NOW = Date.parse('2026-11-23T10:00:00Z');

function kase(line: number, text: string, cause: string, also: string[] = []): EvalCase {
  return { line, text, cause, also };
}

// Six cases over three causes, with known rankings:
//   t1 a: [a, b, c]        top-1 hit
//   t2 a: [b, a, c]        top-3 hit only (confused with b)
//   t3 a: [c, d, e]        miss (confused with c)
//   t4 b: [c, b]    also c top-1 hit through `also`
//   t5 b: [a, c, d, b]     miss: b is 4th (confused with a)
//   t6 c: []               nothing ranked: miss, confused with (none)
const engine = fakeEngine({
  t1: ['a', 'b', 'c'],
  t2: ['b', 'a', 'c'],
  t3: ['c', 'd', 'e'],
  t4: ['c', 'b'],
  t5: ['a', 'c', 'd', 'b'],
  t6: [],
});
const cases = [
  kase(1, 't1', 'a'),
  kase(2, 't2', 'a'),
  kase(3, 't3', 'a'),
  kase(5, 't4', 'b', ['c']),
  kase(6, 't5', 'b'),
  kase(9, 't6', 'c'),
];

describe('runEval', () => {
  const report = runEval(engine, cases, NOW);

  it('counts n and the top-1 and top-3 fractions, a hit being cause or any also id', () => {
    expect(report.n).toBe(6);
    expect(report.top1Hits).toBe(2);
    expect(report.top3Hits).toBe(3);
    expect(report.top1).toBeCloseTo(2 / 6);
    expect(report.top3).toBeCloseTo(3 / 6);
  });

  it('gives per-cause n, top-1, top-3 and recall as fractions', () => {
    expect(report.perCause.a).toMatchObject({ n: 3, top1: 1 / 3, top3: 2 / 3, recall: 1 / 3 });
    expect(report.perCause.b).toMatchObject({ n: 2, top1: 1 / 2, top3: 1 / 2, recall: 1 / 2 });
    expect(report.perCause.c).toMatchObject({ n: 1, top1: 0, top3: 0, recall: 0 });
  });

  it('gives per-cause precision over the cases where the id was ranked first', () => {
    // c ranked first on t3 (miss) and t4 (hit via also); a ranked first on t1 (hit) and t5 (miss)
    expect(report.perCause.c).toMatchObject({ predicted: 2, precision: 1 / 2 });
    expect(report.perCause.a).toMatchObject({ predicted: 2, precision: 1 / 2 });
    expect(report.perCause.b).toMatchObject({ predicted: 1, precision: 0 });
  });

  it('lists each top-1 miss with its line, expected id and the top three ids', () => {
    expect(report.misses).toEqual([
      { line: 2, expected: 'a', also: [], got: ['b', 'a', 'c'], inTop3: true },
      { line: 3, expected: 'a', also: [], got: ['c', 'd', 'e'], inTop3: false },
      { line: 6, expected: 'b', also: [], got: ['a', 'c', 'd'], inTop3: false },
      { line: 9, expected: 'c', also: [], got: [], inTop3: false },
    ]);
  });

  it('groups top-1 misses into confusions, most frequent first', () => {
    const more = runEval(engine, [...cases, kase(12, 't2', 'a'), kase(13, 't2', 'a')], NOW);
    expect(more.confusions[0]).toEqual({ expected: 'a', got: 'b', count: 3 });
    expect(more.confusions.map((c) => c.count)).toEqual([3, 1, 1, 1]);
  });

  it('names an empty ranking as the (none) cause in confusions', () => {
    expect(report.confusions).toContainEqual({ expected: 'c', got: NO_CAUSE, count: 1 });
  });

  it('groups accuracy by the informational style and provider labels', () => {
    const labelled: EvalCase[] = [
      { ...kase(1, 't1', 'a'), style: 'terse', provider: 'openai' },
      { ...kase(2, 't2', 'a'), style: 'terse' },
      { ...kase(3, 't3', 'a'), provider: 'openai' },
    ];
    const r = runEval(engine, labelled, NOW);
    expect(r.byStyle).toEqual({ terse: { n: 2, top1: 1 / 2, top3: 1 } });
    expect(r.byProvider).toEqual({ openai: { n: 2, top1: 1 / 2, top3: 1 / 2 } });
  });

  it('passes the given time to the engine for every case', () => {
    const seen: number[] = [];
    runEval(fakeEngine({}, seen), cases.slice(0, 2), NOW);
    expect(seen).toEqual([NOW, NOW]);
  });

  it('counts a case the engine throws on as a miss and reports the error', () => {
    const r = runEval(engine, [kase(4, 'THROW', 'a')], NOW);
    expect(r.top1).toBe(0);
    expect(r.errors).toEqual([{ line: 4, message: 'engine exploded' }]);
  });

  it('reports labels the knowledge base does not define when known causes are given', () => {
    const r = runEval(engine, [kase(1, 't1', 'a', ['zz']), kase(2, 't2', 'nope')], NOW, {
      knownCauses: ['a', 'b', 'c'],
    });
    expect(r.unknownCauses).toEqual([
      { line: 1, cause: 'zz' },
      { line: 2, cause: 'nope' },
    ]);
  });

  it('reports zero accuracy and no causes for an empty set instead of dividing by zero', () => {
    const r = runEval(engine, [], NOW);
    expect(r).toMatchObject({ n: 0, top1: 0, top3: 0, perCause: {}, confusions: [], misses: [] });
  });
});
