/**
 * A full turn through the conversation service (lock, load, step, save, post to a no-op platform)
 * with 50 conversations running at once, on the SQLite file and on a loopback Redis that this bench
 * starts and stops itself. Two kinds of thread: real dialogues (the goal figures) and a thread that
 * receives a new full report on every turn (the stress figures).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createConversationService } from '../src/conversation/conversation-service.ts';
import type { Engine, EngineInput } from '../src/engine/types.ts';
import type { Outgoing } from '../src/conversation/types.ts';
import { RedisStateStore } from '../src/state/redis-state.ts';
import { SqliteStateStore } from '../src/state/sqlite-state.ts';
import type { StateStore } from '../src/state/state-store.ts';
import { startRedis } from '../test/fakes/redis-server.ts';
import { storeOverheadP50 } from './store-overhead.ts';

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

/** What a user sends next, as the conversations in a support thread go. */
type Pattern = 'dialogue' | 'reports';

/**
 * The next input of a conversation. `dialogue`: a report, then the user answers each question with
 * a button (the first answer offered) and says "fixed it" after the diagnosis, then the next report
 * (a new conversation in the same thread): what real threads look like. `reports`: a new full
 * report on every turn, so one thread's evidence keeps growing (the stress case).
 */
function nextInput(pattern: Pattern, last: Outgoing | undefined, text: string): EngineInput {
  if (pattern === 'reports' || !last) return { type: 'message', text };
  const choice = last.reply.choices[0]?.id;
  if (choice?.startsWith('answer:')) return { type: 'choice', choiceId: choice };
  if (last.reply.choices.some((c) => c.id === 'feedback:fixed'))
    return { type: 'choice', choiceId: 'feedback:fixed' };
  return { type: 'message', text };
}

async function run(
  store: StateStore,
  engine: Engine,
  texts: readonly string[],
  turns: number,
  run: string,
  pattern: Pattern,
) {
  const service = createConversationService({ engine: () => engine, store, ttlMs: HOUR_MS, outboxPollMs: 0 });
  const shown = new Map<string, Outgoing>();
  service.registerPoster('bench', {
    post: async (target, outgoing) => void shown.set((target as { c: string }).c, outgoing),
  });
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
      let next = 0;
      for (let t = 0; t < turns; t++) {
        const input = nextInput(
          pattern,
          shown.get(key.thread),
          texts[(c * turns + next) % texts.length] ?? '401',
        );
        if (input.type === 'message') next++;
        const start = performance.now();
        await service.turn(
          { key, user: { id: `U${c}` }, input },
          { platform: 'bench', target: { c: key.thread } },
        );
        times.push(performance.now() - start);
      }
    }),
  );
  const elapsedMs = performance.now() - started;
  await service.drain();
  return { times: times.sort((a, b) => a - b), elapsedMs };
}

async function measure(
  store: StateStore,
  engine: Engine,
  texts: readonly string[],
  pattern: Pattern,
): Promise<TurnFigures> {
  await run(store, engine, texts, WARMUP_TURNS, `warm-${pattern}`, pattern);
  const { times, elapsedMs } = await run(
    store,
    engine,
    texts,
    TURNS_PER_CONVERSATION,
    `bench-${pattern}`,
    pattern,
  );
  return {
    p50Ms: percentile(times, 0.5),
    p99Ms: percentile(times, 0.99),
    turnsPerSec: (times.length / elapsedMs) * 1000,
  };
}

export interface StoreFigures {
  /** real threads: a report, button answers, "fixed it", the next report (the goal figures) */
  dialogue: TurnFigures;
  /** a new full report on every turn of one thread (its evidence keeps growing) */
  reports: TurnFigures;
}

async function measureBoth(
  store: StateStore,
  engine: Engine,
  texts: readonly string[],
): Promise<StoreFigures> {
  return {
    dialogue: await measure(store, engine, texts, 'dialogue'),
    reports: await measure(store, engine, texts, 'reports'),
  };
}

/** Turn figures on SQLite and on Redis. */
export async function benchTurns(
  engine: Engine,
  texts: readonly string[],
): Promise<{ sqlite: StoreFigures; redis: StoreFigures; storeOverheadP50MsRedis: number }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kd-bench-'));
  const redis = await startRedis();
  try {
    const sqliteStore = new SqliteStateStore({ file: path.join(dir, 'bench.sqlite'), sweepIntervalMs: 0 });
    const sqlite = await measureBoth(sqliteStore, engine, texts);
    await sqliteStore.close();
    const redisStore = await RedisStateStore.connect({ url: redis.url });
    const storeOverheadP50MsRedis = await storeOverheadP50(redisStore, engine);
    const onRedis = await measureBoth(redisStore, engine, texts);
    await redisStore.close();
    return { sqlite, redis: onRedis, storeOverheadP50MsRedis };
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
