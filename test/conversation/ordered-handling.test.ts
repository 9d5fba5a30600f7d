import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { loadConversation } from '../../src/state/conversations.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';
import type { Lock, StateStore } from '../../src/state/state-store.ts';
import { createScriptedEngine } from './scripted-engine.ts';

const KEY: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.0' };
const MESSAGES = 20;

/** Yields to the event loop a varying number of times, so unordered handling would interleave. */
async function jitter(seed: number): Promise<void> {
  for (let i = 0; i < seed % 4; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** A store whose reads and writes take a few event-loop turns, like a real database would. */
function slowStore(): StateStore {
  const inner = new MemoryStateStore();
  let calls = 0;
  const slow: Partial<StateStore> = {
    async get(key: string) {
      await jitter(++calls);
      return inner.get(key);
    },
    async setIfLockHeld(lock: Lock, key: string, value: string, ttl: number) {
      await jitter(++calls * 7);
      return inner.setIfLockHeld(lock, key, value, ttl);
    },
  };
  return new Proxy(inner, {
    get(target, prop: keyof StateStore) {
      const own = slow[prop] ?? target[prop];
      return typeof own === 'function' ? (own as (...a: unknown[]) => unknown).bind(target) : own;
    },
  });
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
    const state = await loadConversation(store, KEY);
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
    for (const key of keys) expect((await loadConversation(store, key))?.transcript).toEqual([key.thread]);
  });

  it('are all finished once drain resolves', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const service = createConversationService({ engine: () => engine, store, ttlMs: 60_000, clock: () => 1 });
    for (let i = 0; i < MESSAGES; i++)
      void service.handle({ key: KEY, user: { id: 'U1' }, input: { type: 'message', text: `m${i}` } });
    await service.drain();
    expect((await loadConversation(store, KEY))?.turns).toBe(MESSAGES);
  });

  it('alternating between two services on one store (two processes) stay in order, every turn kept', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const make = () =>
      createConversationService({ engine: () => engine, store, ttlMs: 60_000, lockTtlMs: 5_000 });
    const services = [make(), make()];
    const texts = Array.from({ length: MESSAGES }, (_, i) => `message ${i + 1}`);
    const replies: string[] = [];
    // each message is sent once the previous one was answered, by whichever process got it
    for (const [i, text] of texts.entries())
      replies.push(
        (await services[i % 2]!.handle({ key: KEY, user: { id: 'U1' }, input: { type: 'message', text } }))
          .reply.heading,
      );
    expect((await loadConversation(store, KEY))?.transcript).toEqual(texts);
    expect(replies.at(-1)).toBe(`turn ${MESSAGES}: message ${MESSAGES}`);
  });

  it('sent concurrently to two services on one store are each handled once, none lost', async () => {
    const store = slowStore();
    const engine = createScriptedEngine();
    const make = () =>
      createConversationService({ engine: () => engine, store, ttlMs: 60_000, lockTtlMs: 5_000 });
    const services = [make(), make()];
    const texts = Array.from({ length: MESSAGES }, (_, i) => `m${i + 1}`);
    await Promise.all(
      texts.map((text, i) =>
        services[i % 2]!.handle({ key: KEY, user: { id: 'U1' }, input: { type: 'message', text } }),
      ),
    );
    const transcript = (await loadConversation(store, KEY))?.transcript ?? [];
    expect([...transcript].sort()).toEqual([...texts].sort());
  });
});
