/**
 * DISCORD_SHARDS=2, and DISCORD_SHARDS=auto with the fake recommending 2 on GET /gateway/bot:
 * discord.js's ShardingManager runs two shard processes against the loopback fake Discord (its
 * gateway answers IDENTIFY per shard id and routes each guild's events to its shard); a DM (shard 0)
 * and a guild thread both continue their conversations from the shared Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_TOKEN, FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { IDS } from '../fakes/discord/fixtures.ts';
import { startRedis } from '../fakes/redis-server.ts';
import { PROCESS_TEST_TIMEOUT_MS, spawnPlatformBot, WAIT } from './platform-bot.ts';

const DM_CHANNEL = '1700000000000000009';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts the bot with DISCORD_SHARDS=`shards` against `discord` and a fresh Redis; waits until the shards are connected. */
async function startSharded(discord: FakeDiscord, shards: string) {
  const redis = await startRedis();
  cleanups.push(() => redis.stop());
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-shards-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const bot = spawnPlatformBot(dir, {
    DISCORD_TOKEN: FAKE_TOKEN,
    DISCORD_APPLICATION_ID: IDS.application,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_SHARDS: shards,
    REDIS_URL: redis.url,
  });
  cleanups.push(() => bot.stop());
  await expect.poll(() => bot.logs().some((l) => l.msg === 'Discord shards connected'), WAIT).toBe(true);
  return { bot, redis };
}

async function startFakeDiscord(options: { recommendedShards?: number } = {}): Promise<FakeDiscord> {
  const discord = await new FakeDiscord(options).start();
  cleanups.push(() => discord.close());
  return discord;
}

/** A DM and a guild thread each get an answer and a follow-up answer; both are stored with two turns. */
async function expectConversationsContinue(discord: FakeDiscord, redisUrl: string): Promise<void> {
  // a DM: shard 0 answers, then continues from the stored question
  discord.userDMs('my request gets 401 Unauthorized', DM_CHANNEL);
  await expect.poll(() => discord.visible(DM_CHANNEL).length, WAIT).toBeGreaterThan(0);
  const afterQuestion = discord.visible(DM_CHANNEL).length;
  discord.userDMs('it runs on my laptop', DM_CHANNEL);
  await expect.poll(() => discord.visible(DM_CHANNEL).length, WAIT).toBeGreaterThan(afterQuestion);

  // a guild mention: the guild's shard opens a thread and answers; a follow-up there continues it
  const mention = discord.userSays('my request gets 401 Unauthorized', { mention: true });
  await expect.poll(() => discord.visible(mention.id).length, WAIT).toBeGreaterThan(0);
  const inThread = discord.visible(mention.id).length;
  discord.userSays('it runs on my laptop', { channelId: mention.id });
  await expect.poll(() => discord.visible(mention.id).length, WAIT).toBeGreaterThan(inThread);

  // both conversations are in the shared store, two turns each: nothing started afresh
  const client = createClient({ url: redisUrl });
  await client.connect();
  const keys = await client.keys('keydoctor:conversation:discord:*');
  const turns = await Promise.all(
    keys.map(async (k) => (JSON.parse((await client.get(k)) ?? '{}') as { turns?: number }).turns),
  );
  await client.close();
  expect(keys).toHaveLength(2);
  expect(turns).toEqual([2, 2]);
}

describe('Discord with two shards', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('GIVEN DISCORD_SHARDS=2 THEN both shards identify and a DM and a guild thread each continue their conversation', async () => {
    const discord = await startFakeDiscord();
    const { bot, redis } = await startSharded(discord, '2');
    expect([...discord.identifiedShards].sort()).toEqual([0, 1]);
    await expectConversationsContinue(discord, redis.url);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });

  it('GIVEN DISCORD_SHARDS=auto and the API recommends 2 shards THEN it asks the configured API and starts 2 shards that identify as [0, 2] and [1, 2], and both conversations continue', async () => {
    const discord = await startFakeDiscord({ recommendedShards: 2 });
    const { bot, redis } = await startSharded(discord, 'auto');
    expect(bot.logs().find((l) => l.msg === 'Discord shards connected')).toMatchObject({ shards: 2 });
    // the fake's default recommendation is 1: two shards means the count came from its answer
    expect([...discord.identifiedAs].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    await expectConversationsContinue(discord, redis.url);
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
