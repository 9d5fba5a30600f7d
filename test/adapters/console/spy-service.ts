/** A conversation service that records what the adapter sent and answers from a script. */
import type { ConversationService, Incoming, Outgoing } from '../../../src/bot/types.ts';
import type { Reply } from '../../../src/engine/types.ts';

export const QUESTION_REPLY: Reply = {
  kind: 'question',
  heading: 'Where does the failing code run?',
  questionId: 'where',
  blocks: [],
  choices: [
    { id: 'answer:where:local', label: 'On my own machine' },
    { id: 'answer:where:deployed', label: 'On a deployed server' },
  ],
};

export const INFO_REPLY: Reply = { kind: 'info', heading: 'Noted', blocks: [], choices: [] };

export function createSpyService(
  answer: (incoming: Incoming) => Outgoing | Promise<Outgoing> = () => ({
    reply: QUESTION_REPLY,
    credentials: [],
  }),
): ConversationService & { received: Incoming[] } {
  const received: Incoming[] = [];
  return {
    received,
    async handle(incoming) {
      received.push(incoming);
      return answer(incoming);
    },
  };
}
