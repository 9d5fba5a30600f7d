import { webApi } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { isTransient, Redelivery } from '../../../src/adapters/slack/redelivery.ts';

const logger = pino({ level: 'silent' });

function http(status: number) {
  return new webApi.WebAPIHTTPError(status, 'fake', {}, '');
}

describe('Redelivery', () => {
  it('GIVEN a step fails transiently THEN later attempts resume at that step, not from the start', async () => {
    const calls: string[] = [];
    let failures = 1;
    let done!: () => void;
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const redelivery = new Redelivery([5, 5], logger);
    const steps = [
      async () => calls.push('first'),
      async () => {
        calls.push('second');
        if (failures-- > 0) throw http(503);
      },
      async () => {
        calls.push('third');
        done();
      },
    ];
    await expect(redelivery.run(steps)).rejects.toThrow();
    await finished;
    expect(calls).toEqual(['first', 'second', 'second', 'third']);
  });

  it('GIVEN a failure Slack will keep refusing THEN it is not tried again', async () => {
    const redelivery = new Redelivery([1], logger);
    let calls = 0;
    const refusal = Object.assign(new Error('channel_not_found'), {
      code: webApi.ErrorCode.PlatformError,
      data: { ok: false, error: 'channel_not_found' },
    });
    await expect(
      redelivery.run([
        async () => {
          calls++;
          throw refusal;
        },
      ]),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toBe(1);
    expect(isTransient(refusal)).toBe(false);
  });

  it('GIVEN 5xx, rate limits and network failures THEN they count as transient', () => {
    expect(isTransient(http(500))).toBe(true);
    expect(isTransient(http(503))).toBe(true);
    expect(isTransient(http(400))).toBe(false);
    expect(isTransient(new Error('A rate limit was exceeded (url: x, retry-after: 1)'))).toBe(true);
  });
});
