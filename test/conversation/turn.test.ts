/**
 * The service's turn on the store: dedupe, one rate-limit notice per window, the lock that protects
 * newer state, and the outbox that keeps acknowledged answers until they are posted.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { Delivery, Incoming, Outgoing, Poster } from '../../src/conversation/types.ts';
import type { ConversationKey } from '../../src/state/conversation-store.ts';
import { conversationStateKey, loadConversation } from '../../src/state/conversations.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';
import { createScriptedEngine } from './scripted-engine.ts';

const KEY: ConversationKey = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '1.0' };
const OTHER: ConversationKey = { ...KEY, thread: '2.0' };
const silent = pino({ level: 'silent' });
const message = (text: string, key = KEY, deliveryId?: string): Incoming => ({
  key,
  user: { id: 'U1' },
  input: { type: 'message', text },
  ...(deliveryId ? { deliveryId } : {}),
});

/** A poster that records what it posted (by conversation thread) and can be told to fail. */
function recordingPoster() {
  const posted: { thread: string; heading: string }[] = [];
  let failWith: ((target: { thread: string }) => unknown) | undefined;
  const poster: Poster & { posted: typeof posted; failWhen(f: typeof failWith): void } = {
    posted,
    failWhen(f) {
      failWith = f;
    },
    async post(target, outgoing: Outgoing) {
      const t = target as { thread: string };
      const error = failWith?.(t);
      if (error) throw error;
      posted.push({ thread: t.thread, heading: outgoing.reply.heading });
    },
    retryAfterMs: (error) => (error as { retryAfterMs?: number }).retryAfterMs,
  };
  return poster;
}

const to = (key: ConversationKey): Delivery => ({ platform: 'test', target: { thread: key.thread } });

function setup(
  store = new MemoryStateStore(),
  extra: Partial<Parameters<typeof createConversationService>[0]> = {},
) {
  const engine = createScriptedEngine();
  const service = createConversationService({
    engine: () => engine,
    store,
    ttlMs: 60_000,
    logger: silent,
    outboxPollMs: 0,
    retryDelaysMs: [1],
    ...extra,
  });
  const poster = recordingPoster();
  service.registerPoster('test', poster);
  return { service, poster, engine, store };
}

describe('a turn', () => {
  it('GIVEN the same delivery id twice THEN it is answered once, even by a second service on the store', async () => {
    const store = new MemoryStateStore();
    const a = setup(store);
    const b = setup(store);
    expect((await a.service.turn(message('401', KEY, 'Ev1'), to(KEY))).status).toBe('answered');
    expect((await b.service.turn(message('401', KEY, 'Ev1'), to(KEY))).status).toBe('duplicate');
    expect([...a.poster.posted, ...b.poster.posted]).toHaveLength(1);
  });

  it('GIVEN 60 messages over the rate limit THEN the user gets one notice in the window, not 60', async () => {
    const { service, poster } = setup(undefined, { rateLimitPerMinute: 2 });
    const results = [];
    for (let i = 0; i < 62; i++) results.push(await service.turn(message(`m${i}`), to(KEY)));
    expect(results.filter((r) => r.status === 'rate-limited')).toHaveLength(60);
    expect(poster.posted.filter((p) => p.heading === 'One moment, please')).toHaveLength(1);
    expect(poster.posted).toHaveLength(3);
  });

  it('GIVEN the lock was taken over mid-turn THEN the turn saves nothing over the newer state', async () => {
    const store = new MemoryStateStore();
    const { service } = setup(store, { lockTtlMs: 30 });
    await service.handle(message('first'));
    // another process holds the conversation now and has saved a newer state
    const slowSave = store.setIfLockHeld.bind(store);
    store.setIfLockHeld = async (lock, key, value, ttl) => {
      await new Promise((r) => setTimeout(r, 120));
      await store.releaseLock(lock);
      const theirs = await store.acquireLock(lock.key, 60_000);
      await store.set(
        conversationStateKey(KEY),
        JSON.stringify({ ...JSON.parse(value), transcript: ['newer'] }),
        60_000,
      );
      await store.releaseLock(theirs!);
      return slowSave(lock, key, value, ttl);
    };
    const out = await service.handle(message('second'));
    expect(out.reply.kind).toBe('error');
    expect((await loadConversation(store, KEY))?.transcript).toEqual(['newer']);
  });

  it('GIVEN a Retry-After in one conversation THEN another conversation is answered meanwhile', async () => {
    const { service, poster } = setup();
    let throttled = true;
    poster.failWhen((t) => (t.thread === KEY.thread && throttled ? { retryAfterMs: 40_000 } : undefined));
    const slow = service.turn(message('401'), to(KEY));
    await new Promise((r) => setTimeout(r, 20));
    expect((await service.turn(message('403', OTHER), to(OTHER))).status).toBe('answered');
    expect(poster.posted.map((p) => p.thread)).toEqual([OTHER.thread]);
    throttled = false;
    await service.drain(); // ends the wait: the answer stays in the outbox
    expect((await slow).status).toBe('queued');
  });

  it('GIVEN an answer not yet posted when the process stops THEN a new process posts it from the outbox, once', async () => {
    const store = new MemoryStateStore();
    const first = setup(store);
    first.poster.failWhen(() => ({ retryAfterMs: 40_000 }));
    const pending = first.service.turn(message('401'), to(KEY));
    await new Promise((r) => setTimeout(r, 20));
    await first.service.drain();
    expect((await pending).status).toBe('queued');
    expect(first.poster.posted).toEqual([]);
    // the state says a question was asked; its answer is still owed
    expect((await loadConversation(store, KEY))?.turns).toBe(1);

    const second = setup(store);
    await second.service.flushOutbox();
    await second.service.flushOutbox();
    expect(second.poster.posted).toEqual([{ thread: KEY.thread, heading: expect.any(String) }]);
  });

  it('GIVEN a post that hangs THEN drain still resolves and the answer stays in the outbox', async () => {
    const store = new MemoryStateStore();
    const { service, poster } = setup(store);
    poster.post = () => new Promise(() => {});
    const pending = service.turn(message('401'), to(KEY));
    await new Promise((r) => setTimeout(r, 20));
    await service.drain();
    expect((await pending).status).toBe('queued');
    const next = setup(store);
    await next.service.flushOutbox();
    expect(next.poster.posted).toHaveLength(1);
  });

  it('GIVEN a failure the platform will keep refusing THEN the answer is not kept', async () => {
    const store = new MemoryStateStore();
    const { service, poster } = setup(store);
    poster.failWhen(() => new Error('channel_not_found'));
    expect((await service.turn(message('401'), to(KEY))).status).toBe('failed');
    const next = setup(store);
    await next.service.flushOutbox();
    expect(next.poster.posted).toEqual([]);
  });

  it('GIVEN a turn waiting for a lock another process holds WHEN the service drains THEN it stops waiting', async () => {
    const store = new MemoryStateStore();
    const { service, poster } = setup(store);
    await store.acquireLock(`conversation:slack:T1:C1:1.0`, 60_000);
    const waiting = service.turn(message('401'), to(KEY));
    await new Promise((r) => setTimeout(r, 20));
    await service.drain();
    await waiting;
    expect(poster.posted.map((p) => p.heading)).toEqual([expect.stringMatching(/Something went wrong/)]);
  });
});
