/** The write probe /healthz runs: a tiny save and read through the store's own interface. */
import type { StateStore } from '../state/state-store.ts';

/** A key no conversation, lock or queue uses. */
export const PROBE_KEY = 'health:probe';
const PROBE_TTL_MS = 60_000;

/** Saves, reads back and deletes a probe value; throws when the store cannot save. */
export function storeWriteProbe(store: StateStore, now: () => number = Date.now) {
  return async (): Promise<void> => {
    const value = String(now());
    await store.set(PROBE_KEY, value, PROBE_TTL_MS);
    if ((await store.get(PROBE_KEY)) !== value) throw new Error('the store did not return what it saved');
    await store.delete(PROBE_KEY);
  };
}
