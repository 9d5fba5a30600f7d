/**
 * The real bot process (src/main.ts through tsx) started in platform mode for the Discord and Slack
 * process tests: only the variables a test sets reach it, and it logs JSON lines to stderr.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

// Spawned processes start slowly on a busy machine; these bounds only catch a hang.
export const PROCESS_TEST_TIMEOUT_MS = 120_000;
export const WAIT = { timeout: 90_000 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MAIN = path.join(ROOT, 'src', 'main.ts');
// The bot runs in a temporary folder (so no developer .env is picked up), where 'tsx' would not resolve.
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface PlatformBot {
  child: ChildProcess;
  exited: Promise<number | null>;
  /** JSON log lines from stderr (platform mode logs there). */
  logs(): { msg: string; port?: number }[];
  /** Waits until the bot has started and answers the port its ops server listens on. */
  started(): Promise<number>;
  /** Kills the process if it is still running (test clean-up). */
  stop(): void;
}

/** Spawns the bot in `dir` (data in `dir`/data), its ops server on a free loopback port, plus `env`. */
export function spawnPlatformBot(dir: string, env: Record<string, string>): PlatformBot {
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX_LOADER, MAIN], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      DATA_DIR: path.join(dir, 'data'),
      OPS_PORT: '0',
      OPS_HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const logs = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as { msg: string; port?: number });
  const started = async () => {
    await expect.poll(() => logs().some((l) => l.msg === 'keydoctor started'), WAIT).toBe(true);
    return logs().find((l) => l.msg === 'ops server listening')!.port!;
  };
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  };
  return { child, exited, logs, started, stop };
}

/**
 * A started bot process in its own temporary DATA_DIR, stopped and its folder removed by the
 * cleanup it registers.
 */
export async function startBotInTempDir(
  cleanups: (() => Promise<void> | void)[],
  dirPrefix: string,
  env: Record<string, string>,
): Promise<PlatformBot> {
  const dir = mkdtempSync(path.join(tmpdir(), dirPrefix));
  const bot = spawnPlatformBot(dir, env);
  cleanups.push(() => {
    bot.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  await bot.started();
  return bot;
}
