/**
 * Redis goes away under a running service and comes back: turns in between get the polite "try
 * again" answer at once (no queueing without bound, no crash, no unhandled rejection), and turns
 * after it are answered normally. A real redis-server on loopback, stopped and started again on
 * the same port, or frozen (SIGSTOP: the connection stays open and nothing answers) and thawed.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import type { Incoming, Outgoing } from '../../src/conversation/types.ts';
import { RedisStateStore } from '../../src/state/redis-state.ts';
import { createScriptedEngine } from '../conversation/scripted-engine.ts';
import { type RunningRedis, startRedis } from '../fakes/redis-server.ts';
import { cleanupsAfterEach } from '../support/redis-per-file.ts';

const KEY = { platform: 'slack' as const, workspace: 'T1', channel: 'C1', thread: '1.0' };
const message = (text: string): Incoming => ({
  key: KEY,
  user: { id: 'U1' },
  input: { type: 'message', text },
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Attempts (100 ms apart) to see the client reconnected; bounded. */
const RECONNECT_ATTEMPTS = 100;

const cleanups = cleanupsAfterEach();

/** A service on `store` whose answers are recorded, cleaned up after the test. */
function serviceOn(store: RedisStateStore, lockTtlMs?: number) {
  const service = createConversationService({
    engine: () => createScriptedEngine(),
    store,
    ttlMs: 60_000,
    logger: pino({ level: 'silent' }),
    outboxPollMs: 0,
    ...(lockTtlMs ? { lockTtlMs } : {}),
  });
  cleanups.push(() => service.drain());
  const posted: Outgoing[] = [];
  service.registerPoster('test', { post: async (_t, outgoing) => void posted.push(outgoing) });
  const to = { platform: 'test', target: {} };
  return { posted, say: (text: string) => service.turn(message(text), to) };
}

describe('GIVEN the service on Redis WHEN Redis stops and starts again', () => {
  it('THEN the turn in between is answered politely at once, and later turns are answered normally', async () => {
    let redis: RunningRedis = await startRedis();
    cleanups.push(() => redis.stop());
    const storeErrors: unknown[] = [];
    const store = await RedisStateStore.connect({ url: redis.url, onError: (e) => storeErrors.push(e) });
    cleanups.push(() => store.close());
    const { posted, say } = serviceOn(store);

    expect((await say('401 from the API')).status).toBe('answered');
    expect(posted.at(-1)?.reply.kind).toBe('question');

    const { port } = redis;
    await redis.stop();
    const during = await say('still 401');
    expect(during.status).toBe('answered');
    expect(posted.at(-1)?.reply.kind).toBe('error');
    expect(JSON.stringify(posted.at(-1)?.reply)).toMatch(/send the message again/);

    redis = await startRedis(port);
    let after = posted.length;
    for (let i = 0; i < RECONNECT_ATTEMPTS; i++) {
      await sleep(100);
      after = posted.length;
      await say('401 from the API');
      if (posted.at(-1)?.reply.kind === 'question') break;
    }
    // Redis kept nothing (no persistence): the conversation starts afresh, with its first question
    expect(posted.length).toBe(after + 1);
    expect(posted.at(-1)?.reply.kind).toBe('question');
    expect(storeErrors.length).toBeGreaterThan(0);
  }, 30_000);
});

describe('GIVEN the service on Redis WHEN Redis stops answering on an open connection', () => {
  it('THEN the turn gets the polite answer once the command timeout passes, and turns after Redis resumes are answered', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.stop());
    const pid = redis.pid;
    if (pid === undefined) throw new Error('redis-server has no pid');
    // never leave a frozen redis-server behind, whatever the test does
    cleanups.push(async () => void process.kill(pid, 'SIGCONT'));
    const store = await RedisStateStore.connect({ url: redis.url, commandTimeoutMs: 300, onError: () => {} });
    cleanups.push(() => store.close());
    const { posted, say } = serviceOn(store, 1_000);

    expect((await say('401 from the API')).status).toBe('answered');
    expect(posted.at(-1)?.reply.kind).toBe('question');

    process.kill(pid, 'SIGSTOP');
    const during = await say('still 401');
    expect(during.status).toBe('answered');
    expect(posted.at(-1)?.reply.kind).toBe('error');

    process.kill(pid, 'SIGCONT');
    let ok = false;
    for (let i = 0; i < RECONNECT_ATTEMPTS && !ok; i++) {
      await sleep(100);
      const before = posted.length;
      await say('still 401');
      ok = posted.length === before + 1 && posted.at(-1)?.reply.kind !== 'error';
    }
    expect(ok).toBe(true);
  }, 30_000);
});
