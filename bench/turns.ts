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

/** Rounds of the store-overhead measure; the median round is reported (a pause on a busy machine moves one round, not the figure). */
const OVERHEAD_ROUNDS = 5;
const OVERHEAD_TURNS = 300;
const OVERHEAD_WARMUP = 100;

/** p50 of one conversation's turns, one at a time, with an engine that does nothing: the store's cost. */
async function storeOverheadP50(store: StateStore, engine: Engine): Promise<number> {
  const service = createConversationService({
    engine: () => idleEngine(engine),
    store,
    ttlMs: HOUR_MS,
    outboxPollMs: 0,
  });
  service.registerPoster('bench', { post: async () => {} });
  const key = { platform: 'slack' as const, workspace: 'TBENCH', channel: 'CIDLE', thread: 'idle' };
  const turn = () =>
    service.turn(
      { key, user: { id: 'U' }, input: { type: 'message', text: '401' } },
      { platform: 'bench', target: {} },
    );
  for (let t = 0; t < OVERHEAD_WARMUP; t++) await turn();
  const rounds: number[] = [];
  for (let r = 0; r < OVERHEAD_ROUNDS; r++) {
    const times: number[] = [];
    for (let t = 0; t < OVERHEAD_TURNS; t++) {
      const start = performance.now();
      await turn();
      times.push(performance.now() - start);
    }
    rounds.push(
      percentile(
        times.sort((a, b) => a - b),
        0.5,
      ),
    );
  }
  await service.drain();
  return percentile(
    rounds.sort((a, b) => a - b),
    0.5,
  );
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
    // the store's own cost first, on a fresh Redis and a process not yet filled by the runs below
    const storeOverheadP50MsRedis = await storeOverheadP50(redisStore, engine);
    const onRedis = await measureBoth(redisStore, engine, texts);
    await redisStore.close();
    return { sqlite, redis: onRedis, storeOverheadP50MsRedis };
  } finally {
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
