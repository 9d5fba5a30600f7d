/**
 * The real bot process started with Discord credentials against the loopback fake Discord: the
 * adapter is chosen from the environment, /healthz turns ready once connected, a mention is
 * answered with the real engine, and SIGTERM shuts it all down cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { IDS } from '../fakes/discord/fixtures.ts';
import { componentsOf } from '../adapters/discord/bot-harness.ts';
import { PROCESS_TEST_TIMEOUT_MS, spawnPlatformBot, WAIT } from './platform-bot.ts';

const MAX_QUESTIONS = 5;
const NOT_SURE_ID = /^kd:answer:.+:unknown$/;
const NOT_SURE_VALUE = /^answer:.+:unknown$/;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A loopback fake Discord and a bot process configured for it, both stopped after the test. */
async function startDiscordAndBot() {
  const discord = await new FakeDiscord().start();
  cleanups.push(() => discord.close());
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-discord-main-'));
  const bot = spawnPlatformBot(dir, {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
  });
  cleanups.push(() => {
    bot.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  return { discord, bot };
}

describe('the keydoctor process with Discord configured', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('connects, reports ready, answers a mention, and exits 0 on SIGTERM', async () => {
    const { discord, bot } = await startDiscordAndBot();
    const port = await bot.started();
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ adapters: { discord: 'ready' } });

    discord.userSays('my request gets 401 and sends Authorization: Bearer undefined', { mention: true });
    await expect.poll(() => discord.visible().length, WAIT).toBeGreaterThan(0);
    // whether the scorer asks first depends on its training: "not sure" until a diagnosis
    for (let i = 0; i < MAX_QUESTIONS; i++) {
      const last = discord.visible().at(-1)!;
      const parts = componentsOf(last);
      const button = parts.find((c) => NOT_SURE_ID.test(c.customId));
      const menu = parts.find((c) => c.values.some((v) => NOT_SURE_VALUE.test(v)));
      if (!button && !menu) break;
      const seen = discord.visible().length;
      if (button) discord.click(last.messageId, button.customId);
      else discord.click(last.messageId, menu!.customId, [menu!.values.find((v) => NOT_SURE_VALUE.test(v))!]);
      await expect.poll(() => discord.visible().length, WAIT).toBeGreaterThan(seen);
    }
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
    const { discord, bot } = await startDiscordAndBot();
    const port = await bot.started();
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
