import { afterEach, describe, expect, it } from 'vitest';
import type { Incoming } from '../../../src/conversation/types.ts';
import { type Bot, componentsOf, startBot, textOf } from './bot-harness.ts';
import { questionWith, stubService } from './stub-service.ts';

const acknowledged = { kind: 'info' as const, heading: 'Noted', blocks: [], choices: [] };

describe('Discord buttons, select menus and feedback', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN a question with five answers THEN they are five buttons in one row', async () => {
    const stub = stubService({ reply: questionWith(5), credentials: [] });
    bot = await startBot({ service: stub.service });
    const [question] = await bot.expectReplies(() => bot.fake.userSays('401', { mention: true }));
    const rows = question!.message.components!;
    expect(rows).toHaveLength(1);
    expect(componentsOf(question!).map((c) => c.customId)).toEqual(
      [1, 2, 3, 4, 5].map((i) => `kd:answer:provider:p${i}`),
    );
  });

  it('GIVEN a question with seven answers THEN they are offered in a select menu and a pick answers the question', async () => {
    const stub = stubService((incoming: Incoming) =>
      incoming.input.type === 'choice'
        ? { reply: acknowledged, credentials: [] }
        : { reply: questionWith(7), credentials: [] },
    );
    bot = await startBot({ service: stub.service });
    const [question] = await bot.expectReplies(() => bot.fake.userSays('401', { mention: true }));
    const [menu] = componentsOf(question!);
    expect(menu!.values).toEqual([1, 2, 3, 4, 5, 6, 7].map((i) => `answer:provider:p${i}`));
    await bot.expectReplies(
      () => bot.fake.click(question!.messageId, menu!.customId, ['answer:provider:p6']),
      2,
    );
    expect(stub.received[1]!.input).toEqual({ type: 'choice', choiceId: 'answer:provider:p6' });
  });

  it('GIVEN a diagnosis WHEN the user clicks "That fixed it" THEN the feedback reaches the engine and is acknowledged', async () => {
    bot = await startBot();
    const [question] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    const [, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(question!.messageId, 'kd:answer:where:local'),
      2,
    );
    const [update, thanks] = await bot.expectReplies(
      () => bot.fake.click(diagnosis!.messageId, 'kd:feedback:fixed'),
      2,
    );
    expect(update!.messageId).toBe(diagnosis!.messageId);
    expect(componentsOf(update!)).toEqual([]);
    expect(textOf(thanks!)).toContain('Glad it works');
  });

  it('GIVEN a diagnosis WHEN the user clicks "Still broken" THEN the next candidate cause is diagnosed', async () => {
    bot = await startBot();
    const [question] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    const [, first] = await bot.expectReplies(
      () => bot.fake.click(question!.messageId, 'kd:answer:where:local'),
      2,
    );
    const [, next] = await bot.expectReplies(() => bot.fake.click(first!.messageId, 'kd:feedback:broken'), 2);
    expect(first!.message.embeds[0]!.title).toBe('The key is not reaching your code');
    expect(next!.message.embeds[0]!.title).not.toBe(first!.message.embeds[0]!.title);
    expect(componentsOf(next!).map((c) => c.customId)).toEqual(['kd:feedback:fixed', 'kd:feedback:broken']);
  });

  it('GIVEN a diagnosis embed THEN the steps are numbered fields with their code in code blocks', async () => {
    bot = await startBot();
    const [question] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    const [, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(question!.messageId, 'kd:answer:where:local'),
      2,
    );
    const embed = diagnosis!.message.embeds[0]!;
    expect(embed.description).toContain('The environment variable holding the key is unset');
    expect(embed.fields!.map((f) => f.name)).toEqual([
      '1. Print the variable before the request.',
      '2. Send it as `Authorization: Bearer <key>`.',
    ]);
    expect(embed.fields![0]!.value).toBe('```bash\necho "$API_KEY"\n```');
  });

  it('GIVEN a component of another app THEN the bot leaves the interaction alone', async () => {
    const stub = stubService({ reply: questionWith(2), credentials: [] });
    bot = await startBot({ service: stub.service });
    const [question] = await bot.expectReplies(() => bot.fake.userSays('401', { mention: true }));
    bot.fake.click(question!.messageId, 'other-app:button');
    await bot.expectReplies(() => bot.fake.userSays('again', { mention: true }));
    expect(bot.fake.callsTo('POST', /^\/interactions\//)).toHaveLength(0);
  });
});
