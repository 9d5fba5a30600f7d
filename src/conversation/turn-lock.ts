/**
 * The conversation lock a turn holds: taken before the state is loaded, extended while the turn
 * runs (a slow platform call must not let another process start the same conversation), released
 * at the end. A process that dies holding it blocks that one conversation for one TTL at most.
 */
import type { Lock, StateStore } from '../state/state-store.ts';

/** How long a lock lives without being extended. */
export const DEFAULT_LOCK_TTL_MS = 15_000;
/** First wait between attempts to take a busy lock; it doubles up to MAX_LOCK_POLL_MS. */
const FIRST_LOCK_POLL_MS = 5;
const MAX_LOCK_POLL_MS = 100;

export class LockTimeoutError extends Error {
  constructor(key: string) {
    super(`the conversation lock ${key} stayed busy`);
    this.name = 'LockTimeoutError';
  }
}

export interface HeldLock {
  lock: Lock;
  /** true when the lock was free at the first attempt (a read sent right behind it saw the latest state) */
  firstTry: boolean;
  /** true once an extension failed: someone else may hold the conversation now */
  lost(): boolean;
  /** stops extending and releases the lock if it is still ours */
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Takes the lock on `key`, waiting for a busy one, and keeps extending it every third of its TTL. */
export interface HoldOptions {
  /** how long the lock lives without being extended */
  ttlMs: number;
  /** how long to wait for a busy lock (long enough to outlast a dead holder's TTL) */
  waitMs: number;
  /** runs on each extension (the outbox entry of the answer being posted is kept leased with it) */
  onExtend?: () => Promise<void>;
  /** a shutdown: stop waiting for a busy lock (the message is answered politely instead) */
  signal?: AbortSignal;
  /** the first attempt, when the caller already started it (to send a read right behind it) */
  firstAttempt?: Promise<Lock | undefined>;
}

export async function holdLock(store: StateStore, key: string, options: HoldOptions): Promise<HeldLock> {
  const { ttlMs, waitMs, onExtend, signal, firstAttempt } = options;
  const deadline = Date.now() + waitMs;
  let poll = FIRST_LOCK_POLL_MS;
  let attempts = 1;
  let lock = await (firstAttempt ?? store.acquireLock(key, ttlMs));
  while (!lock) {
    if (Date.now() > deadline || signal?.aborted) throw new LockTimeoutError(key);
    await sleep(poll + Math.random() * poll);
    poll = Math.min(poll * 2, MAX_LOCK_POLL_MS);
    lock = await store.acquireLock(key, ttlMs);
    attempts++;
  }
  const held = lock;
  const firstTry = attempts === 1;
  let lost = false;
  const timer = setInterval(
    () => {
      store
        .extendLock(held, ttlMs)
        .then(async (ok) => {
          if (!ok) lost = true;
          else await onExtend?.();
        })
        .catch(() => {
          // a store that cannot be reached cannot vouch for the lock either
          lost = true;
        });
    },
    Math.max(1, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return {
    lock: held,
    firstTry,
    lost: () => lost,
    async release() {
      clearInterval(timer);
      await store.releaseLock(held).catch(() => undefined);
    },
  };
}
