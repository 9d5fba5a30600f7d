import { afterEach, describe, expect, it } from 'vitest';
import { USER_ID } from '../../fakes/slack/fixtures.ts';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { infoReply, scriptedService } from '../../fakes/slack/scripted-service.ts';
import { type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

/** Built at run time: no scanner-shaped key sits in the repo. */
function fakeLiveKey(): string {
  return `${'sk-'}${'proj-'}FAKE${'x'.repeat(20)}Q7mZ${'y'.repeat(20)}`;
}

describe('Slack: a pasted credential', () => {
  it('GIVEN a key pasted in a mention THEN no request the bot makes contains it', async () => {
    bed = await startSlackBed();
    const key = fakeLiveKey();
    const { ts } = await bed.mention(`my key ${key} gives 401`);
    await bed.reply(ts, `also tried Authorization: Bearer ${key}`);
    expect(bed.fake.calls.length).toBeGreaterThan(2);
    expect(bed.fake.rawOutbound()).not.toContain(key);
    expect(bed.fake.rawOutbound()).not.toContain(key.slice(8, -8));
  });

  it('GIVEN a key pasted in a thread THEN only the user sees a warning in that thread to rotate it', async () => {
    bed = await startSlackBed();
    const { ts } = await bed.mention(`my key ${fakeLiveKey()} gives 401`);
    const [warning] = bed.ephemerals();
    expect(warning?.visibleTo).toBe(USER_ID);
    expect(warning?.thread_ts).toBe(ts);
    expect(visibleText(warning!)).toMatch(/rotate it now/);
  });

  it('GIVEN a credential fingerprint THEN the warning names it by its redacted label only', async () => {
    const label = '[stripe live secret key …9f3a]';
    const service = scriptedService(() => ({
      reply: infoReply('A live key', 'Rotate it.'),
      credentials: [{ provider: 'stripe', kind: 'live secret key', last4: '9f3a', live: true, label }],
    }));
    bed = await startSlackBed({ service });
    await bed.mention('here is my key');
    expect(bed.ephemerals()[0]?.text).toContain(label);
  });

  it('GIVEN a key pasted in /keydoctor THEN it is not posted anywhere and the user is warned privately', async () => {
    bed = await startSlackBed();
    const key = fakeLiveKey();
    await bed.slash(`Authorization: ${key} returns 401`);
    expect(bed.fake.rawOutbound()).not.toContain(key);
    expect(bed.ephemerals().some((m) => /rotate/.test(m.text))).toBe(true);
  });

  it('GIVEN no credential THEN no private warning is sent', async () => {
    bed = await startSlackBed();
    await bed.mention('getting 401 from the API');
    expect(bed.ephemerals()).toHaveLength(0);
  });
});
