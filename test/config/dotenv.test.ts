import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv } from '../../src/config/dotenv.ts';

const run = promisify(execFile);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DOTENV_MODULE = path.join(ROOT, 'src/config/dotenv.ts');
// The child runs in a temporary folder, where the bare name 'tsx' would not resolve.
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadDotEnv', () => {
  it('does nothing when the working directory has no .env', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-env-'));
    dirs.push(dir);
    expect(loadDotEnv(dir)).toBeUndefined();
  });

  // A child process, so this test's own environment stays untouched.
  it('loads .env values while the real environment wins', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-env-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, '.env'), 'LOG_LEVEL=debug\nDATA_DIR=from-file\n');
    const script = `const { loadDotEnv } = await import(${JSON.stringify(DOTENV_MODULE)});
      loadDotEnv(process.cwd());
      console.log(JSON.stringify({ level: process.env.LOG_LEVEL, data: process.env.DATA_DIR }));`;
    const { stdout } = await run(
      process.execPath,
      ['--import', TSX_LOADER, '--input-type=module', '-e', script],
      {
        cwd: dir,
        env: { ...process.env, LOG_LEVEL: 'warn', DATA_DIR: '' },
      },
    );
    expect(JSON.parse(stdout)).toEqual({ level: 'warn', data: '' });
  });
});
