/**
 * The real bot process started with Discord credentials against the loopback fake Discord: the
 * adapter is chosen from the environment, /healthz turns ready once connected, a mention is
 * answered with the real engine, and SIGTERM shuts it all down cleanly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, FakeDiscord, type VisibleSnapshot } from '../fakes/discord/fake-discord.ts';
import { IDS } from '../fakes/discord/fixtures.ts';
import { componentsOf } from '../adapters/discord/bot-harness.ts';
import { PROCESS_TEST_TIMEOUT_MS, spawnPlatformBot, WAIT } from './platform-bot.ts';

const MAX_QUESTIONS = 5;
const NOT_SURE_ID = /^kd:answer:.+:unknown$/;
const NOT_SURE_VALUE = /^answer:.+:unknown$/;

interface NotSure {
  customId: string;
  values?: string[];
}

/** The "not sure" answer on a question snapshot: its button, or its option of the select menu. */
function notSureOf(snapshot: VisibleSnapshot): NotSure | undefined {
  const parts = componentsOf(snapshot);
  const button = parts.find((c) => NOT_SURE_ID.test(c.customId));
  if (button) return { customId: button.customId };
  const menu = parts.find((c) => c.values.some((v) => NOT_SURE_VALUE.test(v)));
  return menu && { customId: menu.customId, values: [menu.values.find((v) => NOT_SURE_VALUE.test(v))!] };
}

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
    const diagnosed = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).includes('keydoctor_diagnoses_total{');
    // whether the scorer asks first depends on its training: "not sure" to each question until a
    // diagnosis. A click first edits the question (its buttons disabled) and only then posts the next
    // one, so each step waits for a fresh question or the diagnosis, never for just any new snapshot.
    let from = 0;
    for (let i = 0; i <= MAX_QUESTIONS && !(await diagnosed()); i++) {
      let question: { snapshot: VisibleSnapshot; notSure: NotSure } | undefined;
      await expect
        .poll(async () => {
          question = discord
            .visible()
            .slice(from)
            .map((snapshot) => ({ snapshot, notSure: notSureOf(snapshot) }))
            .filter((q): q is { snapshot: VisibleSnapshot; notSure: NotSure } => q.notSure !== undefined)
            .at(-1);
          return question !== undefined || (await diagnosed());
        }, WAIT)
        .toBe(true);
      if (!question) break;
      from = discord.visible().length;
      const { snapshot, notSure } = question;
      discord.click(snapshot.messageId, notSure.customId, notSure.values);
    }
    await expect.poll(diagnosed, WAIT).toBe(true);

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
