/**
 * The embedded default state store: one SQLite file under DATA_DIR, so a restart or deploy between
 * the bot's question and the user's answer loses nothing. Conversation state keeps its own table
 * (files written by earlier versions keep working); everything else lives in `kv` and `queue_items`.
 * One process at a time owns the file: several processes share a Redis store instead.
 */
import { lockKey } from './memory-state.ts';
import { openDatabase, type SqliteDatabase } from './sqlite-db.ts';
import {
  CONVERSATION_PREFIX,
  type Lock,
  lockToken,
  type QueueItem,
  type StateStore,
  type WindowCount,
} from './state-store.ts';

/** How often expired entries are deleted. */
export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60_000;

export interface SqliteStateOptions {
  /** the SQLite file (its directory is created) */
  file: string;
  /** 0 turns the periodic sweep off (tests call sweepExpired themselves) */
  sweepIntervalMs?: number;
  clock?: () => number;
  /** told about sweep failures; a failed sweep is retried at the next interval */
  onSweepError?: (error: unknown) => void;
}

type Row = { value: string; expires_at: number };

/** The statements of one table that holds values with an expiry. */
function valueTable(db: SqliteDatabase, table: 'kv' | 'conversations', column: 'value' | 'state') {
  const updated = table === 'conversations' ? ', updated_at' : '';
  const updatedValue = table === 'conversations' ? ', @now' : '';
  const updatedSet = table === 'conversations' ? ', updated_at = excluded.updated_at' : '';
  return {
    select: db.prepare<[string], Row>(`SELECT ${column} AS value, expires_at FROM ${table} WHERE key = ?`),
    upsert: db.prepare<{ key: string; value: string; expiresAt: number; now: number }>(
      `INSERT INTO ${table} (key, ${column}, expires_at${updated}) VALUES (@key, @value, @expiresAt${updatedValue})
       ON CONFLICT (key) DO UPDATE SET ${column} = excluded.${column}, expires_at = excluded.expires_at${updatedSet}`,
    ),
    remove: db.prepare<[string]>(`DELETE FROM ${table} WHERE key = ?`),
    sweep: db.prepare<[number]>(`DELETE FROM ${table} WHERE expires_at <= ?`),
  };
}

export class SqliteStateStore implements StateStore {
  readonly kind = 'sqlite';
  readonly #db: SqliteDatabase;
  readonly #clock: () => number;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #kv;
  readonly #conversations;
  readonly #enqueue;
  readonly #due;
  readonly #lease;
  readonly #dequeue;
  /**
   * The transactions, compiled once: better-sqlite3 builds four wrapper functions for every
   * `transaction()` call, which cost more than the statements of a lock check.
   */
  readonly #setIfAbsentTx: (key: string, value: string, ttlMs: number) => boolean;
  readonly #whileHeldTx: (lock: Lock, action: () => void) => boolean;
  readonly #incrementTx: (key: string, windowMs: number) => WindowCount;
  readonly #claimDueTx: (queue: string, now: number, limit: number, leaseMs: number) => QueueItem[];

