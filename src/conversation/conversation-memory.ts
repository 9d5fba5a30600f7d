/** Cross-message facts of the adapters (deliveries seen, threads joined), on the shared store. */
import type { StateStore } from '../state/state-store.ts';
import type { ConversationMemory } from './types.ts';

/** Slack retries a delivery for about five minutes; a signed request is replayable for five. */
export const DEDUPE_TTL_MS = 15 * 60_000;
/** A thread keydoctor converses in is remembered this long after its last message. */
export const THREAD_TTL_MS = 24 * 60 * 60_000;
/** A thread found not to be ours is not asked about again for this long. */
export const NOT_OURS_TTL_MS = 10 * 60_000;

export function createConversationMemory(store: StateStore): ConversationMemory {
  return {
    firstDelivery: (id) => store.setIfAbsent(`delivery:${id}`, '1', DEDUPE_TTL_MS),
    rememberThread: (id) => store.set(`thread:${id}`, 'ours', THREAD_TTL_MS),
    async knowsThread(id) {
      const value = await store.get(`thread:${id}`);
      return value === undefined ? undefined : value === 'ours';
    },
    forgetThread: (id) => store.set(`thread:${id}`, 'not-ours', NOT_OURS_TTL_MS),
  };
}
