import { afterEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/engine/types.ts';
import { scriptedService } from '../../fakes/slack/scripted-service.ts';
import { type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

const HANDOFF: Reply = {
  kind: 'handoff',
  heading: 'Let me get a person',
  blocks: [{ type: 'text', text: 'I ran out of ideas.' }],
  choices: [],
};

function handoffService() {
  return scriptedService(() => ({
    reply: HANDOFF,
    credentials: [],
    handoff: { summary: ['symptom: 401 from <api>', 'rejected: missing-bearer-prefix'] },
  }));
}

describe('Slack hand-off', () => {
  it('GIVEN a hand-off THEN the support group is mentioned in the thread with the summary', async () => {
    bed = await startSlackBed({ service: handoffService(), supportMention: '<!subteam^S0FAKE1>' });
    const { ts } = await bed.mention('nothing worked');
    const handoff = bed.visible().at(-1)!;
    expect(handoff.thread_ts).toBe(ts);
    expect(handoff.text).toContain('<!subteam^S0FAKE1>');
    expect(handoff.text).toContain('rejected: missing-bearer-prefix');
  });

  it('GIVEN a hand-off summary with markup THEN it is escaped', async () => {
    bed = await startSlackBed({ service: handoffService(), supportMention: '<@U0SUPPORT>' });
    await bed.mention('nothing worked');
    expect(bed.visible().at(-1)?.text).toContain('401 from &lt;api&gt;');
  });

  it('GIVEN a hand-off and no support contact configured THEN the user is told to ask their help channel', async () => {
    bed = await startSlackBed({ service: handoffService() });
    await bed.mention('nothing worked');
    expect(bed.visible().at(-1)?.text).toMatch(/help channel/);
  });
});
