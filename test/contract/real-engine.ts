/**
 * The real conversation service every adapter's contract run uses: the shipped knowledge base, the
 * real engine, an in-memory store and a fixed clock, so runs are deterministic.
 */
import { createConversationService } from '../../src/conversation/conversation-service.ts';
import { createEngine } from '../../src/engine/index.ts';
import type { Engine } from '../../src/engine/types.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/default-dir.ts';
import { loadKnowledge } from '../../src/knowledge/load.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';

/** A fixed "now" for contract runs (JWT times and state timestamps are compared with it). */
export const CONTRACT_NOW = Date.parse('2026-01-15T12:00:00Z');
const CONTRACT_TTL_MS = 60 * 60 * 1000;

let cachedEngine: Engine | undefined;

/** The real engine on the shipped knowledge base, loaded once per test file. */
export function realEngine(): Engine {
  const engine = cachedEngine ?? createEngine(loadKnowledge(DEFAULT_KNOWLEDGE_DIR));
  cachedEngine = engine;
  return engine;
}

/** A fresh conversation service (empty store) on the real engine. */
export function createTestService(options: { clock?: () => number } = {}) {
  const engine = realEngine();
  return createConversationService({
    engine: () => engine,
    store: new MemoryStateStore(),
    ttlMs: CONTRACT_TTL_MS,
    clock: options.clock ?? (() => CONTRACT_NOW),
  });
}
