/**
 * The shared state store for several keydoctor processes: Redis through node-redis (`redis`).
 * Expiry is Redis's own (PX); the compare-and-act steps (locks, counters, queue claims) are Lua
 * scripts so they are atomic across processes. Every command has a timeout.
 */
import { createClient } from 'redis';
import { lockKey } from './memory-state.ts';
import { type Lock, lockToken, type QueueItem, type StateStore, type WindowCount } from './state-store.ts';

/**
 * A command that takes longer than this fails (and the turn answers politely) instead of hanging,
 * whether it is still queued or already sent to a Redis that stopped answering. node-redis's own
 * command timeout only covers the wait before the command is written, so the store keeps its own.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 2_000;

export class RedisTimeoutError extends Error {
  constructor(ms: number) {
    super(`Redis did not answer within ${ms} ms`);
    this.name = 'RedisTimeoutError';
  }
}

/** Settles with `work`, or rejects when it has not settled after `ms`. */
function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisTimeoutError(ms)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
const CONNECT_TIMEOUT_MS = 5_000;
/** Reconnect waits grow to this at most. */
const MAX_RECONNECT_DELAY_MS = 2_000;

export interface RedisStateOptions {
  /** redis://host:port/db */
  url: string;
  /** prefixed to every key, so several deployments can share one Redis */
  prefix?: string;
  /** how long one command may take (tests shorten it) */
  commandTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

const EXTEND = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const SET_IF_HELD = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3]) return 1 else return 0 end`;
const INCREMENT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) ttl = tonumber(ARGV[1]) end
return {n, ttl}`;
/** KEYS: the queue's sorted set of due times, its hash of values. ARGV: now, limit, lease end. */
const CLAIM = `local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
local out = {}
for _, id in ipairs(ids) do
  redis.call('ZADD', KEYS[1], ARGV[3], id)
  local v = redis.call('HGET', KEYS[2], id)
  if v then table.insert(out, id) table.insert(out, v) else redis.call('ZREM', KEYS[1], id) end
end
return out`;

/** KEYS: the queue's sorted set of due times, its hash of values. ARGV: id, value, due time. */
const ENQUEUE = `redis.call('HSET', KEYS[2], ARGV[1], ARGV[2]) redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1]) return 1`;
/** KEYS: as ENQUEUE. ARGV: id. */
const DEQUEUE = `redis.call('ZREM', KEYS[1], ARGV[1]) redis.call('HDEL', KEYS[2], ARGV[1]) return 1`;

export class RedisStateStore implements StateStore {
  readonly kind = 'redis';
  readonly #client;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  private constructor(options: RedisStateOptions) {
    this.#prefix = options.prefix ?? 'keydoctor:';
    this.#timeoutMs = options.commandTimeoutMs ?? REDIS_COMMAND_TIMEOUT_MS;
    this.#client = createClient({
      url: options.url,
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
      },
      // Commands fail at once while disconnected instead of queueing without bound.
      disableOfflineQueue: true,
    });
    this.#client.on('error', (error: unknown) => options.onError?.(error));
  }

  /** Connects; rejects when Redis cannot be reached (a start-up problem). */
  static async connect(options: RedisStateOptions): Promise<RedisStateStore> {
    const store = new RedisStateStore(options);
    await store.#client.connect();
    return store;
  }

  #k(key: string): string {
    return this.#prefix + key;
  }

  /** One command, bounded by REDIS_COMMAND_TIMEOUT_MS from the moment it is issued. */
  #timed<T>(command: Promise<T>): Promise<T> {
    return withDeadline(command, this.#timeoutMs);
  }

  async get(key: string): Promise<string | undefined> {
    return (await this.#timed(this.#client.get(this.#k(key)))) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#timed(this.#client.set(this.#k(key), value, { expiration: { type: 'PX', value: ttlMs } }));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#timed(
      this.#client.set(this.#k(key), value, {
        expiration: { type: 'PX', value: ttlMs },
        condition: 'NX',
      }),
    );
    return reply === 'OK';
  }

  async delete(key: string): Promise<void> {
    await this.#timed(this.#client.del(this.#k(key)));
  }

  async acquireLock(key: string, ttlMs: number): Promise<Lock | undefined> {
    const token = lockToken();
    return (await this.setIfAbsent(lockKey(key), token, ttlMs)) ? { key, token } : undefined;
  }

  async extendLock(lock: Lock, ttlMs: number): Promise<boolean> {
    const reply = await this.#timed(
      this.#client.eval(EXTEND, {
        keys: [this.#k(lockKey(lock.key))],
        arguments: [lock.token, String(ttlMs)],
      }),
    );
    return Number(reply) === 1;
  }

  async releaseLock(lock: Lock): Promise<void> {
    await this.#timed(
      this.#client.eval(RELEASE, { keys: [this.#k(lockKey(lock.key))], arguments: [lock.token] }),
    );
  }

  async setIfLockHeld(lock: Lock, key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#timed(
      this.#client.eval(SET_IF_HELD, {
        keys: [this.#k(lockKey(lock.key)), this.#k(key)],
        arguments: [lock.token, value, String(ttlMs)],
      }),
    );
    return Number(reply) === 1;
  }

  async increment(key: string, windowMs: number): Promise<WindowCount> {
    const reply = (await this.#timed(
      this.#client.eval(INCREMENT, {
        keys: [this.#k(key)],
        arguments: [String(windowMs)],
      }),
    )) as unknown as [number, number];
    return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
  }

  #queueKeys(queue: string): [string, string] {
    return [this.#k(`queue:${queue}:due`), this.#k(`queue:${queue}:values`)];
  }

  async enqueue(queue: string, item: QueueItem): Promise<void> {
    // one script, not MULTI/HSET/ZADD/EXEC: atomic, and one command on the wire
    await this.#timed(
      this.#client.eval(ENQUEUE, {
        keys: this.#queueKeys(queue),
        arguments: [item.id, item.value, String(item.dueAt)],
      }),
    );
  }

  async claimDue(queue: string, now: number, limit: number, leaseMs: number): Promise<QueueItem[]> {
    const reply = (await this.#timed(
      this.#client.eval(CLAIM, {
        keys: this.#queueKeys(queue),
        arguments: [String(now), String(limit), String(now + leaseMs)],
      }),
    )) as unknown as string[];
    const items: QueueItem[] = [];
    for (let i = 0; i + 1 < reply.length; i += 2)
      items.push({ id: reply[i]!, value: reply[i + 1]!, dueAt: now + leaseMs });
    return items;
  }

  async dequeue(queue: string, id: string): Promise<void> {
    await this.#timed(this.#client.eval(DEQUEUE, { keys: this.#queueKeys(queue), arguments: [id] }));
  }

  /** Redis expires keys itself. */
  async sweepExpired(): Promise<number> {
    return 0;
  }

  /** Sends what is pending and disconnects; safe to call twice. */
  async close(): Promise<void> {
    if (!this.#client.isOpen) return;
    await this.#client.close().catch(() => this.#client.destroy());
  }
}
