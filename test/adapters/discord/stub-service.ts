/** Conversation services for tests that need an exact reply or want to see what the adapter passed. */
import type { ConversationService, Incoming, Outgoing } from '../../../src/conversation/types.ts';
import type { Reply } from '../../../src/engine/types.ts';
import { scriptedService } from '../../fakes/scripted-service.ts';

/** Answers every input with `outgoing` (a function gets the input), recording what arrived. */
export function stubService(outgoing: Outgoing | ((incoming: Incoming) => Outgoing)) {
  const service = scriptedService((incoming) =>
    typeof outgoing === 'function' ? outgoing(incoming) : outgoing,
  );
  return { service, received: service.received };
}

/** Wraps a service, recording every input. */
export function recording(inner: ConversationService) {
  const received: Incoming[] = [];
  const service: ConversationService = {
    ...inner,
    turn(incoming, delivery) {
      received.push(incoming);
      return inner.turn(incoming, delivery);
    },
    handle(incoming) {
      received.push(incoming);
      return inner.handle(incoming);
    },
  };
  return { service, received };
}

export function questionWith(answers: number): Reply {
  return {
    kind: 'question',
    heading: 'Which provider issued the key?',
    questionId: 'provider',
    blocks: [{ type: 'text', text: 'Each provider words its errors differently.' }],
    choices: Array.from({ length: answers }, (_, i) => ({
      id: `answer:provider:p${i + 1}`,
      label: `Provider ${i + 1}`,
    })),
  };
}