  constructor(options: SqliteStateOptions) {
    this.#db = openDatabase(options.file);
    this.#clock = options.clock ?? Date.now;
    this.#kv = valueTable(this.#db, 'kv', 'value');
    this.#conversations = valueTable(this.#db, 'conversations', 'state');
    this.#enqueue = this.#db.prepare<[string, string, string, number]>(
      `INSERT INTO queue_items (queue, id, value, due_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (queue, id) DO UPDATE SET value = excluded.value, due_at = excluded.due_at`,
    );
    this.#due = this.#db.prepare<[string, number, number], { id: string; value: string; due_at: number }>(
      'SELECT id, value, due_at FROM queue_items WHERE queue = ? AND due_at <= ? ORDER BY due_at LIMIT ?',
    );
    this.#lease = this.#db.prepare<[number, string, string]>(
      'UPDATE queue_items SET due_at = ? WHERE queue = ? AND id = ?',
    );
    this.#dequeue = this.#db.prepare<[string, string]>('DELETE FROM queue_items WHERE queue = ? AND id = ?');
    this.#setIfAbsentTx = this.#db.transaction((key: string, value: string, ttlMs: number) => {
      if (this.#read(key) !== undefined) return false;
      this.#write(key, value, ttlMs);
      return true;
    }).immediate;
    this.#whileHeldTx = this.#db.transaction((lock: Lock, action: () => void) => {
      if (this.#read(lockKey(lock.key)) !== lock.token) return false;
      action();
      return true;
    }).immediate;
    this.#incrementTx = this.#db.transaction((key: string, windowMs: number): WindowCount => {
      const now = this.#clock();
      const row = this.#kv.select.get(key);
      const live = row && row.expires_at > now ? row : undefined;
      const count = live ? Number(live.value) + 1 : 1;
      const expiresAt = live ? live.expires_at : now + windowMs;
      this.#kv.upsert.run({ key, value: String(count), expiresAt, now });
      return { count, resetInMs: expiresAt - now };
    }).immediate;
    this.#claimDueTx = this.#db.transaction(
      (queue: string, now: number, limit: number, leaseMs: number): QueueItem[] => {
        const rows = this.#due.all(queue, now, limit);
        for (const row of rows) this.#lease.run(now + leaseMs, queue, row.id);
        return rows.map((row) => ({ id: row.id, value: row.value, dueAt: now + leaseMs }));
      },
    ).immediate;

    const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval > 0) {
      this.#timer = setInterval(() => {
        this.sweepExpired().catch((error: unknown) => options.onSweepError?.(error));
      }, interval);
      // The sweep must never keep a finished process alive.
      this.#timer.unref();
    }
  }

  /** Conversation keys go to their own table, under the key earlier versions used. */
  #table(key: string) {
    return key.startsWith(CONVERSATION_PREFIX)
      ? { t: this.#conversations, k: key.slice(CONVERSATION_PREFIX.length) }
      : { t: this.#kv, k: key };
  }

  #read(key: string): string | undefined {
    const { t, k } = this.#table(key);
    const row = t.select.get(k);
    return row && row.expires_at > this.#clock() ? row.value : undefined;
  }

  #write(key: string, value: string, ttlMs: number): void {
    const { t, k } = this.#table(key);
    const now = this.#clock();
    t.upsert.run({ key: k, value, expiresAt: now + ttlMs, now });
  }

  async get(key: string): Promise<string | undefined> {
    return this.#read(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.#write(key, value, ttlMs);
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.#setIfAbsentTx(key, value, ttlMs);
  }

  async delete(key: string): Promise<void> {
    const { t, k } = this.#table(key);
    t.remove.run(k);
  }

  async acquireLock(key: string, ttlMs: number): Promise<Lock | undefined> {
    const token = lockToken();
    return (await this.setIfAbsent(lockKey(key), token, ttlMs)) ? { key, token } : undefined;
  }

  async extendLock(lock: Lock, ttlMs: number): Promise<boolean> {
    return this.#whileHeld(lock, () => this.#write(lockKey(lock.key), lock.token, ttlMs));
  }

  async releaseLock(lock: Lock): Promise<void> {
    this.#whileHeld(lock, () => this.#kv.remove.run(lockKey(lock.key)));
  }

  async setIfLockHeld(lock: Lock, key: string, value: string, ttlMs: number): Promise<boolean> {
    return this.#whileHeld(lock, () => this.#write(key, value, ttlMs));
  }

  #whileHeld(lock: Lock, action: () => void): boolean {
    return this.#whileHeldTx(lock, action);
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    return this.#incrementTx(key, windowMs);
  }

  async enqueue(queue: string, item: QueueItem): Promise<void> {
    this.#enqueue.run(queue, item.id, item.value, item.dueAt);
  }

  async claimDue(queue: string, now: number, limit: number, leaseMs: number): Promise<QueueItem[]> {
    return this.#claimDueTx(queue, now, limit, leaseMs);
  }

  async dequeue(queue: string, id: string): Promise<void> {
    this.#dequeue.run(queue, id);
  }

  async sweepExpired(): Promise<number> {
    const now = this.#clock();
    return this.#kv.sweep.run(now).changes + this.#conversations.sweep.run(now).changes;
  }

  /** Stops the sweep, checkpoints the WAL into the main file and closes it. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    if (!this.#db.open) return;
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      // a full disk refuses the checkpoint; the WAL is replayed at the next open, so close anyway
      this.#db.close();
    }
  }
}
