import { MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { DEFAULT_BOT_PERMISSIONS, IDS } from '../../fakes/discord/fixtures.ts';
import { type Bot, componentsOf, startBot, textOf } from './bot-harness.ts';
import { recording } from './stub-service.ts';
import { serviceFromHandler } from '../../fakes/service-from-handler.ts';

function recordedBot() {
  const engine = createFakeEngine();
  return recording(
    createConversationService({ engine: () => engine, store: new MemoryStateStore(), ttlMs: 60_000 }),
  );
}

describe('Discord /diagnose and "Diagnose this message"', () => {
  let bot: Bot;
  afterEach(async () => {
    await bot.close();
  });

  it('GIVEN /diagnose THEN the bot defers first and then edits the original reply with the answer', async () => {
    bot = await startBot();
    const interaction = bot.fake.slash([{ name: 'symptom', value: 'getting 401 from the API' }]);
    const [reply] = await bot.settle(0);
    const callbacks = bot.fake.callsTo('POST', new RegExp(`^/interactions/${interaction.id}/`));
    expect(callbacks.map((c) => (c.body as { type: number }).type)).toEqual([5]);
    const edits = bot.fake.calls.filter(
      (c) => c.method === 'PATCH' && c.rawPath.endsWith('/messages/%40original'),
    );
    expect(edits).toHaveLength(1);
    expect(bot.fake.calls.indexOf(callbacks[0]!)).toBeLessThan(bot.fake.calls.indexOf(edits[0]!));
    expect(textOf(reply!)).toContain('Where does the failing code run?');
  });

  it('GIVEN /diagnose with status, provider and where THEN the engine reads them as part of the symptom', async () => {
    const rec = recordedBot();
    bot = await startBot({ service: rec.service });
    bot.fake.slash([
      { name: 'symptom', value: 'the key is refused' },
      { name: 'status', value: '403' },
      { name: 'provider', value: 'openai' },
      { name: 'where', value: 'docker' },
    ]);
    await bot.settle(0);
    const input = rec.received[0]!.input;
    expect(input.type === 'message' && input.text).toBe(
      'the key is refused\nHTTP 403 Forbidden; provider: OpenAI; it runs in Docker',
    );
  });

  it('GIVEN /diagnose in a text channel THEN a thread is opened from the reply and typed follow-ups there continue it', async () => {
    bot = await startBot({ messageContentIntent: true });
    bot.fake.slash([{ name: 'symptom', value: 'getting 401 from the API' }]);
    const [reply] = await bot.settle(0);
    expect(
      bot.fake.callsTo('POST', new RegExp(`^/channels/${IDS.text}/messages/${reply!.messageId}/threads$`)),
    ).toHaveLength(1);
    const [diagnosis] = await bot.expectReplies(() =>
      bot.fake.userSays('1', { channelId: reply!.messageId }),
    );
    expect(diagnosis!.channelId).toBe(reply!.messageId);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not reaching your code');
  });

  it('GIVEN /diagnose opens a thread THEN the user who ran it is added to the thread', async () => {
    bot = await startBot();
    bot.fake.slash([{ name: 'symptom', value: 'getting 401 from the API' }]);
    const [reply] = await bot.settle(0);
    expect(bot.fake.threadMembers.get(reply!.messageId)).toEqual(new Set([IDS.user]));
  });

  it('GIVEN the /diagnose reply WHEN its button is clicked THEN the diagnosis is posted in the thread opened from it', async () => {
    bot = await startBot();
    bot.fake.slash([{ name: 'symptom', value: 'getting 401 from the API' }]);
    const [reply] = await bot.settle(0);
    const [, diagnosis] = await bot.expectReplies(
      () => bot.fake.click(reply!.messageId, 'kd:answer:where:deployed'),
      2,
    );
    expect(diagnosis!.channelId).toBe(reply!.messageId);
    expect(diagnosis!.message.embeds[0]!.title).toBe('The key is not set where the code runs');
  });

  it('GIVEN /diagnose without thread permissions THEN the reply is edited in place and no thread is attempted', async () => {
    bot = await startBot();
    bot.fake.slash(
      [{ name: 'symptom', value: 'getting 401 from the API' }],
      IDS.text,
      DEFAULT_BOT_PERMISSIONS & ~PermissionFlagsBits.CreatePublicThreads,
    );
    const [reply] = await bot.settle(0);
    expect(bot.fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
    expect(componentsOf(reply!).length).toBeGreaterThan(0);
  });

  it('GIVEN /diagnose with only spaces THEN the help is ephemeral and nothing is diagnosed', async () => {
    const rec = recordedBot();
    bot = await startBot({ service: rec.service });
    bot.fake.slash([{ name: 'symptom', value: '   ' }]);
    const [help] = await bot.settle(0);
    expect(help!.message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(textOf(help!)).toContain('/diagnose');
    expect(rec.received).toHaveLength(0);
  });

  it('GIVEN "Diagnose this message" on an error paste THEN the target text is diagnosed in a deferred reply', async () => {
    const rec = recordedBot();
    bot = await startBot({ service: rec.service });
    const paste = bot.fake.userSays('Error: 401 {"error": "invalid_api_key"}');
    const interaction = bot.fake.contextMenu(paste.id);
    const [reply] = await bot.settle(0);
    expect(
      bot.fake
        .callsTo('POST', new RegExp(`^/interactions/${interaction.id}/`))
        .map((c) => (c.body as { type: number }).type),
    ).toEqual([5]);
    const input = rec.received[0]!.input;
    expect(input.type === 'message' && input.text).toBe('Error: 401 {"error": "invalid_api_key"}');
    expect(textOf(reply!)).toContain('Where does the failing code run?');
  });

  it('GIVEN "Diagnose this message" on a message without text THEN an ephemeral note says so', async () => {
    bot = await startBot();
    const paste = bot.fake.userSays('   ');
    bot.fake.contextMenu(paste.id);
    const [note] = await bot.settle(0);
    expect(note!.message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(textOf(note!)).toContain('no text');
  });

  it('GIVEN /diagnose and the service fails THEN the public reply is removed and an ephemeral apology follows', async () => {
    bot = await startBot({
      service: serviceFromHandler(() => Promise.reject(new Error('store unavailable'))),
    });
    bot.fake.slash([{ name: 'symptom', value: 'getting 401' }]);
    const [apology] = await bot.settle(0);
    expect(apology!.message.flags! & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(textOf(apology!)).toMatch(/Sorry/);
    expect(textOf(apology!)).not.toMatch(/store unavailable|Error:/);
    expect(
      bot.fake.calls.some((c) => c.method === 'DELETE' && c.rawPath.endsWith('/messages/%40original')),
    ).toBe(true);
  });

  it('GIVEN /diagnose inside a thread THEN no new thread is opened and the conversation is keyed by that thread', async () => {
    const rec = recordedBot();
    bot = await startBot({ service: rec.service });
    const [first] = await bot.expectReplies(() => bot.fake.userSays('getting 401', { mention: true }));
    const thread = first!.channelId;
    bot.fake.slash([{ name: 'symptom', value: 'still 401' }], thread);
    await bot.settle(1);
    expect(bot.fake.callsTo('POST', /\/threads$/)).toHaveLength(1);
    expect(rec.received[1]!.key).toEqual({
      platform: 'discord',
      workspace: IDS.guild,
      channel: IDS.text,
      thread,
    });
  });
});
