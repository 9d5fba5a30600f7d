import { createConversationService } from '../../../src/conversation/conversation-service.ts';
import type { Engine } from '../../../src/engine/types.ts';
import { MemoryStateStore } from '../../../src/state/memory-state.ts';
import { createFakeEngine } from '../../contract/fake-engine.ts';

/** A conversation service on the scripted fake engine (adapter behaviour without the knowledge base). */
export function createFakeService(engine: Engine = createFakeEngine()) {
  return createConversationService({
    engine: () => engine,
    store: new MemoryStateStore(),
    ttlMs: 60_000,
    clock: () => Date.parse('2026-01-15T12:00:00Z'),
  });
}
