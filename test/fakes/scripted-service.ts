/** A ConversationService for adapter tests: answers from a script and records what the adapter sent. */
import type { ConversationService, Incoming, Outgoing } from '../../src/conversation/types.ts';
import { serviceFromHandler } from './service-from-handler.ts';

export interface RecordingService extends ConversationService {
  readonly received: Incoming[];
}

/** Answers every input with `answer(incoming)`, recording the inputs. */
export function scriptedService(
  answer: (incoming: Incoming) => Outgoing | Promise<Outgoing>,
): RecordingService {
  const received: Incoming[] = [];
  return {
    ...serviceFromHandler(async (incoming) => {
      received.push(incoming);
      return answer(incoming);
    }),
    received,
  };
}
