/** The in-memory state store: tests and the console. One process only; nothing survives a restart. */
import { type Lock, lockToken, type QueueItem, type StateStore, type WindowCount } from './state-store.ts';

interface Entry {
  value: string;
  expiresAt: number;
}

export class MemoryStateStore implements StateStore {
  readonly kind = 'memory';
  readonly #entries = new Map<string, Entry>();
  readonly #queues = new Map<string, Map<string, QueueItem>>();
  readonly #clock: () => number;

  constructor(options: { clock?: () => number } = {}) {
    this.#clock = options.clock ?? Date.now;
  }

  #live(key: string): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  async get(key: string): Promise<string | undefined> {
    return this.#live(key)?.value;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#entries.set(key, { value, expiresAt: this.#clock() + ttlMs });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async delete(key: string): Promise<void> {
    this.#entries.delete(key);
  }

  async acquireLock(key: string, ttlMs: number): Promise<Lock | undefined> {
    const token = lockToken();
    return (await this.setIfAbsent(lockKey(key), token, ttlMs)) ? { key, token } : undefined;
  }

  async extendLock(lock: Lock, ttlMs: number): Promise<boolean> {
    if (!this.#holds(lock)) return false;
    await this.set(lockKey(lock.key), lock.token, ttlMs);
    return true;
  }

  async releaseLock(lock: Lock): Promise<void> {
    if (this.#holds(lock)) this.#entries.delete(lockKey(lock.key));
  }

  async setIfLockHeld(lock: Lock, key: string, value: string, ttlMs: number): Promise<boolean> {
    if (!this.#holds(lock)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  #holds(lock: Lock): boolean {
    return this.#live(lockKey(lock.key))?.value === lock.token;
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const now = this.#clock();
    const entry = this.#live(key);
    const count = entry ? Number(entry.value) + 1 : 1;
    const expiresAt = entry ? entry.expiresAt : now + windowMs;
    this.#entries.set(key, { value: String(count), expiresAt });
    return { count, resetInMs: expiresAt - now };
  }

  async enqueue(queue: string, item: QueueItem): Promise<void> {
    const items = this.#queues.get(queue) ?? new Map<string, QueueItem>();
    items.set(item.id, { ...item });
    this.#queues.set(queue, items);
  }

  async claimDue(queue: string, now: number, limit: number, leaseMs: number): Promise<QueueItem[]> {
    const due = [...(this.#queues.get(queue)?.values() ?? [])]
      .filter((item) => item.dueAt <= now)
      .sort((a, b) => a.dueAt - b.dueAt)
      .slice(0, limit);
    for (const item of due) item.dueAt = now + leaseMs;
    return due.map((item) => ({ ...item }));
  }

  async dequeue(queue: string, id: string): Promise<void> {
    this.#queues.get(queue)?.delete(id);
  }

  async sweepExpired(): Promise<number> {
    let removed = 0;
    for (const key of [...this.#entries.keys()]) {
      if (this.#entries.has(key) && !this.#live(key)) removed++;
    }
    return removed;
  }

  async close(): Promise<void> {
    this.#entries.clear();
    this.#queues.clear();
  }
}

/** Locks share the value space under their own prefix. */
export function lockKey(key: string): string {
  return `lock:${key}`;
}
