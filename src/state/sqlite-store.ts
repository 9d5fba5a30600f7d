/**
 * The embedded default conversation store: one SQLite file under DATA_DIR, so a restart or deploy
 * between the bot's question and the user's answer loses nothing.
 */
import type { ConversationState } from '../engine/types.ts';
import type { ConversationKey, ConversationStore } from './conversation-store.ts';
import { conversationKeyString } from './conversation-store.ts';
import { redactedJson } from '../redaction/redact-json.ts';
import { openDatabase, type SqliteDatabase } from './sqlite-db.ts';

/** How often expired conversations are deleted. */
export const DEFAULT_SWEEP_INTERVAL_MS = 10 * 60_000;

export interface SqliteStoreOptions {
  /** the SQLite file (its directory is created) */
  file: string;
  /** 0 turns the periodic sweep off (tests call sweepExpired themselves) */
  sweepIntervalMs?: number;
  clock?: () => number;
  /** told about sweep failures; a failed sweep is retried at the next interval */
  onSweepError?: (error: unknown) => void;
}

/**
 * A row that is not a state this version understands (a damaged file, a downgrade) starts the
 * conversation afresh instead of failing every message in it.
 */
function parseState(text: string): ConversationState | undefined {
  try {
    const state = JSON.parse(text) as ConversationState;
    return state !== null && typeof state === 'object' && state.version === 1 ? state : undefined;
  } catch {
    return undefined;
  }
}

export class SqliteConversationStore implements ConversationStore {
  readonly #db: SqliteDatabase;
  readonly #timer: NodeJS.Timeout | undefined;
  readonly #select;
  readonly #upsert;
  readonly #delete;
  readonly #sweep;

  constructor(options: SqliteStoreOptions) {
    this.#db = openDatabase(options.file);
    this.#select = this.#db.prepare<[string], { state: string; expires_at: number }>(
      'SELECT state, expires_at FROM conversations WHERE key = ?',
    );
    this.#upsert = this.#db.prepare<[string, string, number, number]>(
      `INSERT INTO conversations (key, state, expires_at, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET state = excluded.state, expires_at = excluded.expires_at,
       updated_at = excluded.updated_at`,
    );
    this.#delete = this.#db.prepare<[string]>('DELETE FROM conversations WHERE key = ?');
    this.#sweep = this.#db.prepare<[number]>('DELETE FROM conversations WHERE expires_at <= ?');

    const interval = options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS;
    if (interval > 0) {
      const clock = options.clock ?? Date.now;
      this.#timer = setInterval(() => {
        this.sweepExpired(clock()).catch((error: unknown) => options.onSweepError?.(error));
      }, interval);
      // The sweep must never keep a finished process alive.
      this.#timer.unref();
    }
  }

  async get(key: ConversationKey, now: number): Promise<ConversationState | undefined> {
    const row = this.#select.get(conversationKeyString(key));
    if (!row || row.expires_at <= now) return undefined;
    return parseState(row.state);
  }

  async set(key: ConversationKey, state: ConversationState, now: number, ttlMs: number): Promise<void> {
    this.#upsert.run(conversationKeyString(key), redactedJson(state), now + ttlMs, now);
  }

  async delete(key: ConversationKey): Promise<void> {
    this.#delete.run(conversationKeyString(key));
  }

  async sweepExpired(now: number): Promise<number> {
    return this.#sweep.run(now).changes;
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
