import { describe, expect, it } from 'vitest';
import { EvalCasesError, parseEvalCases } from '../../src/eval/run-eval.ts';

function errorOf(fn: () => unknown): EvalCasesError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EvalCasesError) return error;
    throw error;
  }
  throw new Error('expected an EvalCasesError');
}

describe('parseEvalCases', () => {
  it('reads one case a line with its line number, cause, also and informational fields', () => {
    const text = [
      '{"text":"401 again??","cause":"key-missing","also":["env-not-propagated"],"provider":"openai","style":"terse"}',
      '{"text":"Bad credentials","cause":"key-invalid-typo"}',
    ].join('\n');
    expect(parseEvalCases(text, 'cases.jsonl')).toEqual([
      {
        line: 1,
        text: '401 again??',
        cause: 'key-missing',
        also: ['env-not-propagated'],
        provider: 'openai',
        style: 'terse',
      },
      { line: 2, text: 'Bad credentials', cause: 'key-invalid-typo', also: [] },
    ]);
  });

  it('skips blank lines and // comment lines but keeps counting lines', () => {
    const text = '// a comment\n\n   \n{"text":"x","cause":"clock-skew"}\r\n';
    const cases = parseEvalCases(text, 'f.jsonl');
    expect(cases.map((c) => c.line)).toEqual([4]);
  });

  it('ignores unknown fields', () => {
    const [c] = parseEvalCases('{"text":"x","cause":"cors-browser","note":"from #help","weight":2}', 'f');
    expect(c).toEqual({ line: 1, text: 'x', cause: 'cors-browser', also: [] });
  });

  it('names the file and line of a line that is not JSON', () => {
    const error = errorOf(() =>
      parseEvalCases('{"text":"ok","cause":"a"}\n{"text": oops}', 'test/eval/x.jsonl'),
    );
    expect(error.message).toMatch(/^test\/eval\/x\.jsonl:2: not valid JSON/);
    expect(error.line).toBe(2);
  });

  it('names the file, line and field of a missing cause', () => {
    const error = errorOf(() => parseEvalCases('\n{"text":"hello"}', 'c.jsonl'));
    expect(error.message).toMatch(/^c\.jsonl:2: field "cause"/);
    expect(error.field).toBe('cause');
  });

  it('names the field of an empty text', () => {
    const error = errorOf(() => parseEvalCases('{"text":"","cause":"key-missing"}', 'c.jsonl'));
    expect(error.message).toMatch(/^c\.jsonl:1: field "text"/);
  });

  it('names the element of an also list that is not a string', () => {
    const error = errorOf(() => parseEvalCases('{"text":"t","cause":"key-missing","also":[3]}', 'c.jsonl'));
    expect(error.field).toBe('also.0');
  });

  it('rejects a line that is JSON but not an object', () => {
    const error = errorOf(() => parseEvalCases('["text","cause"]', 'c.jsonl'));
    expect(error.message).toMatch(/^c\.jsonl:1: /);
  });

  it('accepts a cause id the knowledge base may not define (runEval reports it)', () => {
    const [c] = parseEvalCases('{"text":"t","cause":"made-up-cause"}', 'c.jsonl');
    expect(c?.cause).toBe('made-up-cause');
  });

  it('returns no cases for a file of comments only', () => {
    expect(parseEvalCases('// nothing yet\n', 'c.jsonl')).toEqual([]);
  });
});
