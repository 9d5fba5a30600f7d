/** The window the HTTP API's per-client limit counts requests in. */
export const RATE_WINDOW_MS = 60_000;
/** Past this many tracked users, idle ones are dropped so memory stays bounded. */
const PRUNE_AT_USERS = 10_000;

/**
 * A sliding-window limit per key: at most `limit` accepted calls in any `windowMs`. Time is passed
 * in so tests need no timers. A limit of 0 accepts everything.
 */
export class SlidingWindowRateLimiter {
  readonly #limit: number;
  readonly #windowMs: number;
  readonly #hits = new Map<string, number[]>();

  constructor(limit: number, windowMs: number = RATE_WINDOW_MS) {
    this.#limit = limit;
    this.#windowMs = windowMs;
  }

  /** Counts a call for `key` and returns true, or returns false (not counted) when over the limit. */
  tryAcquire(key: string, now: number): boolean {
    if (this.#limit <= 0) return true;
    const recent = this.#recent(key, now);
    if (recent.length >= this.#limit) return false;
    recent.push(now);
    this.#hits.set(key, recent);
    if (this.#hits.size > PRUNE_AT_USERS) this.#prune(now);
    return true;
  }

  /** ms until `key` may send again (0 when it may now). */
  retryAfterMs(key: string, now: number): number {
    const recent = this.#recent(key, now);
    if (this.#limit <= 0 || recent.length < this.#limit) return 0;
    return recent[recent.length - this.#limit]! + this.#windowMs - now;
  }

  #recent(key: string, now: number): number[] {
    return (this.#hits.get(key) ?? []).filter((t) => t > now - this.#windowMs);
  }

  #prune(now: number): void {
    for (const [key, hits] of this.#hits) {
      if (!hits.some((t) => t > now - this.#windowMs)) this.#hits.delete(key);
    }
  }
}
