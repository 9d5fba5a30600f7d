import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/bot/conversation-service.ts';
import type { ConversationState } from '../../src/engine/types.ts';
import type { ConversationKey, ConversationStore } from '../../src/state/conversation-store.ts';
import { MemoryConversationStore } from '../../src/state/memory-store.ts';
import { createScriptedEngine } from './scripted-engine.ts';

const KEY: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.0' };
const MESSAGES = 20;

/** Yields to the event loop a varying number of times, so unordered handling would interleave. */
async function jitter(seed: number): Promise<void> {
  for (let i = 0; i < seed % 4; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A store whose reads and writes take a few event-loop turns, like a real database would. */
function slowStore(): ConversationStore {
  const inner = new MemoryConversationStore();
  let calls = 0;
  return {
    async get(key, now) {
      await jitter(++calls);
      return inner.get(key, now);
    },
    async set(key, state: ConversationState, now, ttl) {
      await jitter(++calls * 7);
      return inner.set(key, state, now, ttl);
    },
    delete: (key) => inner.delete(key),
    sweepExpired: (now) => inner.sweepExpired(now),
    close: () => inner.close(),
  };
}

describe('concurrent messages in one thread', () => {
  it('are handled in arrival order, every turn kept', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 60_000, clock: () => 1 });
    const texts = Array.from({ length: MESSAGES }, (_, i) => `message ${i + 1}`);
    const replies = await Promise.all(
      texts.map((text) => service.handle({ key: KEY, user: { id: 'U1' }, input: { type: 'message', text } })),
    );
    const state = await store.get(KEY, 1);
    expect(state?.transcript).toEqual(texts);
    expect(state?.turns).toBe(MESSAGES);
    // Each reply saw the state its predecessor saved: turn n answers message n.
    expect(replies.slice(1).map((r) => r.reply.heading)).toEqual(
      texts.slice(1).map((text, i) => `turn ${i + 2}: ${text}`),
    );
  });

  it('in different threads each keep their own state', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 60_000, clock: () => 1 });
    const keys = Array.from({ length: 5 }, (_, i) => ({ ...KEY, thread: `t${i}` }));
    await Promise.all(
      keys.map((key) =>
        service.handle({ key, user: { id: 'U1' }, input: { type: 'message', text: key.thread } }),
      ),
    );
    for (const key of keys) expect((await store.get(key, 1))?.transcript).toEqual([key.thread]);
  });

  it('are all finished once drain resolves', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 60_000, clock: () => 1 });
    for (let i = 0; i < MESSAGES; i++)
      void service.handle({ key: KEY, user: { id: 'U1' }, input: { type: 'message', text: `m${i}` } });
    await service.drain();
    expect((await store.get(KEY, 1))?.turns).toBe(MESSAGES);
  });
});
