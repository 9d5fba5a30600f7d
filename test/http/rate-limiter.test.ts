import { describe, expect, it } from 'vitest';
import { RATE_WINDOW_MS, SlidingWindowRateLimiter } from '../../src/http/rate-limiter.ts';

const T0 = 1_000_000;

describe('SlidingWindowRateLimiter', () => {
  it('accepts up to the limit within one window and refuses the next', () => {
    const limiter = new SlidingWindowRateLimiter(3);
    expect([1, 2, 3, 4].map((i) => limiter.tryAcquire('u', T0 + i))).toEqual([true, true, true, false]);
  });

  it('accepts again once the oldest call slides out of the window', () => {
    const limiter = new SlidingWindowRateLimiter(2);
    limiter.tryAcquire('u', T0);
    limiter.tryAcquire('u', T0 + 10_000);
    expect(limiter.tryAcquire('u', T0 + RATE_WINDOW_MS - 1)).toBe(false);
    expect(limiter.tryAcquire('u', T0 + RATE_WINDOW_MS)).toBe(true);
    expect(limiter.tryAcquire('u', T0 + RATE_WINDOW_MS + 1)).toBe(false);
  });

  it('counts each user separately', () => {
    const limiter = new SlidingWindowRateLimiter(1);
    expect(limiter.tryAcquire('alice', T0)).toBe(true);
    expect(limiter.tryAcquire('bob', T0)).toBe(true);
    expect(limiter.tryAcquire('alice', T0)).toBe(false);
  });

  it('does not count refused calls against the user', () => {
    const limiter = new SlidingWindowRateLimiter(1);
    limiter.tryAcquire('u', T0);
    for (let i = 1; i < 50; i++) limiter.tryAcquire('u', T0 + i * 1000);
    expect(limiter.tryAcquire('u', T0 + RATE_WINDOW_MS)).toBe(true);
  });

  it('says how long until the user may send again', () => {
    const limiter = new SlidingWindowRateLimiter(1);
    limiter.tryAcquire('u', T0);
    expect(limiter.retryAfterMs('u', T0 + 15_000)).toBe(45_000);
    expect(limiter.retryAfterMs('someone-else', T0)).toBe(0);
  });

  it('accepts everything when the limit is 0', () => {
    const limiter = new SlidingWindowRateLimiter(0);
    expect(Array.from({ length: 100 }, () => limiter.tryAcquire('u', T0)).every(Boolean)).toBe(true);
  });
});
