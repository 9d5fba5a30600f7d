import type { Engine, EngineEvent } from '../engine/types.ts';
import { type ConversationStore, conversationKeyString } from '../state/conversation-store.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { ConversationService, Incoming, Outgoing } from './types.ts';

export interface ConversationServiceOptions {
  /** the engine to use; a function so a knowledge reload can swap it without restarting adapters */
  engine: () => Engine;
  store: ConversationStore;
  /** idle conversations expire this long after their last message */
  ttlMs: number;
  clock?: () => number;
  /** called with the engine's analytics events after the state is saved */
  onEvents?: (incoming: Incoming, events: EngineEvent[]) => void;
}

/** Load state, step the engine, save state: strictly in order within one conversation. */
export function createConversationService(options: ConversationServiceOptions): ConversationService & {
  drain(): Promise<void>;
} {
  const queue = new KeyedQueue();
  const clock = options.clock ?? Date.now;
  return {
    handle(incoming: Incoming): Promise<Outgoing> {
      return queue.run(conversationKeyString(incoming.key), async () => {
        const now = clock();
        const state = await options.store.get(incoming.key, now);
        const result = options.engine().step(state, incoming.input, { now });
        await options.store.set(incoming.key, result.state, now, options.ttlMs);
        options.onEvents?.(incoming, result.events);
        const handoff = result.events.find((e) => e.type === 'handoff');
        return {
          reply: result.reply,
          credentials: result.credentials,
          ...(handoff?.type === 'handoff' ? { handoff: { summary: handoff.summary } } : {}),
        };
      });
    },
    drain: () => queue.drain(),
  };
}
