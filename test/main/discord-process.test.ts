/**
 * The real bot process started with Discord credentials against the loopback fake Discord: the
 * adapter is chosen from the environment, /healthz turns ready once connected, a mention is
 * answered with the real engine, and SIGTERM shuts it all down cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { IDS } from '../fakes/discord/fixtures.ts';

// Spawned processes start slowly on a busy machine; these bounds only catch a hang.
const PROCESS_TEST_TIMEOUT_MS = 120_000;
const WAIT = { timeout: 90_000 };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function startBot(env: Record<string, string>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-discord-main-'));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', TSX_LOADER, path.join(ROOT, 'src/main.ts')],
    {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DATA_DIR: path.join(dir, 'data'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr!.on('data', (c) => (stderr += String(c)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });
  /** JSON log lines from stderr (platform mode logs there). */
  const logs = () =>
    stderr
      .split('\n')
      .filter((l) => l.startsWith('{') && l.endsWith('}'))
      .map((l) => JSON.parse(l) as { msg: string; port?: number });
  return { child, exited, logs };
}

describe('the keydoctor process with Discord configured', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('connects, reports ready, answers a mention, and exits 0 on SIGTERM', async () => {
    const discord = await new FakeDiscord().start();
    cleanups.push(() => discord.close());
    const bot = startBot({
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_MESSAGE_CONTENT: 'true',
      OPS_PORT: '0',
      OPS_HOST: '127.0.0.1',
    });
    await expect.poll(() => bot.logs().some((l) => l.msg === 'keydoctor started'), WAIT).toBe(true);
    const port = bot.logs().find((l) => l.msg === 'ops server listening')!.port!;
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ adapters: { discord: 'ready' } });

    discord.userSays('my request gets 401 and sends Authorization: Bearer undefined', { mention: true });
    await expect.poll(() => discord.visible().length, WAIT).toBeGreaterThan(0);
    await expect
      .poll(
        async () =>
          (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).includes(
            'keydoctor_diagnoses_total{',
          ),
        {
          ...WAIT,
        },
      )
      .toBe(true);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(bot.logs().map((l) => l.msg)).toContain('shutdown complete');
  });
  it('counts a refused Discord call in keydoctor_platform_errors_total', async () => {
    const discord = await new FakeDiscord().start();
    cleanups.push(() => discord.close());
    const bot = startBot({
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_MESSAGE_CONTENT: 'true',
      OPS_PORT: '0',
      OPS_HOST: '127.0.0.1',
    });
    await expect.poll(() => bot.logs().some((l) => l.msg === 'keydoctor started'), WAIT).toBe(true);
    const port = bot.logs().find((l) => l.msg === 'ops server listening')!.port!;
    discord.failNext({
      method: 'POST',
      path: /^\/channels\//,
      status: 403,
      body: { code: 50013, message: 'Missing Permissions' },
      times: 10,
    });
    discord.userSays('401 with Authorization: Bearer undefined', { mention: true });
    await expect
      .poll(
        async () =>
          (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).match(
            /keydoctor_platform_errors_total\{platform="discord",code="[^"]+"\} \d+/,
          ) !== null,
        WAIT,
      )
      .toBe(true);
  });
});
