/**
 * Conversation state lives behind this one interface, keyed by platform, workspace/guild, channel
 * and thread. Implementations: memory (tests), SQLite (the embedded default).
 */
import type { ConversationState } from '../engine/types.ts';

export type Platform = 'console' | 'slack' | 'discord';

/** Where a conversation happens. `thread` is the thread ts/id, or the channel for a DM without threads. */
export interface ConversationKey {
  platform: Platform;
  workspace: string;
  channel: string;
  thread: string;
}

/** A stable string for a key, used as the storage key. */
export function conversationKeyString(key: ConversationKey): string {
  return [key.platform, key.workspace, key.channel, key.thread].map(encodeURIComponent).join(':');
}

export interface ConversationStore {
  get(key: ConversationKey, now: number): Promise<ConversationState | undefined>;
  /** Saves the state; it expires `ttlMs` after `now` unless saved again. */
  set(key: ConversationKey, state: ConversationState, now: number, ttlMs: number): Promise<void>;
  delete(key: ConversationKey): Promise<void>;
  /** Removes expired conversations; returns how many. */
  sweepExpired(now: number): Promise<number>;
  close(): Promise<void>;
}
