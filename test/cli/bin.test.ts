import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'keydoctor.js');

/** Runs the real bin in a child process with `stdin` piped in; resolves with its output and exit code. */
function keydoctor(
  args: string[],
  stdin = '',
): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ stdout, stderr, code }));
    child.stdin.end(stdin);
  });
}

const BARE_KEY_CURL =
  'curl -H "Authorization: sk-test-FAKEFAKEFAKEFAKE1234" https://api.openai.com/v1/models returns 401';

describe('the keydoctor bin', () => {
  it('GIVEN diagnose with a symptom THEN it prints a diagnosis with numbered steps and exits 0', async () => {
    const result = await keydoctor(['diagnose', BARE_KEY_CURL]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\n\s+1\. /);
  });

  it('GIVEN diagnose --json with the symptom on stdin THEN it prints the ranking as JSON', async () => {
    const result = await keydoctor(['diagnose', '--json'], `${BARE_KEY_CURL}\n`);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).ranked[0].causeId).toBe('missing-bearer-prefix');
  });

  it('GIVEN chat with a scripted conversation on stdin THEN it answers each line and exits 0', async () => {
    const result = await keydoctor(['chat'], 'getting 401 from the API\n1\nexit\n');
    expect(result.code).toBe(0);
    // the greeting's prompt, one after the question, one after the answer, then goodbye
    expect(result.stdout.match(/^> /gm)?.length).toBe(3);
    expect(result.stdout).toMatch(/Reply with a number or the words:/);
    expect(result.stdout).toMatch(/Bye/);
  });

  it('GIVEN an unknown command THEN it exits 2 with usage on stderr', async () => {
    const result = await keydoctor(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Usage:/);
  });
});
