import { afterEach, describe, expect, it } from 'vitest';
import { IDS } from '../../fakes/discord/fixtures.ts';
import { type Bot, startBot, textOf } from './bot-harness.ts';
import { serviceFromHandler } from '../../fakes/service-from-handler.ts';

const RATE_LIMITED = {
  status: 429,
  body: { message: 'You are being rate limited.', retry_after: 0.05, global: false },
  headers: {
    'Retry-After': '0.05',
    'X-RateLimit-Limit': '5',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset-After': '0.05',
    'X-RateLimit-Bucket': 'fake-bucket',
    'X-RateLimit-Scope': 'user',
  },
};

describe('Discord platform errors', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN a 429 with Retry-After on posting THEN the post is retried and the reply arrives', async () => {
    bot = await startBot();
    bot.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, ...RATE_LIMITED });
    const [reply] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    const posts = bot.fake.callsTo('POST', /^\/channels\/\d+\/messages$/);
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(textOf(reply!)).toContain('Where does the failing code run?');
  });

  it('GIVEN a 429 THEN it is reported as rate_limited', async () => {
    bot = await startBot();
    bot.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, ...RATE_LIMITED });
    await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    expect(bot.platformErrors).toContain('rate_limited');
  });

  it('GIVEN Discord answers 500 to every retry THEN the failure is reported and the bot keeps answering', async () => {
    bot = await startBot();
    bot.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500, times: 10 });
    bot.fake.userSays('getting 401', { mention: true });
    await bot.fake.waitFor(() => bot.platformErrors.includes('http_500'));
    await bot.adapter.idle();
    bot.fake.clearFaults();
    const [reply] = await bot.expectReplies(() => bot.fake.userSays('getting 401 again', { mention: true }));
    expect(textOf(reply!)).toContain('Where does the failing code run?');
    expect(bot.adapter.isReady()).toBe(true);
  });

  it('GIVEN a 500 once THEN discord.js retries and the reply arrives', async () => {
    bot = await startBot();
    bot.fake.failNext({ method: 'POST', path: /^\/channels\/\d+\/messages$/, status: 500 });
    const [reply] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    expect(bot.fake.callsTo('POST', /^\/channels\/\d+\/messages$/).map((c) => c.status)).toEqual([500, 200]);
    expect(textOf(reply!)).toContain('Where does the failing code run?');
  });

  it('GIVEN the service throws on a mention THEN the user gets a friendly message and no stack trace', async () => {
    bot = await startBot({
      service: serviceFromHandler(() => Promise.reject(new TypeError('boom at handle'))),
    });
    const [reply] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    expect(textOf(reply!)).toMatch(/Sorry, something went wrong/);
    expect(textOf(reply!)).not.toMatch(/boom|TypeError|\s+at /);
    expect(bot.platformErrors).toContain('internal');
  });

  it('GIVEN the bot may not post in its thread THEN it says so in the channel and reports missing_permission', async () => {
    bot = await startBot();
    bot.fake.failNext({
      method: 'POST',
      path: new RegExp(`^/channels/(?!${IDS.text})\\d+/messages$`),
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const [notice] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    expect(notice!.channelId).toBe(IDS.text);
    expect(textOf(notice!)).toMatch(/missing a permission/);
    expect(bot.platformErrors).toContain('missing_permission');
  });
});
