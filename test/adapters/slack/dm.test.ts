import { afterEach, describe, expect, it } from 'vitest';
import { infoReply, scriptedService } from '../../fakes/slack/scripted-service.ts';
import { DM_CHANNEL_ID, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

describe('Slack direct messages', () => {
  it('GIVEN a direct message without a mention THEN the bot answers in the DM, not in a thread', async () => {
    bed = await startSlackBed();
    await bed.dm('getting 401 from the API');
    const [reply] = bed.visible();
    expect(reply?.channel).toBe(DM_CHANNEL_ID);
    expect(reply?.thread_ts).toBeUndefined();
  });

  it('GIVEN several direct messages THEN they are one conversation keyed by the DM channel', async () => {
    const service = scriptedService(() => ({ reply: infoReply('ok', 'ok'), credentials: [] }));
    bed = await startSlackBed({ service });
    await bed.dm('getting 401');
    await bed.dm('it runs locally');
    expect(service.received.map((i) => i.key.thread)).toEqual([DM_CHANNEL_ID, DM_CHANNEL_ID]);
  });

  it('GIVEN a question in a DM THEN clicking an answer continues the DM conversation', async () => {
    bed = await startSlackBed();
    await bed.dm('getting 401 from the API');
    await bed.click('answer:where:local');
    const last = bed.visible().at(-1);
    expect(last?.channel).toBe(DM_CHANNEL_ID);
    expect(JSON.stringify(last?.blocks)).toContain('feedback:fixed');
  });
});
