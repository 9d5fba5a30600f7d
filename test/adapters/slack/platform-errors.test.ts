import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createFakeEngine } from '../../contract/fake-engine.ts';
import { visibleText } from '../../fakes/slack/flatten.ts';
import { ATTEMPTS_PER_CALL, type SlackTestBed, startSlackBed } from '../../fakes/slack/slack-test-bed.ts';

let bed: SlackTestBed | undefined;
afterEach(async () => {
  await bed?.close();
  bed = undefined;
});

/** A pino logger whose lines land in `lines`. */
function capturingLogger() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const posts = (bed: SlackTestBed) => bed.fake.calls.filter((c) => c.method === 'chat.postMessage');

describe('Slack platform errors', () => {
  it('GIVEN Slack answers 429 with Retry-After THEN the reply is posted once Slack accepts again', async () => {
    bed = await startSlackBed();
    bed.fake.failNext(1, { status: 429, retryAfterSec: 1 }, 'chat.postMessage');
    await bed.mention('getting 401 from the API');
    expect(posts(bed).map((c) => c.outcome)).toEqual(['http_429', 'ok']);
    expect(bed.visible()).toHaveLength(1);
    expect(bed.platformErrors).toContain('rate_limited');
  });

  it('GIVEN one 500 from Slack THEN the call is retried and the user gets the reply', async () => {
    bed = await startSlackBed();
    bed.fake.failNext(1, { status: 500 }, 'chat.postMessage');
    await bed.mention('getting 401 from the API');
    expect(posts(bed).map((c) => c.outcome)).toEqual(['http_500', 'ok']);
    expect(bed.visible()).toHaveLength(1);
  });

  it('GIVEN Slack keeps answering 500 THEN the failure is logged and reported and the bot keeps working', async () => {
    const { logger, lines } = capturingLogger();
    bed = await startSlackBed({ logger });
    bed.fake.failNext(ATTEMPTS_PER_CALL, { status: 500 }, 'chat.postMessage');
    await bed.mention('getting 401 from the API');
    expect(bed.visible()).toHaveLength(0);
    expect(bed.platformErrors).toContain('http_500');
    expect(lines.some((l) => l.includes('"code":"http_500"'))).toBe(true);
    expect(bed.adapter.isReady()).toBe(true);
    await bed.mention('getting 401 again');
    expect(bed.visible()).toHaveLength(1);
  });

  it('GIVEN Slack is down longer than the retries THEN the answer is posted later, once Slack is back', async () => {
    bed = await startSlackBed({ retryDelaysMs: [20, 20] });
    bed.fake.failNext(ATTEMPTS_PER_CALL + 1, { status: 503 }, 'chat.postMessage');
    const { ts } = await bed.mention('getting 401 from the API');
    const posted = await bed.fake.waitFor(
      (c) => c.method === 'chat.postMessage' && c.outcome === 'ok',
      'the delayed answer',
    );
    expect(posted.body.thread_ts).toBe(ts);
    expect(bed.visible()).toHaveLength(1);
  });

  it('GIVEN the engine fails THEN the user gets a friendly message with no stack trace', async () => {
    bed = await startSlackBed({ engine: createFakeEngine({ failOn: 'explode' }) });
    await bed.mention('please explode');
    const [apology] = bed.visible();
    expect(visibleText(apology!)).toMatch(/something went wrong/i);
    expect(visibleText(apology!)).not.toMatch(/Error:|\bat .+:\d+/);
  });

  it('GIVEN the engine failed once THEN the next message in the thread is answered normally', async () => {
    bed = await startSlackBed({ engine: createFakeEngine({ failOn: 'explode' }) });
    const { ts } = await bed.mention('please explode');
    await bed.reply(ts, 'getting 401 from the API');
    expect(bed.visible().at(-1)?.blocks).toBeDefined();
  });
});
