/** `keydoctor eval` wired to the real loader and engine, driven through run(args, io). */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/eval.ts';
import { memoryIo } from '../cli/memory-io.ts';
import { tempDirWith } from '../support/temp-dir.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function tempDir(files: Record<string, string> = {}): string {
  return tempDirWith('kd-eval-cli-', files);
}

const TWO_CASES = [
  '{"text":"curl -H \\"Authorization: sk-test-FAKE0000abcd\\" https://api.openai.com/v1/models -> 401","cause":"missing-bearer-prefix"}',
  '{"text":"<Code>RequestTimeTooSkewed</Code> The difference between the request time and the current time is too large.","cause":"clock-skew"}',
].join('\n');

describe('keydoctor eval on the shipped knowledge base', () => {
  it('measures a file of cases and prints the JSON report', async () => {
    const io = memoryIo({ cwd: tempDir({ 'two.jsonl': TWO_CASES }) });
    const code = await run(['two.jsonl', '--json'], io);
    const json = JSON.parse(io.out());
    expect(code).toBe(0);
    expect(json.n).toBe(2);
    expect(Object.keys(json.perCause).sort()).toEqual(['clock-skew', 'missing-bearer-prefix']);
  });

  it('runs the shipped cases.jsonl relative to the working directory', async () => {
    const io = memoryIo({ cwd: REPO_ROOT });
    expect(await run(['test/eval/cases.jsonl'], io)).toBe(0);
    expect(io.out()).toMatch(/keydoctor eval: \d+ cases/);
  });

  it('exits 2 with a clear message on a missing file', async () => {
    const io = memoryIo({ cwd: tempDir() });
    expect(await run(['nope.jsonl'], io)).toBe(2);
    expect(io.err()).toContain('no such file');
  });

  it('exits 2 naming the knowledge problem when --knowledge points at an invalid base', async () => {
    const broken = tempDir({ 'tree.yaml': 'root: [unclosed\n' });
    const io = memoryIo({ cwd: tempDir({ 'two.jsonl': TWO_CASES }) });
    expect(await run(['two.jsonl', '--knowledge', broken], io)).toBe(2);
    expect(io.err()).toContain('knowledge base is invalid');
  });

  it('reads the knowledge folder from KNOWLEDGE_DIR when no flag is given', async () => {
    const broken = tempDir({ 'tree.yaml': 'root: [unclosed\n' });
    const io = memoryIo({ cwd: tempDir({ 'two.jsonl': TWO_CASES }), env: { KNOWLEDGE_DIR: broken } });
    expect(await run(['two.jsonl'], io)).toBe(2);
  });
});
