import { describe, expect, it } from 'vitest';
import { formatEvalReport, MAX_CONFUSIONS_SHOWN } from '../../src/eval/format-report.ts';
import { calibration } from '../../src/eval/calibration.ts';
import type { EvalReport } from '../../src/eval/run-eval.ts';

function report(over: Partial<EvalReport> = {}): EvalReport {
  return {
    n: 4,
    top1: 0.5,
    top3: 0.75,
    top1Hits: 2,
    top3Hits: 3,
    perCause: {
      'clock-skew': { n: 2, top1: 1, top3: 1, recall: 1, predicted: 2, precision: 1 },
      'key-missing': { n: 2, top1: 0, top3: 0.5, recall: 0, predicted: 0, precision: 1 },
    },
    byStyle: { terse: { n: 3, top1: 2 / 3, top3: 1 }, 'curl-line': { n: 1, top1: 0, top3: 0 } },
    byProvider: {},
    confusions: [{ expected: 'key-missing', got: 'env-not-propagated', count: 2 }],
    misses: [
      {
        line: 7,
        expected: 'key-missing',
        also: [],
        got: ['env-not-propagated', 'key-missing'],
        inTop3: true,
      },
    ],
    errors: [],
    unknownCauses: [],
    calibration: calibration([
      { confidence: 0.95, hit: true },
      { confidence: 0.92, hit: true },
      { confidence: 0.55, hit: false },
      { confidence: 0.45, hit: false },
    ]),
    cases: [],
    ...over,
  };
}

describe('formatEvalReport', () => {
  it('shows n and the top-1 and top-3 percentages with their counts', () => {
    const text = formatEvalReport(report());
    expect(text).toContain('4 cases');
    expect(text).toMatch(/top-1\s+50\.0%\s+\(2\/4\)/);
    expect(text).toMatch(/top-3\s+75\.0%\s+\(3\/4\)/);
  });

  it('lists recall per cause worst first', () => {
    const text = formatEvalReport(report());
    expect(text.indexOf('key-missing')).toBeLessThan(text.indexOf('clock-skew'));
  });

  it('lists the confusions with their counts', () => {
    expect(formatEvalReport(report())).toMatch(/key-missing\s+env-not-propagated\s+2/);
  });

  it('shows at most ten confusions', () => {
    const confusions = Array.from({ length: 15 }, (_, i) => ({
      expected: `e${i}`,
      got: `g${i}`,
      count: 15 - i,
    }));
    const text = formatEvalReport(report({ confusions }));
    expect(MAX_CONFUSIONS_SHOWN).toBe(10);
    expect(text).toContain('e9 ');
    expect(text).not.toContain('e10 ');
  });

  it('lists the misses only when asked', () => {
    expect(formatEvalReport(report())).not.toContain('line 7');
    expect(formatEvalReport(report(), { misses: true })).toContain('line 7: expected key-missing');
  });

  it('names labels the knowledge base does not define', () => {
    const text = formatEvalReport(report({ unknownCauses: [{ line: 3, cause: 'made-up' }] }));
    expect(text).toContain('line 3: made-up');
  });

  it('shows accuracy per writing style, worst first', () => {
    const text = formatEvalReport(report());
    expect(text).toMatch(
      /By writing style\n.*\n\s+curl-line\s+1\s+0\.0%\s+0\.0%\n\s+terse\s+3\s+66\.7%\s+100\.0%/,
    );
  });

  it('leaves out a grouping no case is labelled with', () => {
    expect(formatEvalReport(report())).not.toContain('By provider');
  });

  it('says so when there are no confusions', () => {
    expect(formatEvalReport(report({ confusions: [] }))).toMatch(/confusions[^\n]*\n\s+none/);
  });

  it("shows the calibration table with each bin's count, mean confidence and accuracy, and the ECE", () => {
    const text = formatEvalReport(report());
    expect(text).toMatch(/90-100%\s+2\s+93\.5%\s+100\.0%/);
    expect(text).toMatch(/ECE\s+0\.\d{3}/);
    expect(text).toMatch(/stated at 90% or more: 2, right 100\.0%/);
  });
});
