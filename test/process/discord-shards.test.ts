/**
 * DISCORD_SHARDS=2: discord.js's ShardingManager runs two shard processes against the loopback fake
 * Discord (its gateway answers IDENTIFY per shard id and routes each guild's events to its shard);
 * a DM (shard 0) and a guild thread both continue their conversations from the shared Redis.
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

describe('Discord with two shards', { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  it('GIVEN DISCORD_SHARDS=2 THEN both shards identify and a DM and a guild thread each continue their conversation', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const discord = await new FakeDiscord().start();
    cleanups.push(() => discord.close());
    const dir = mkdtempSync(path.join(tmpdir(), 'kd-shards-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const bot = spawnPlatformBot(dir, {
      DISCORD_TOKEN: FAKE_TOKEN,
      DISCORD_APPLICATION_ID: IDS.application,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_MESSAGE_CONTENT: 'true',
      DISCORD_SHARDS: '2',
      REDIS_URL: redis.url,
    });
    cleanups.push(() => bot.stop());
    await expect.poll(() => bot.logs().some((l) => l.msg === 'Discord shards connected'), WAIT).toBe(true);
    expect([...discord.identifiedShards].sort()).toEqual([0, 1]);

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
    const client = createClient({ url: redis.url });
    await client.connect();
    const keys = await client.keys('keydoctor:conversation:discord:*');
    const turns = await Promise.all(
      keys.map(async (k) => (JSON.parse((await client.get(k)) ?? '{}') as { turns?: number }).turns),
    );
    await client.close();
    expect(keys).toHaveLength(2);
    expect(turns).toEqual([2, 2]);

    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
  });
});
