import { describe, expect, it } from 'vitest';
import {
  buildNeighbourIndex,
  decodeTerms,
  encodeTerms,
  nearestReports,
  neighbourVotes,
  voteValue,
} from '../../src/engine/model/neighbours.ts';

const SETTINGS = { k: 2, power: 1, maxDocumentShare: 0.6, damping: 0 };

/** Five reports over terms 0..6: term 6 is in every report (a common word), term 5 in one. */
function index() {
  return buildNeighbourIndex(
    {
      terms: [
        [0, 1, 6],
        [0, 1, 2, 6],
        [3, 4, 6],
        [3, 4, 5, 6],
        [2, 6],
      ],
      causeOf: [0, 0, 1, 1, 2],
      sources: ['a/one#1', 'a/one#2', 'b/two#1', 'b/two#2', ''],
    },
    7,
    SETTINGS,
  );
}

describe('GIVEN the solved reports a model keeps as neighbours', () => {
  it('THEN feature lists survive the file encoding (each position once), and a malformed or repeating one is refused', () => {
    for (const list of [[], [0], [5, 1, 40, 1296, 100000], [35, 36, 37]]) {
      expect([...decodeTerms(encodeTerms(list))!]).toEqual([...list].sort((a, b) => a - b));
    }
    expect(encodeTerms([0, 1, 37])).toBe('0.1.10');
    expect(encodeTerms([3, 3, 1])).toBe('1.2');
    for (const bad of ['1..2', '.', '1.', 'A', '1,2', '-1', 'zzzzzzz', '3.0', '0.0'])
      expect(decodeTerms(bad), bad).toBeUndefined();
    expect([...decodeTerms('0.1')!]).toEqual([0, 1]);
  });

  it('THEN the report with the same words is nearest, at similarity 1, and a skipped one is left out', () => {
    const near = nearestReports(index(), [3, 4, 5, 6], 5);
    expect(near[0]).toEqual({ at: 3, similarity: expect.closeTo(1, 9) });
    expect(near.map((n) => n.at)).toEqual([3, 2]);
    expect(nearestReports(index(), [3, 4, 5, 6], 5, (at) => at === 3).map((n) => n.at)).toEqual([2]);
  });

  it('THEN a word most reports hold is not looked up, so it alone finds no neighbour', () => {
    expect(nearestReports(index(), [6], 5)).toEqual([]);
    expect(nearestReports(index(), [], 5)).toEqual([]);
  });

  it('THEN the k nearest vote by similarity, the shares sum to one, and a cause nobody names gets none', () => {
    // nearest first, as nearestReports gives them; k = 2, so the third does not vote
    const near = [
      { at: 0, similarity: 0.9 },
      { at: 4, similarity: 0.6 },
      { at: 2, similarity: 0.3 },
    ];
    const votes = neighbourVotes(near, (at) => [0, 0, 1, 1, 2][at]!, 3, SETTINGS);
    expect(votes[0]).toBeCloseTo(0.6, 9);
    expect(votes[2]).toBeCloseTo(0.4, 9);
    expect(votes[1]).toBe(0);
    expect(neighbourVotes(near, (at) => [0, 0, 1, 1, 2][at]!, 3, { ...SETTINGS, power: 2 })[0]).toBeCloseTo(
      0.81 / 1.17,
      9,
    );
    expect(neighbourVotes([], () => 0, 3, SETTINGS)).toEqual(new Float64Array(3));
    // damped, a loose neighbourhood gives smaller shares than a close one with the same causes
    const damped = { ...SETTINGS, damping: 0.5 };
    const loose = neighbourVotes([{ at: 0, similarity: 0.2 }], () => 0, 1, damped)[0]!;
    const close = neighbourVotes([{ at: 0, similarity: 0.9 }], () => 0, 1, damped)[0]!;
    expect(loose).toBeCloseTo(0.2 / 0.7, 9);
    expect(close).toBeCloseTo(0.9 / 1.4, 9);
  });

  it('THEN a larger share always gives a larger feature value, and a unanimous vote gives 0', () => {
    expect(voteValue(1)).toBeCloseTo(0, 12);
    expect(voteValue(0)).toBeLessThan(voteValue(0.1));
    expect(voteValue(0.1)).toBeLessThan(voteValue(0.5));
    expect(Number.isFinite(voteValue(0))).toBe(true);
  });
});
