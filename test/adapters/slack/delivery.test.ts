/**
 * The delivery path against the loopback fake Slack: a hung call, a long Retry-After in one thread,
 * a user over the rate limit, and a restart while an answer was still owed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { mentionEvent, messageEvent } from '../../fakes/slack/fixtures.ts';
import { DM_CHANNEL_ID, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

const beds: SlackTestBed[] = [];
afterEach(async () => {
  for (const bed of beds.splice(0)) await bed.close();
});
async function bed(options: Parameters<typeof startSlackBed>[0] = {}): Promise<SlackTestBed> {
  const b = await startSlackBed(options);
  beds.push(b);
  return b;
}
const okPost = (thread: string) => (c: { method: string; outcome: string; body: Record<string, unknown> }) =>
  c.method === 'chat.postMessage' && c.outcome === 'ok' && c.body.thread_ts === thread;

describe('Slack delivery', () => {
  it('GIVEN chat.postMessage hangs THEN the call times out and the answer is posted from the outbox', async () => {
    const b = await bed({ callTimeoutMs: 300, retryDelaysMs: [50, 50] });
    // every attempt the Web API client makes within the turn hangs
    b.fake.failNext(3, { status: 'hang' }, 'chat.postMessage');
    const { ts } = await b.mention('getting 401 from the API');
    await b.fake.waitFor(okPost(ts), 'the answer after the hung call');
    expect(b.visible()).toHaveLength(1);
  });

  it('GIVEN a 40 s Retry-After in one thread THEN another thread is answered meanwhile', async () => {
    const b = await bed();
    const { ts: slowTs } = await b.mention('getting 401 from the API');
    b.fake.failNext(
      1,
      { status: 429, retryAfterSec: 40 },
      'chat.postMessage',
      (body) => body.thread_ts === slowTs,
    );
    void b.sendEvent(messageEvent('still 401', { threadTs: slowTs }));
    await b.fake.waitFor((c) => c.outcome === 'http_429', 'the rate-limited call');
    const other = mentionEvent('a 403 in another service');
    void b.sendEvent(other);
    await b.fake.waitFor(okPost(other.ts), 'the answer in the other thread');
    // the throttled thread's answer is still owed: only its first answer is there
    expect(b.visible().filter((m) => m.thread_ts === slowTs)).toHaveLength(1);
  });

  it('GIVEN 60 messages from a user over the limit THEN at most one "one moment" notice is posted', async () => {
    const b = await bed({ rateLimitPerMinute: 2 });
    for (let i = 0; i < 62; i++) await b.dm(`getting 401, attempt ${i}`);
    const notices = b.visible().filter((m) => /One moment/.test(JSON.stringify(m)));
    expect(notices).toHaveLength(1);
    expect(b.visible()).toHaveLength(3);
  });

  it('GIVEN an answer owed when the process stops on a hung call THEN it stops anyway and the next process posts it', async () => {
    const store = new MemoryStateStore();
    const first = await startSlackBed({ store, callTimeoutMs: 120_000 });
    first.fake.failNext(1, { status: 'hang' }, 'chat.postMessage');
    void first.sendEvent(messageEvent('getting 401', { channel: DM_CHANNEL_ID, channelType: 'im' }));
    await first.fake.waitFor((c) => c.outcome === 'http_hang', 'the hung call');
    await first.close(); // resolves although the call never answers
    expect(first.visible()).toHaveLength(0);

    const second = await bed({ store });
    await second.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.outcome === 'ok',
      'the owed answer',
    );
    expect(second.visible()).toHaveLength(1);
    expect(second.visible()[0]?.channel).toBe(DM_CHANNEL_ID);
  });

  it('GIVEN a message longer than the cap THEN the answer says, in Slack words, how much was read', async () => {
    const b = await bed({ maxMessageChars: 200 });
    await b.dm(`getting 401 from the API ${'x'.repeat(500)}`);
    expect(JSON.stringify(b.visible())).toContain('I read its beginning and its end (200 characters in all)');
  });
});
