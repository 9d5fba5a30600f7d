/**
 * A full turn through the conversation service (lock, load, step, save, post to a no-op platform)
 * with 50 conversations running at once, on the SQLite file and on a loopback Redis that this bench
 * starts and stops itself.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConversationService } from '../src/bot/conversation-service.ts';
import type { Engine } from '../src/engine/types.ts';
import { RedisStateStore } from '../src/state/redis-state.ts';
import { SqliteStateStore } from '../src/state/sqlite-state.ts';
import type { StateStore } from '../src/state/state-store.ts';
import { startRedis } from '../test/fakes/redis-server.ts';

export const CONVERSATIONS = 50;
/** Messages each conversation sends, one after another (each waits for its answer). */
const TURNS_PER_CONVERSATION = 20;
const WARMUP_TURNS = 3;
const HOUR_MS = 60 * 60_000;

export interface TurnFigures {
  p50Ms: number;
  p99Ms: number;
  turnsPerSec: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
}

async function run(store: StateStore, engine: Engine, texts: readonly string[], turns: number, run: string) {
  const service = createConversationService({ engine: () => engine, store, ttlMs: HOUR_MS, outboxPollMs: 0 });
  service.registerPoster('bench', { post: async () => {} });
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONVERSATIONS }, async (_, c) => {
      const key = {
        platform: 'slack' as const,
        workspace: 'TBENCH',
        channel: `C${c}`,
        thread: `${run}.${c}`,
      };
      for (let t = 0; t < turns; t++) {
        const text = texts[(c * turns + t) % texts.length] ?? '401';
        const start = performance.now();
        await service.turn(
          { key, user: { id: `U${c}` }, input: { type: 'message', text } },
          { platform: 'bench', target: {} },
        );
        times.push(performance.now() - start);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await service.drain();
  return { times: times.sort((a, b) => a - b), elapsedMs };
}

async function measure(store: StateStore, engine: Engine, texts: readonly string[]): Promise<TurnFigures> {
  await run(store, engine, texts, WARMUP_TURNS, 'warm');
  const { times, elapsedMs } = await run(store, engine, texts, TURNS_PER_CONVERSATION, 'bench');
  return {
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    turnsPerSec: (times.length / elapsedMs) * 1000,
  };
}

/** An engine that does no work: what is left of a turn is the store (lock, load, save, outbox, release). */
function idleEngine(engine: Engine): Engine {
  let state: ReturnType<Engine['step']> | undefined;
  return {
    ...engine,
    step(s, input, ctx) {
      state ??= engine.step(undefined, { type: 'message', text: '401' }, ctx);
      return { ...state, state: { ...state.state, turns: (s?.turns ?? 0) + 1 } };
    },
  };
}

/** p50 of one conversation's turns, one at a time, with an engine that does nothing: the store's cost. */
async function storeOverheadP50(store: StateStore, engine: Engine): Promise<number> {
  const { times } = await (async () => {
    const service = createConversationService({
      engine: () => idleEngine(engine),
      store,
      ttlMs: HOUR_MS,
      outboxPollMs: 0,
    });
    service.registerPoster('bench', { post: async () => {} });
    const key = { platform: 'slack' as const, workspace: 'TBENCH', channel: 'CIDLE', thread: 'idle' };
    const out: number[] = [];
    for (let t = 0; t < 300; t++) {
      const start = performance.now();
      await service.turn(
        { key, user: { id: 'U' }, input: { type: 'message', text: '401' } },
        { platform: 'bench', target: {} },
      );
      out.push(performance.now() - start);
    }
    await service.drain();
    return { times: out.slice(50).sort((a, b) => a - b) };
  })();
  return percentile(times, 0.5);
}

/** Turn figures on SQLite and on Redis. */
export async function benchTurns(
  engine: Engine,
  texts: readonly string[],
): Promise<{ sqlite: TurnFigures; redis: TurnFigures; storeOverheadP50MsRedis: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-bench-'));
  const redis = await startRedis();
  try {
    const sqliteStore = new SqliteStateStore({ file: path.join(dir, 'bench.sqlite'), sweepIntervalMs: 0 });
    const sqlite = await measure(sqliteStore, engine, texts);
    await sqliteStore.close();
    const redisStore = await RedisStateStore.connect({ url: redis.url });
    const onRedis = await measure(redisStore, engine, texts);
    const storeOverheadP50MsRedis = await storeOverheadP50(redisStore, engine);
    await redisStore.close();
    return { sqlite, redis: onRedis, storeOverheadP50MsRedis };
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
