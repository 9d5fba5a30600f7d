/**
 * Every piece of cross-message state lives behind this one interface, in the spirit of Vercel Chat
 * SDK's `StateAdapter`: values with a TTL, set-if-absent (dedupe), locks with an owner token, windowed
 * counters (rate limits) and a due-time queue (the outbox of replies not yet posted). Implementations:
 * memory (tests, the console), SQLite (the embedded default) and Redis (several processes).
 * Values are strings; callers serialise (and redact) before they store.
 *
 * Ordering: a store applies the operations one process starts in the order they were started, even
 * when the caller does not wait for one before starting the next (Redis runs one connection's
 * commands in order; SQLite and memory run each call to its end when it is made). The service uses
 * this to send a read right behind a lock, and an outbox removal right before a release, in one
 * round trip.
 */

/** A held lock: only the holder of `token` may extend or release it. */
export interface Lock {
  key: string;
  token: string;
}

/** An entry of a queue: `value` becomes due at `dueAt` (ms since epoch). */
export interface QueueItem {
  id: string;
  value: string;
  dueAt: number;
}

/** A counter's state after counting one more hit. */
export interface WindowCount {
  /** hits in the current window, this one included */
  count: number;
  /** ms until the window ends and the count starts again */
  resetInMs: number;
}

export interface StateStore {
  /** 'memory' | 'sqlite' | 'redis', for logs and /healthz */
  readonly kind: string;
  get(key: string): Promise<string | undefined>;
  /** Saves `value`; it expires `ttlMs` from now unless saved again. */
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Saves `value` only when `key` holds nothing; true when this call saved it (first delivery). */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  delete(key: string): Promise<void>;

  /** Takes the lock on `key` for `ttlMs`, or undefined when someone else holds it. */
  acquireLock(key: string, ttlMs: number): Promise<Lock | undefined>;
  /** Pushes the lock's expiry to `ttlMs` from now; false when it is no longer ours. */
  extendLock(lock: Lock, ttlMs: number): Promise<boolean>;
  /** Releases the lock if it is still ours. */
  releaseLock(lock: Lock): Promise<void>;
  /** `set`, but only while `lock` is still held by us (a turn that lost its lock saves nothing). */
  setIfLockHeld(lock: Lock, key: string, value: string, ttlMs: number): Promise<boolean>;

  /** Counts one hit in a fixed window of `windowMs` that starts at the first hit. */
  increment(key: string, windowMs: number): Promise<WindowCount>;

  /** Adds (or replaces, by id) an item of `queue`. */
  enqueue(queue: string, item: QueueItem): Promise<void>;
  /**
   * Claims up to `limit` items due by `now`: they are returned and their due time moves to
   * `now + leaseMs`, so another process does not take them too; a claimer that dies lets the lease
   * run out and the item is claimed again.
   */
  claimDue(queue: string, now: number, limit: number, leaseMs: number): Promise<QueueItem[]>;
  /** Removes an item (it was handled). */
  dequeue(queue: string, id: string): Promise<void>;

  /** Deletes expired entries (stores without native expiry); returns how many. */
  sweepExpired(): Promise<number>;
  close(): Promise<void>;
}

/** Keys the conversation state is saved under; the SQLite store keeps them in their own table. */
export const CONVERSATION_PREFIX = 'conversation:';

/** A fresh lock token: unique per acquisition. */
export function lockToken(): string {
  return crypto.randomUUID();
}
