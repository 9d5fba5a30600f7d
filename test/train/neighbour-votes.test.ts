import { describe, expect, it } from 'vitest';
import { SHARED_FEATURES } from '../../src/engine/model/features.ts';
import { decodeTerms, voteValue } from '../../src/engine/model/neighbours.ts';
import { DEFAULT_FIT } from '../../src/train/fit.ts';
import { toScorerModel } from '../../src/train/train-model.ts';
import type { Example } from '../../src/train/examples.ts';
import { attachNeighbours, jobExamples, votingMask, withVotes } from '../../src/train/neighbour-votes.ts';

const CAUSES = 3;
const S = SHARED_FEATURES.length;
const COLUMN = SHARED_FEATURES.indexOf('kb:neighbours');

function example(text: string[], cause: number, group?: string): Example {
  return {
    global: ['bias', ...text],
    text,
    shared: new Float64Array(CAUSES * S).fill(0.5),
    accepted: [cause],
    weight: 1,
    ...(group !== undefined ? { group, source: `${group}#1` } : {}),
  };
}

/**
 * Two reports per project; the hand-written case (no group) reads like project b's. Forty other
 * reports share one word, so the corpus is large enough for the test words to be rare ones.
 */
function examples(): Example[] {
  const fillers = Array.from({ length: 40 }, (_, i) => example(['w:filler', `w:f${i}`], 2, 'z/fill'));
  return [
    example(['w:expir', 'w:token', 'w:refresh'], 0, 'a/one'),
    example(['w:expir', 'w:token', 'w:hour'], 0, 'a/one'),
    example(['w:expir', 'w:token', 'w:refresh', 'w:hour'], 1, 'b/two'),
    example(['w:scope', 'w:missing', 'w:token'], 2, 'b/two'),
    example(['w:scope', 'w:missing', 'w:admin'], 2, 'c/three'),
    example(['w:expir', 'w:refresh', 'w:hour'], 1),
    ...fillers,
  ];
}

describe('GIVEN training examples, THEN the neighbours feature', () => {
  it('never lets a report vote for itself, its own project, or a hand-written case vote at all', () => {
    const xs = examples();
    attachNeighbours(xs);
    xs.forEach((e, i) => {
      const near = [...e.neighbours!];
      expect(near).not.toContain(i);
      expect(near).not.toContain(5);
      for (const j of near) expect(xs[j]!.group).not.toBe('z/fill');
      for (const j of near) if (e.group !== undefined) expect(xs[j]!.group).not.toBe(e.group);
    });
    // the hand-written case finds the real reports most like it
    expect(xs[5]!.neighbours![0]).toBe(2);
  });

  it('is voted only by the reports of the fit, so a fold tests on votes its own reports did not cast', () => {
    const xs = examples();
    attachNeighbours(xs);
    // a fit without project b: nothing like report 0 outside its own project votes
    const [voted] = withVotes(xs, [0], votingMask(xs, [0, 1, 4, 5]), CAUSES);
    expect([0, 1, 2].map((c) => voted!.shared[c * S + COLUMN])).toEqual([0, 0, 0].map(voteValue));
    // with project b in the fit, its report about refreshing an expired token votes for cause 1
    const [withB] = withVotes(xs, [0], votingMask(xs, [0, 2, 3, 4]), CAUSES);
    expect(withB!.shared[1 * S + COLUMN]).toBeGreaterThan(withB!.shared[2 * S + COLUMN]!);
  });

  it('changes only its own column, on a copy', () => {
    const xs = examples();
    attachNeighbours(xs);
    const job = jobExamples(
      xs,
      xs.map((_, i) => i),
      CAUSES,
    );
    expect(xs[0]!.shared.every((v) => v === 0.5)).toBe(true);
    for (const e of job)
      e.shared.forEach((v, k) => {
        if (k % S !== COLUMN) expect(v).toBe(0.5);
      });
    // project b's report on refreshing is voted on by project a's two, both of cause 0
    expect(job[2]!.shared[0 * S + COLUMN]).toBeGreaterThan(voteValue(0.5));
    expect([1, 2].map((c) => job[2]!.shared[c * S + COLUMN])).toEqual([voteValue(0), voteValue(0)]);
  });
});

describe('GIVEN a fit whose voting reports have sources, THEN the model file', () => {
  it('keeps each thread name, and leaves out a source that is not one (an operator case id)', () => {
    const fitted = {
      features: ['bias', 'w:expir', 'w:token'],
      weights: new Float64Array(3 * CAUSES),
      shared: new Float64Array(S),
      causes: CAUSES,
    };
    const pool = [
      example(['w:expir', 'w:token'], 1, 'acme/api'),
      { ...example(['w:token'], 2, 'ticket'), source: 'TICKET-42 (internal)' },
    ];
    const model = toScorerModel(
      fitted,
      ['a', 'b', 'c'],
      1,
      { hash: `sha256:${'0'.repeat(64)}`, cases: 2, seed: 1, fit: DEFAULT_FIT },
      pool,
    );
    expect(model.neighbours?.source).toEqual(['acme/api#1', '']);
    expect(model.neighbours?.cause).toEqual([1, 2]);
    // their words are kept in the file's features even when no weight names them
    const words = model.neighbours?.terms.map((t) => [...decodeTerms(t)!].map((p) => model.features[p]));
    expect(words).toEqual([['w:expir', 'w:token'], ['w:token']]);
  });
});
