/** Conversation state on a StateStore: one key per conversation, redacted JSON, in every store. */
import type { ConversationState } from '../engine/types.ts';
import { type ConversationKey, conversationKeyString } from './conversation-store.ts';
import { redactedJson } from '../redaction/redact-json.ts';
import { CONVERSATION_PREFIX, type Lock, type StateStore } from './state-store.ts';

/** The store key a conversation's state is saved under. */
export function conversationStateKey(key: ConversationKey): string {
  return CONVERSATION_PREFIX + conversationKeyString(key);
}

/**
 * A value that is not JSON or not a versioned object (a damaged row) starts the conversation afresh
 * instead of failing every message in it; the engine migrates older versions and refuses unknown ones.
 */
export function parseState(text: string | undefined): ConversationState | undefined {
  if (text === undefined) return undefined;
  try {
    const state = JSON.parse(text) as ConversationState;
    return state !== null && typeof state === 'object' && typeof state.version === 'number'
      ? state
      : undefined;
  } catch {
    return undefined;
  }
}

export async function loadConversation(
  store: StateStore,
  key: ConversationKey,
): Promise<ConversationState | undefined> {
  return parseState(await store.get(conversationStateKey(key)));
}

/** Saves redacted state; with a lock, only while it is still held (false: it was lost, nothing saved). */
export async function saveConversation(
  store: StateStore,
  key: ConversationKey,
  state: ConversationState,
  ttlMs: number,
  lock?: Lock,
): Promise<boolean> {
  const value = redactedJson(state);
  if (!lock) {
    await store.set(conversationStateKey(key), value, ttlMs);
    return true;
  }
  return store.setIfLockHeld(lock, conversationStateKey(key), value, ttlMs);
}
