import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createEvalCommand, type EvalCommandDeps } from '../../src/eval/eval-command.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { tempDirWith } from '../support/temp-dir.ts';
import { fakeEngine } from './fake-engine.ts';

class FakeKnowledgeError extends Error {
  readonly code = 'KNOWLEDGE_INVALID';
}

const NOW = Date.parse('2026-11-23T10:00:00Z');

function workDir(files: Record<string, string> = {}): string {
  return tempDirWith('kd-eval-', files);
}

const CASES = [
  '{"text":"one","cause":"a"}',
  '{"text":"two","cause":"b"}',
  '{"text":"three","cause":"b","also":["c"]}',
  '{"text":"four","cause":"c"}',
].join('\n');

// top-1: one (a), three (c via also) = 2/4; top-3: + two (b second) = 3/4
const RANKINGS = { one: ['a'], two: ['c', 'b'], three: ['c'], four: ['a', 'b', 'd', 'c'] };

function deps(
  over: Partial<EvalCommandDeps> = {},
  seen: { dir?: string; now?: number[] } = {},
): EvalCommandDeps {
  const nows: number[] = seen.now ?? [];
  return {
    knowledgeDir: (flag, io) => flag ?? io.env.KNOWLEDGE_DIR ?? '/shipped/knowledge',
    loadEngine: (dir) => {
      seen.dir = dir;
      return { engine: fakeEngine(RANKINGS, nows), causeIds: ['a', 'b', 'c', 'd'] };
    },
    isKnowledgeError: (e): e is Error => e instanceof FakeKnowledgeError,
    now: () => NOW,
    ...over,
  };
}

