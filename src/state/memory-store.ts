import type { ConversationState } from '../engine/types.ts';
import { type ConversationKey, type ConversationStore, conversationKeyString } from './conversation-store.ts';

/** An in-memory conversation store: for tests and the console. State is copied in and out. */
export class MemoryConversationStore implements ConversationStore {
  readonly #entries = new Map<string, { json: string; expiresAt: number }>();

  async get(key: ConversationKey, now: number): Promise<ConversationState | undefined> {
    const entry = this.#entries.get(conversationKeyString(key));
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(conversationKeyString(key));
      return undefined;
    }
    return JSON.parse(entry.json) as ConversationState;
  }

  async set(key: ConversationKey, state: ConversationState, now: number, ttlMs: number): Promise<void> {
    this.#entries.set(conversationKeyString(key), { json: JSON.stringify(state), expiresAt: now + ttlMs });
  }

  async delete(key: ConversationKey): Promise<void> {
    this.#entries.delete(conversationKeyString(key));
  }

  async sweepExpired(now: number): Promise<number> {
    let removed = 0;
    for (const [k, entry] of this.#entries) {
      if (entry.expiresAt <= now) {
        this.#entries.delete(k);
        removed++;
      }
    }
    return removed;
  }

  async close(): Promise<void> {
    this.#entries.clear();
  }
}
