import { PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { DEFAULT_BOT_PERMISSIONS, IDS } from '../../fakes/discord/fixtures.ts';
import { type Bot, type BotOptions, componentsOf, startBot, textOf } from './bot-harness.ts';
import { recording } from './stub-service.ts';

const VAGUE = 'getting 401 from the API';

describe('Discord mentions and threads', () => {
  let bot: Bot;
  const start = async (options: BotOptions = {}) => {
    bot = await startBot(options);
    return bot;
  };
  afterEach(async () => {
    await bot.close();
  });

  /** Mentions the bot and returns the mention and the bot's first reply (in the new thread). */
  async function mention(text = VAGUE) {
    let msg!: { id: string };
    const [reply] = await bot.expectReplies(() => {
      msg = bot.fake.userSays(text, { mention: true });
    });
    return { mention: msg, reply: reply! };
  }

  it('GIVEN a mention in a text channel THEN the bot opens a thread from that message and asks there', async () => {
    await start();
    const { mention: m, reply } = await mention();
    const threads = bot.fake.callsTo('POST', new RegExp(`^/channels/${IDS.text}/messages/${m.id}/threads$`));
    expect(threads).toHaveLength(1);
    expect((threads[0]!.body as { name: string }).name).toBe(VAGUE);
    expect(reply.channelId).toBe(m.id);
    expect(textOf(reply)).toContain('Where does the failing code run?');
    expect(componentsOf(reply).map((c) => c.customId)).toContain('kd:answer:where:local');
  });

  it('GIVEN the bot opens a thread from a mention THEN it adds the asker to that thread', async () => {
    await start();
    const { mention: m } = await mention();
    const added = bot.fake.callsTo('PUT', new RegExp(`^/channels/${m.id}/thread-members/${IDS.user}$`));
    expect(added).toHaveLength(1);
    expect(bot.fake.threadMembers.get(m.id)).toEqual(new Set([IDS.user]));
  });

  it('GIVEN a question in the thread WHEN the user clicks an answer THEN the button is acknowledged and a diagnosis follows', async () => {
    await start();
    const { reply } = await mention();
    const [update, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(reply.messageId, 'kd:answer:where:deployed'),
      2,
    );
    expect(update!.kind).toBe('update');
    expect(componentsOf(update!)).toEqual([]);
    expect(diagnosis!.channelId).toBe(reply.channelId);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not set where the code runs');
    expect(componentsOf(diagnosis!).map((c) => c.customId)).toEqual([
      'kd:feedback:fixed',
      'kd:feedback:broken',
    ]);
  });

  it('GIVEN the Message Content intent WHEN the user types an answer in the thread without a mention THEN the conversation continues', async () => {
    await start({ messageContentIntent: true });
    const { reply } = await mention();
    const [diagnosis] = await bot.expectReplies(() => bot.fake.userSays('2', { channelId: reply.channelId }));
    expect(diagnosis!.channelId).toBe(reply.channelId);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not set where the code runs');
    expect(bot.fake.callsTo('POST', /\/threads$/)).toHaveLength(1);
  });

  it('GIVEN no Message Content intent WHEN the user mentions the bot with an answer in the thread THEN the conversation continues', async () => {
    await start();
    const { reply } = await mention();
    const [diagnosis] = await bot.expectReplies(() =>
      bot.fake.userSays('On my own machine', { channelId: reply.channelId, mention: true }),
    );
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not reaching your code');
  });

  it('GIVEN no Message Content intent WHEN an unmentioned message arrives empty in the thread THEN the bot stays quiet', async () => {
    await start();
    const { reply } = await mention();
    bot.fake.userSays('1', { channelId: reply.channelId });
    // a later mention is answered; the empty message before it got nothing
    const [next] = await bot.expectReplies(() =>
      bot.fake.userSays('1', { channelId: reply.channelId, mention: true }),
    );
    expect(next!.message.embeds[0]!.title).toBe('The key is not reaching your code');
    expect(bot.fake.visible(reply.channelId)).toHaveLength(2);
  });

  it('GIVEN the bot tells itself apart WHEN another bot mentions it THEN it does not answer', async () => {
    await start();
    bot.fake.userSays(VAGUE, { mention: true, bot: true });
    const { mention: m } = await mention();
    expect(bot.fake.callsTo('POST', /\/threads$/).map((c) => c.path)).toEqual([
      `/channels/${IDS.text}/messages/${m.id}/threads`,
    ]);
    // its own messages echoed on the gateway are not answered either
    expect(bot.fake.visible()).toHaveLength(1);
  });

  it('GIVEN Discord refuses the thread with Missing Permissions THEN the bot answers inline and says nothing is lost', async () => {
    await start();
    bot.fake.failNext({
      method: 'POST',
      path: /\/threads$/,
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    const { reply } = await mention();
    expect(reply.channelId).toBe(IDS.text);
    expect(textOf(reply)).toMatch(/couldn't open a thread.*nothing is lost/);
    expect(textOf(reply)).toContain('Where does the failing code run?');
    expect(bot.platformErrors).toContain('missing_permission');
  });

  it('GIVEN the bot lacks Create Public Threads THEN it answers inline without trying', async () => {
    await start({ botPermissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads });
    const { reply } = await mention();
    expect(bot.fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
    expect(reply.channelId).toBe(IDS.text);
    expect(textOf(reply)).toContain('Create Public Threads');
  });

  it('GIVEN an inline conversation WHEN the user clicks an answer THEN the diagnosis follows in the channel', async () => {
    await start({ botPermissions: DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads });
    const { reply } = await mention();
    const [, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(reply.messageId, 'kd:answer:where:local'),
      2,
    );
    expect(diagnosis!.channelId).toBe(IDS.text);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not reaching your code');
  });

  it('GIVEN a bare mention THEN the bot replies with help in the channel without opening a thread', async () => {
    await start();
    const { reply } = await mention('');
    expect(bot.fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
    expect(reply.channelId).toBe(IDS.text);
    expect(textOf(reply)).toContain('Describe the error');
  });

  it('GIVEN no Message Content intent THEN a question in the thread says to mention the bot to answer in words', async () => {
    await start();
    const { reply } = await mention();
    expect(textOf(reply)).toContain('mention me with your answer');
  });

  it('GIVEN the Message Content intent THEN a question in the thread does not ask for a mention', async () => {
    await start({ messageContentIntent: true });
    const { reply } = await mention();
    expect(textOf(reply)).not.toContain('mention me');
  });

  it('GIVEN a mention THEN the conversation is keyed by guild, channel and the thread opened from the message', async () => {
    const engine = createFakeEngine();
    const rec = recording(
      createConversationService({
        engine: () => engine,
        store: new MemoryStateStore(),
        ttlMs: 60_000,
      }),
    );
    await start({ service: rec.service, messageContentIntent: true });
    const { mention: m, reply } = await mention();
    await bot.expectReplies(() => bot.fake.userSays('1', { channelId: reply.channelId }));
    const thread = { platform: 'discord', workspace: IDS.guild, channel: IDS.text, thread: m.id };
    expect(rec.received.map((r) => r.key)).toEqual([thread, thread]);
  });
});