describe('keydoctor eval', () => {
  it('prints n, top-1 and top-3 as a table and exits 0', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    const code = await createEvalCommand(deps())(['c.jsonl'], io);
    expect(code).toBe(0);
    expect(io.out()).toContain('4 cases');
    expect(io.out()).toMatch(/top-1\s+50\.0%/);
    expect(io.out()).toMatch(/top-3\s+75\.0%/);
  });

  it('prints the report as JSON with --json', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    const code = await createEvalCommand(deps())(['c.jsonl', '--json'], io);
    const json = JSON.parse(io.out());
    expect(code).toBe(0);
    expect(json).toMatchObject({ n: 4, top1: 0.5, top3: 0.75 });
    expect(json.perCause.b).toMatchObject({ n: 2, top1: 0.5, top3: 1 });
  });

  it('does not print case texts in JSON, so a pasted key is never echoed', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': '{"text":"sk-test-FAKE-secret-text","cause":"a"}' }) });
    await createEvalCommand(deps())(['c.jsonl', '--json'], io);
    expect(io.out()).not.toContain('sk-test-FAKE-secret-text');
  });

  it('exits 2 with a clear message when the file does not exist', async () => {
    const io = memoryIo({ cwd: workDir({}) });
    const code = await createEvalCommand(deps())(['missing.jsonl'], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/cannot read .*missing\.jsonl: no such file/);
  });

  it('exits 2 naming file and line when a case line is bad', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': `${CASES}\n{"text":"no cause"}` }) });
    const code = await createEvalCommand(deps())(['c.jsonl'], io);
    expect(code).toBe(2);
    expect(io.err()).toContain('c.jsonl:5: field "cause"');
  });

  it('exits 2 when the file holds no cases', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': '// empty\n' }) });
    expect(await createEvalCommand(deps())(['c.jsonl'], io)).toBe(2);
    expect(io.err()).toContain('holds no cases');
  });

  it('exits 2 with the loader message when the knowledge base is invalid', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    const broken = deps({
      loadEngine: () => {
        throw new FakeKnowledgeError('causes/x.yaml:3 title: Required');
      },
    });
    expect(await createEvalCommand(broken)(['c.jsonl'], io)).toBe(2);
    expect(io.err()).toContain('knowledge base is invalid');
    expect(io.err()).toContain('causes/x.yaml:3 title: Required');
  });

  it('exits 2 with the usage when no file is given', async () => {
    const io = memoryIo({ cwd: workDir({}) });
    expect(await createEvalCommand(deps())([], io)).toBe(2);
    expect(io.err()).toContain('Usage: keydoctor eval');
  });

  it('loads the knowledge from --knowledge when given', async () => {
    const seen: { dir?: string } = {};
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }), env: { KNOWLEDGE_DIR: '/from/env' } });
    await createEvalCommand(deps({}, seen))(['c.jsonl', '--knowledge', '/from/flag'], io);
    expect(seen.dir).toBe('/from/flag');
  });

  it('exits 1 when top-1 is below --min-top1', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    const code = await createEvalCommand(deps())(['c.jsonl', '--min-top1', '0.6'], io);
    expect(code).toBe(1);
    expect(io.err()).toContain('top-1 50.0% is below the floor 60.0%');
  });

  it('exits 1 when top-3 is below --min-top3', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    expect(await createEvalCommand(deps())(['c.jsonl', '--min-top3', '0.8'], io)).toBe(1);
  });

  it('exits 0 when the floors are met', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    const code = await createEvalCommand(deps())(['c.jsonl', '--min-top1=0.5', '--min-top3=0.75'], io);
    expect(code).toBe(0);
  });

  it('exits 2 on a floor that is not a fraction', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    expect(await createEvalCommand(deps())(['c.jsonl', '--min-top1', '85'], io)).toBe(2);
    expect(io.err()).toContain('--min-top1 must be a fraction');
  });

  it('passes --now to the engine instead of the clock', async () => {
    const seen = { now: [] as number[] };
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    await createEvalCommand(deps({}, seen))(['c.jsonl', '--now', '2030-01-01T00:00:00Z'], io);
    expect(new Set(seen.now)).toEqual(new Set([Date.parse('2030-01-01T00:00:00Z')]));
  });

  it('lists the misses with --misses', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    await createEvalCommand(deps())(['c.jsonl', '--misses'], io);
    expect(io.out()).toContain('line 2: expected b, got c, b');
  });

  it('gives with --json one entry per case in file order: line, expected, outcome, ranked causes and confidences', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    await createEvalCommand(deps())(['c.jsonl', '--json'], io);
    const json = JSON.parse(io.out());
    expect(json.cases.map((c: { line: number }) => c.line)).toEqual([1, 2, 3, 4]);
    expect(json.cases[1]).toMatchObject({ line: 2, expected: 'b', outcome: expect.any(String) });
    expect(json.cases[1].ranked.map((r: { causeId: string }) => r.causeId)).toEqual(['c', 'b']);
    expect(typeof json.cases[1].ranked[0].confidence).toBe('number');
    expect(json.calibration).toMatchObject({ ece: expect.any(Number), bins: expect.any(Array) });
  });

  it('cross-validates with --cv, passing the cases and --regression files to the trainer', async () => {
    const dir = workDir({ 'c.jsonl': CASES, 'r.jsonl': '{"text":"x","cause":"a"}' });
    const io = memoryIo({ cwd: dir });
    const seen: { cases?: number; regression?: readonly string[] } = {};
    const engine = fakeEngine(RANKINGS, []);
    const code = await createEvalCommand(
      deps({
        crossValidate: (_dir, cases, regression) => {
          seen.cases = cases.length;
          seen.regression = regression;
          return {
            diagnose: (c) => engine.diagnose(c.text, { now: NOW }).outcome,
            folds: 5,
            causeIds: ['a', 'b', 'c'],
          };
        },
      }),
    )(['c.jsonl', '--cv', '--regression', 'r.jsonl'], io);
    expect(code).toBe(0);
    expect(seen).toEqual({ cases: 4, regression: [join(dir, 'r.jsonl')] });
    expect(io.out()).toMatch(/cross-validated: 5 folds grouped by repository/);
    expect(io.out()).toMatch(/top-1\s+50\.0%/);
  });

  it('reports the forward split next to the folds: the newest cases, by the engine trained without them', async () => {
    const cvDeps = () =>
      deps({
        crossValidate: () => {
          const engine = fakeEngine(RANKINGS, []);
          return {
            diagnose: (c) => engine.diagnose(c.text, { now: NOW }).outcome,
            folds: 5,
            causeIds: ['a', 'b', 'c'],
            // the last two cases: "three" (c via also: a top-1 hit) and "four" (c fourth: a miss)
            forward: { engine, test: [2, 3] },
          };
        },
      });
    const text = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    expect(await createEvalCommand(cvDeps())(['c.jsonl', '--cv'], text)).toBe(0);
    expect(text.out()).toMatch(/forward split \(the newest fifth.*\): 2 cases, top-1 50\.0%, top-3 50\.0%/);
    const json = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    expect(await createEvalCommand(cvDeps())(['c.jsonl', '--cv', '--json'], json)).toBe(0);
    expect(JSON.parse(json.out()).crossValidation.forward).toEqual({ n: 2, top1: 0.5, top3: 0.5 });
  });

  it('refuses --regression without --cv', async () => {
    const io = memoryIo({ cwd: workDir({ 'c.jsonl': CASES }) });
    expect(await createEvalCommand(deps())(['c.jsonl', '--regression', 'r.jsonl'], io)).toBe(2);
    expect(io.err()).toMatch(/--regression only goes with --cv/);
  });
});
