/** `keydoctor eval` wired to the real loader and engine, driven through run(args, io). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/eval.ts';
import type { CliIo } from '../../src/cli/io.ts';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

function fakeIo(cwd: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: { write: (s: string) => out.push(s) },
    stderr: { write: (s: string) => err.push(s) },
    stdin: new PassThrough(),
    env,
    cwd,
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'kd-eval-cli-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const TWO_CASES = [
  '{"text":"curl -H \\"Authorization: sk-test-FAKE0000abcd\\" https://api.openai.com/v1/models -> 401","cause":"missing-bearer-prefix"}',
  '{"text":"<Code>RequestTimeTooSkewed</Code> The difference between the request time and the current time is too large.","cause":"clock-skew"}',
].join('\n');

describe('keydoctor eval on the shipped knowledge base', () => {
  it('measures a file of cases and prints the JSON report', async () => {
    const t = fakeIo(tempDir({ 'two.jsonl': TWO_CASES }));
    const code = await run(['two.jsonl', '--json'], t.io);
    const json = JSON.parse(t.stdout());
    expect(code).toBe(0);
    expect(json.n).toBe(2);
    expect(Object.keys(json.perCause).sort()).toEqual(['clock-skew', 'missing-bearer-prefix']);
  });

  it('runs the shipped cases.jsonl relative to the working directory', async () => {
    const t = fakeIo(REPO_ROOT);
    expect(await run(['test/eval/cases.jsonl'], t.io)).toBe(0);
    expect(t.stdout()).toMatch(/keydoctor eval: \d+ cases/);
  });

  it('exits 2 with a clear message on a missing file', async () => {
    const t = fakeIo(tempDir());
    expect(await run(['nope.jsonl'], t.io)).toBe(2);
    expect(t.stderr()).toContain('no such file');
  });

  it('exits 2 naming the knowledge problem when --knowledge points at an invalid base', async () => {
    const broken = tempDir({ 'tree.yaml': 'root: [unclosed\n' });
    const t = fakeIo(tempDir({ 'two.jsonl': TWO_CASES }));
    expect(await run(['two.jsonl', '--knowledge', broken], t.io)).toBe(2);
    expect(t.stderr()).toContain('knowledge base is invalid');
  });

  it('reads the knowledge folder from KNOWLEDGE_DIR when no flag is given', async () => {
    const broken = tempDir({ 'tree.yaml': 'root: [unclosed\n' });
    const t = fakeIo(tempDir({ 'two.jsonl': TWO_CASES }), { KNOWLEDGE_DIR: broken });
    expect(await run(['two.jsonl'], t.io)).toBe(2);
  });
});
