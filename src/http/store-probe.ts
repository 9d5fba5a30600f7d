/** The write probe /healthz runs: a tiny save and read through the store's own interface. */
import { initialState } from '../engine/state.ts';
import type { ConversationKey, ConversationStore } from '../state/conversation-store.ts';

/** A key no platform produces (workspaces are platform ids; this one has a space). */
export const PROBE_KEY: ConversationKey = {
  platform: 'console',
  workspace: 'health probe',
  channel: 'probe',
  thread: 'probe',
};
const PROBE_TTL_MS = 60_000;

/** Saves, reads back and deletes a probe state; throws when the store cannot save. */
export function storeWriteProbe(store: ConversationStore, now: () => number = Date.now) {
  return async (): Promise<void> => {
    const at = now();
    await store.set(PROBE_KEY, initialState(at), at, PROBE_TTL_MS);
    if (!(await store.get(PROBE_KEY, at))) throw new Error('the store did not return what it saved');
    await store.delete(PROBE_KEY);
  };
}
