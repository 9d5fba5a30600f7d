import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/io.ts';
import { run } from '../../src/cli/stats.ts';
import { SqliteFeedbackLog } from '../../src/analytics/feedback-log.ts';

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-stats-'));
  dirs.push(dir);
  return dir;
}

async function seed(dataDir: string): Promise<void> {
  const log = new SqliteFeedbackLog({ file: path.join(dataDir, 'keydoctor.sqlite') });
  const at = (i: number) => ({ platform: 'slack', at: T0 + i });
  log.record([{ type: 'diagnosed', causeId: 'key-missing', confidence: 0.9 }], at(0));
  log.record([{ type: 'diagnosed', causeId: 'key-missing', confidence: 0.9 }], at(1));
  log.record([{ type: 'feedback', causeId: 'key-missing', fixed: true, path: [], symptoms: ['ok'] }], at(2));
  log.record(
    [
      {
        type: 'feedback',
        causeId: 'key-missing',
        fixed: false,
        path: [],
        symptoms: ['401 from vercel edge'],
      },
    ],
    at(3),
  );
  await log.close();
}

function io(cwd: string, env: Record<string, string> = {}) {
  const out = { stdout: '', stderr: '' };
  const cliIo: CliIo = {
    stdout: { write: (s: string) => (out.stdout += s) },
    stderr: { write: (s: string) => (out.stderr += s) },
    stdin: Readable.from([]),
    env,
    cwd,
  };
  return { cliIo, out };
}

describe('keydoctor stats', () => {
  it('prints the per-cause table with the resolution rate and the unresolved symptoms', async () => {
    const dir = tempDir();
    await seed(dir);
    const { cliIo, out } = io('/', {});
    expect(await run(['--data-dir', dir], cliIo)).toBe(0);
    expect(out.stdout).toMatch(/^cause\s+diagnosed\s+fixed\s+broken\s+hand-offs\s+resolved\n/);
    expect(out.stdout).toMatch(/key-missing\s+2\s+1\s+1\s+0\s+50%/);
    expect(out.stdout).toContain('2026-11-23 09:00  broken     "401 from vercel edge"');
  });

  it('prints the same figures as JSON with --json', async () => {
    const dir = tempDir();
    await seed(dir);
    const { cliIo, out } = io('/');
    expect(await run(['--json', `--data-dir=${dir}`], cliIo)).toBe(0);
    const parsed = JSON.parse(out.stdout);
    expect(parsed.causes).toEqual([
      {
        causeId: 'key-missing',
        diagnosed: 2,
        fixed: 1,
        broken: 1,
        handoffs: 0,
        resolutionRate: 0.5,
        unresolved: [{ at: T0 + 3, outcome: 'broken', symptoms: ['401 from vercel edge'] }],
      },
    ]);
  });

  it('reads DATA_DIR relative to the working directory when no --data-dir is given', async () => {
    const cwd = tempDir();
    await seed(path.join(cwd, 'state'));
    const { cliIo, out } = io(cwd, { DATA_DIR: 'state' });
    await run(['--json'], cliIo);
    expect(JSON.parse(out.stdout).dataFile).toBe(path.join(cwd, 'state', 'keydoctor.sqlite'));
    expect(JSON.parse(out.stdout).causes).toHaveLength(1);
  });

  it('says there is no data yet when the bot has never run', async () => {
    const { cliIo, out } = io(tempDir());
    expect(await run([], cliIo)).toBe(0);
    expect(out.stdout).toMatch(
      /^No diagnoses recorded yet \(.*keydoctor\.sqlite does not exist; the bot creates it when it runs\)\.\n$/,
    );
    expect(out.stderr).toBe('');
  });

  it('answers --help with its usage and options, exit code 0', async () => {
    const { cliIo, out } = io(tempDir());
    expect(await run(['--help'], cliIo)).toBe(0);
    expect(out.stdout).toContain('Usage: keydoctor stats');
    expect(out.stdout).toContain('--data-dir DIR');
  });

  it('rejects an unknown argument with the usage and exit code 2', async () => {
    const { cliIo, out } = io(tempDir());
    expect(await run(['--verbose'], cliIo)).toBe(2);
    expect(out.stderr).toContain('Usage: keydoctor stats');
  });
});
