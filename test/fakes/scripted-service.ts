/** A ConversationService for adapter tests: answers from a script and records what the adapter sent. */
import type { ConversationService, Incoming, Outgoing } from '../../src/bot/types.ts';

export interface RecordingService extends ConversationService {
  readonly received: Incoming[];
}

/** Answers every input with `answer(incoming)`, recording the inputs. */
export function scriptedService(
  answer: (incoming: Incoming) => Outgoing | Promise<Outgoing>,
): RecordingService {
  const received: Incoming[] = [];
  return {
    received,
    async handle(incoming) {
      received.push(incoming);
      return answer(incoming);
    },
  };
}
