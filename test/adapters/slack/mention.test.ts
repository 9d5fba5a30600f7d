import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_BOT_USER_ID } from '../../fakes/slack/fake-slack-api.ts';
import { botMessageEvent, mentionEvent, messageEvent, userTs } from '../../fakes/slack/fixtures.ts';
import { infoReply, scriptedService } from '../../fakes/slack/scripted-service.ts';
import { CHANNEL_ID, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe('Slack mentions and threads', () => {
  it('GIVEN a mention in a channel THEN the bot answers in a thread under it with Block Kit', async () => {
    bed = await startSlackBed();
    const { ts } = await bed.mention('getting 401 from the API');
    const [reply] = bed.visible();
    expect(reply?.channel).toBe(CHANNEL_ID);
    expect(reply?.thread_ts).toBe(ts);
    expect(reply?.blocks?.some((b) => (b as { type: string }).type === 'header')).toBe(true);
    expect(reply?.text.length).toBeGreaterThan(0);
  });

  it('GIVEN a mention inside an existing thread THEN the answer goes to that thread', async () => {
    bed = await startSlackBed();
    const root = userTs();
    await bed.mention('getting 401 from the API', { threadTs: root });
    expect(bed.visible().map((m) => m.thread_ts)).toEqual([root]);
  });

  it('GIVEN a mention THEN the engine receives the text without the mention, keyed by team, channel and thread', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention(
      'my &lt;token&gt; gets 401 from <https://api.example.com/v1|api.example.com/v1>',
    );
    expect(service.received[0]?.input).toEqual({
      type: 'message',
      text: 'my <token> gets 401 from api.example.com/v1',
    });
    expect(service.received[0]?.key).toEqual({
      platform: 'slack',
      workspace: 'TFAKE0001',
      channel: CHANNEL_ID,
      thread: ts,
    });
  });

  it('GIVEN a conversation in a thread THEN a reply there without a mention continues it', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    await bed.reply(ts, 'it runs in Docker');
    expect(service.received.map((i) => i.input)).toEqual([
      { type: 'message', text: 'getting 401' },
      { type: 'message', text: 'it runs in Docker' },
    ]);
    expect(service.received[1]?.key.thread).toBe(ts);
    expect(bed.visible().every((m) => m.thread_ts === ts)).toBe(true);
  });

  it('GIVEN a thread the bot is not part of THEN replies there are ignored', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    await bed.reply(userTs(), 'anyone know why I get 401?');
    expect(service.received).toHaveLength(0);
    expect(bed.visible()).toHaveLength(0);
  });

  it('GIVEN a top-level channel message without a mention THEN it is ignored', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    await bed.sendEvent(messageEvent('401 again today'));
    expect(service.received).toHaveLength(0);
  });

  it('GIVEN a thread the store does not know (it forgot it) THEN a reply there is recognised through conversations.replies', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    // a second adapter on a store of its own has never seen this thread
    const fresh = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    const second = await startSlackBed({ service: fresh });
    try {
      second.fake.messages.push(...bed.fake.messages);
      await second.reply(ts, 'still failing');
      expect(second.fake.calls.some((c) => c.method === 'conversations.replies')).toBe(true);
      expect(fresh.received.map((i) => i.input)).toContainEqual({ type: 'message', text: 'still failing' });
    } finally {
      await second.close();
    }
  });

  it('GIVEN a thread the bot answered on another process sharing the store THEN a reply there is answered without asking Slack', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    const second = await startSlackBed({ service });
    try {
      await second.reply(ts, 'still failing');
      expect(second.fake.calls.some((c) => c.method === 'conversations.replies')).toBe(false);
      expect(service.received.map((i) => i.input)).toContainEqual({ type: 'message', text: 'still failing' });
    } finally {
      await second.close();
    }
  });

  it("GIVEN another bot's message in the bot's thread THEN it is ignored", async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    await bed.sendEvent(botMessageEvent('I am a bot saying 401', ts));
    await bed.sendEvent({ ...messageEvent('bot with a user id', { threadTs: ts }), bot_id: 'BOTHER2' });
    expect(service.received).toHaveLength(1);
  });

  it("GIVEN the bot's own message event THEN it is ignored", async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    await bed.sendEvent(messageEvent('my own answer', { threadTs: ts, user: FAKE_BOT_USER_ID }));
    expect(service.received).toHaveLength(1);
  });

  it('GIVEN Slack retries an event with X-Slack-Retry-Num and the same event id THEN it is handled once', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const event = mentionEvent('getting 401');
    await bed.sendEvent(event, { eventId: 'EvRETRIED1' });
    const retry = await bed.sendEvent(event, { eventId: 'EvRETRIED1', retryNum: 1 });
    expect(retry.status).toBe(200);
    expect(service.received).toHaveLength(1);
    expect(bed.visible()).toHaveLength(1);
  });

  it('GIVEN one message delivered as both app_mention and message THEN it is answered once', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    const mention = mentionEvent('and now 403', { threadTs: ts });
    await bed.sendEvent(mention);
    await bed.sendEvent(messageEvent(mention.text, { ts: mention.ts, threadTs: ts }));
    expect(service.received.map((i) => i.input)).toEqual([
      { type: 'message', text: 'getting 401' },
      { type: 'message', text: 'and now 403' },
    ]);
  });

  it('GIVEN a message edit or a join notice in the thread THEN it is ignored', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const { ts } = await bed.mention('getting 401');
    await bed.sendEvent({ ...messageEvent('joined', { threadTs: ts }), subtype: 'channel_join' });
    expect(service.received).toHaveLength(1);
  });

  it('GIVEN an event of an unexpected shape THEN it is acknowledged and ignored, and the bot keeps answering', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    const broken = await bed.sendEvent({ type: 'app_mention', text: 'no channel, no ts' });
    expect(broken.status).toBe(200);
    await bed.mention('getting 401');
    expect(service.received).toHaveLength(1);
  });
});
