/**
 * A ConversationService built from a bare `handle` function, for adapter tests that script the
 * answer: `turn` dedupes on the delivery id, keeps one conversation in order and posts the answer
 * through the delivery or the registered poster, like the real service (without engine or lock).
 */
import { createConversationMemory } from '../../src/conversation/conversation-memory.ts';
import { KeyedQueue } from '../../src/conversation/keyed-queue.ts';
import type { ConversationService, Incoming, Outgoing, Poster } from '../../src/conversation/types.ts';
import { conversationKeyString } from '../../src/state/conversation-store.ts';
import { MemoryStateStore } from '../../src/state/memory-state.ts';

export function serviceFromHandler(handle: (incoming: Incoming) => Promise<Outgoing>): ConversationService {
  const posters = new Map<string, Poster>();
  const memory = createConversationMemory(new MemoryStateStore());
  const queue = new KeyedQueue();
  return {
    ...memory,
    handle,
    registerPoster: (platform, poster) => void posters.set(platform, poster),
    async turn(incoming, delivery) {
      if (incoming.deliveryId && !(await memory.firstDelivery(incoming.deliveryId)))
        return { status: 'duplicate' };
      return queue.run(conversationKeyString(incoming.key), async () => {
        const outgoing = await handle(incoming);
        let done = 0;
        const progress = {
          get done() {
            return done;
          },
          stepDone: () => void done++,
        };
        if ('post' in delivery) await delivery.post(outgoing, progress);
        else await posters.get(delivery.platform)?.post(delivery.target, outgoing, progress);
        return { status: 'answered', outgoing };
      });
    },
  };
}
