import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { type Bot, componentsOf, startBot, textOf } from './bot-harness.ts';
import { recording } from './stub-service.ts';

const DM_CHANNEL = '1700000000000000009';

describe('Discord direct messages', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN a DM THEN the bot answers in the DM and keys the conversation by the DM channel', async () => {
    const engine = createFakeEngine();
    const rec = recording(
      createConversationService({
        engine: () => engine,
        store: new MemoryStateStore(),
        ttlMs: 60_000,
      }),
    );
    bot = await startBot({ service: rec.service });
    const [reply] = await bot.expectReplies(() => bot.fake.userDMs('getting 401 from the API', DM_CHANNEL));
    expect(reply!.channelId).toBe(DM_CHANNEL);
    expect(textOf(reply!)).toContain('Where does the failing code run?');
    expect(rec.received[0]!.key).toEqual({
      platform: 'discord',
      workspace: '@dm',
      channel: DM_CHANNEL,
      thread: DM_CHANNEL,
    });
  });

  it('GIVEN a DM question WHEN the user types the answer THEN the same conversation reaches a diagnosis', async () => {
    bot = await startBot();
    const [question] = await bot.expectReplies(() =>
      bot.fake.userDMs('getting 401 from the API', DM_CHANNEL),
    );
    expect(textOf(question!)).not.toContain('mention me');
    const [diagnosis] = await bot.expectReplies(() => bot.fake.userDMs('2', DM_CHANNEL));
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not set where the code runs');
    expect(componentsOf(diagnosis!).map((c) => c.label)).toEqual(['That fixed it', "That didn't fix it"]);
  });

  it('GIVEN a DM question WHEN the user clicks an answer THEN the diagnosis follows in the DM', async () => {
    bot = await startBot();
    const [question] = await bot.expectReplies(() =>
      bot.fake.userDMs('getting 401 from the API', DM_CHANNEL),
    );
    const [, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(question!.messageId, 'kd:answer:where:local'),
      2,
    );
    expect(diagnosis!.channelId).toBe(DM_CHANNEL);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not reaching your code');
  });
});
