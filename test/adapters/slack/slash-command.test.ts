import { afterEach, describe, expect, it } from 'vitest';
import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { slashCommand } from '../../fakes/slack/fixtures.ts';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { gatedService, infoReply, scriptedService } from '../../fakes/slack/scripted-service.ts';
import { postCommand } from '../../fakes/slack/signed-requests.ts';
import {
  buttonsOf,
  CHANNEL_ID,
  DM_CHANNEL_ID,
  SIGNING_SECRET,
  type SlackTestBed,
  startSlackBed,
} from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

function fakeService() {
  return createConversationService({
    engine: () => createFakeEngine(),
    store: new MemoryStateStore(),
    ttlMs: 60_000,
  });
}

describe('Slack /keydoctor', () => {
  it('GIVEN /keydoctor with a symptom THEN Slack gets its ack before the diagnosis is posted', async () => {
    const gate = gatedService(fakeService());
    bed = await startSlackBed({ service: gate });
    const command = slashCommand('getting 401 from the API', bed.fake.responseUrl('command'));
    const fields = Object.fromEntries(Object.entries(command).map(([k, v]) => [k, String(v)]));
    const ack = await postCommand(bed.adapter.eventsUrl()!, SIGNING_SECRET, fields);
    expect(ack.status).toBe(200);
    await gate.waiting();
    // acknowledged while the diagnosis is still being worked out: nothing carries it yet
    expect(bed.fake.calls.filter((c) => c.method === 'chat.update')).toHaveLength(0);
    gate.open();
    await bed.adapter.idle();
    expect(bed.fake.calls.filter((c) => c.method === 'chat.update')).toHaveLength(1);
  });

  it('GIVEN /keydoctor with a symptom THEN the diagnosis is a channel message whose thread continues the conversation', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    await bed.slash('getting 401 from the API');
    const [root] = bed.visible();
    expect(root?.channel).toBe(CHANNEL_ID);
    expect(root?.thread_ts).toBeUndefined();
    expect(visibleText(root!)).toContain('Asked by @UFAKEUSER1');
    expect(service.received[0]?.key.thread).toBe(root?.ts);
    await bed.reply(root!.ts, 'it runs in Docker');
    expect(service.received[1]?.key.thread).toBe(root?.ts);
    expect(bed.visible().at(-1)?.thread_ts).toBe(root?.ts);
  });

  it('GIVEN the diagnosis of /keydoctor THEN its buttons continue the conversation in its thread', async () => {
    bed = await startSlackBed();
    await bed.slash('getting 401 from the API');
    const root = bed.visible()[0]!;
    expect(buttonsOf(root).map((b) => b.value)).toContain('answer:where:local');
    await bed.click('answer:where:local');
    const diagnosis = bed.visible().at(-1)!;
    expect(diagnosis.thread_ts).toBe(root.ts);
    expect(buttonsOf(diagnosis).map((b) => b.value)).toEqual(['feedback:fixed', 'feedback:broken']);
  });

  it.each(['', 'help'])(
    'GIVEN "/keydoctor %s" THEN usage is answered privately and says to mention the bot in threads',
    async (text) => {
      const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
      bed = await startSlackBed({ service });
      await bed.slash(text);
      const response = bed.fake.calls.find((c) => c.method === 'response_url');
      expect(response?.body.response_type).toBe('ephemeral');
      expect(String(response?.body.text)).toMatch(/slash commands inside threads/i);
      expect(String(response?.body.text)).toMatch(/mention me/i);
      expect(service.received).toHaveLength(0);
      expect(bed.visible()).toHaveLength(0);
    },
  );

  it('GIVEN /keydoctor in a channel the bot is not in THEN the diagnosis is answered privately with how to invite it', async () => {
    bed = await startSlackBed();
    await bed.slash('getting 401 from the API', { channel: 'CNOTIN0001' });
    const response = bed.fake.calls.find((c) => c.method === 'response_url' && c.outcome === 'ok');
    expect(response?.body.response_type).toBe('ephemeral');
    expect(JSON.stringify(response?.body.blocks)).toContain('/invite');
    expect(JSON.stringify(response?.body.blocks)).not.toContain('"actions"');
    expect(bed.platformErrors).toContain('not_in_channel');
  });

  it("GIVEN /keydoctor in the bot's DM THEN the answer is a DM message and the DM conversation continues it", async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    await bed.slash('getting 401', { channel: DM_CHANNEL_ID });
    await bed.dm('it runs in Docker');
    expect(service.received.map((i) => i.key.thread)).toEqual([DM_CHANNEL_ID, DM_CHANNEL_ID]);
    expect(bed.visible().every((m) => m.channel === DM_CHANNEL_ID && m.thread_ts === undefined)).toBe(true);
  });

  it('GIVEN /keydoctor in a DM between other people THEN the answer comes privately through response_url', async () => {
    bed = await startSlackBed();
    await bed.slash('getting 401 from the API', { channel: 'DNOTIN0001' });
    expect(bed.fake.calls.some((c) => c.method === 'response_url' && c.outcome === 'ok')).toBe(true);
    expect(bed.platformErrors).toContain('channel_not_found');
  });

  it('GIVEN a key in /keydoctor where the bot is not a member THEN the private answer warns to rotate it and never contains it', async () => {
    bed = await startSlackBed();
    const key = `${'sk-'}${'proj-'}FAKE${'x'.repeat(20)}Q7mZ${'y'.repeat(20)}`;
    await bed.slash(`Authorization: ${key} returns 401`, { channel: 'CNOTIN0002' });
    const responses = bed.fake.calls.filter((c) => c.method === 'response_url');
    expect(responses.some((c) => /rotate it now/.test(String(c.body.text)))).toBe(true);
    expect(bed.fake.rawOutbound()).not.toContain(key);
  });
});
