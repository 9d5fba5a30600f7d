/**
 * What the lock and the store round trips add to one turn on a loopback Redis: one conversation's
 * turns, one at a time, through the real service with an engine that does no work.
 */
import { createConversationService } from '../src/conversation/conversation-service.ts';
import type { Engine } from '../src/engine/types.ts';
import type { StateStore } from '../src/state/state-store.ts';

const HOUR_MS = 60 * 60_000;

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i] ?? 0;
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
export async function storeOverheadP50(store: StateStore, engine: Engine): Promise<number> {
  // one idle engine for every turn: it steps the real engine once, on its first call
  const idle = idleEngine(engine);
  const service = createConversationService({
    engine: () => idle,
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
