/** A conversation service that records what the adapter sent and answers from a script. */
import type { Incoming, Outgoing } from '../../../src/conversation/types.ts';
import type { Reply } from '../../../src/engine/types.ts';
import { type RecordingService, scriptedService } from '../../fakes/scripted-service.ts';

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

/** Shaped like the engine's hand-off reply: the summary comes as a notice, worded by the adapter. */
export const HANDOFF_REPLY: Reply = {
  kind: 'handoff',
  heading: 'Let me get a person to look at this',
  blocks: [{ type: 'text', text: 'I have run out of likely causes, so this needs a person.' }],
  choices: [{ id: 'restart', label: 'Start over' }],
};

export const INFO_REPLY: Reply = { kind: 'info', heading: 'Noted', blocks: [], choices: [] };

/** The shared scripted service, answering with a question unless told otherwise. */
export function createSpyService(
  answer: (incoming: Incoming) => Outgoing | Promise<Outgoing> = () => ({
    reply: QUESTION_REPLY,
    credentials: [],
  }),
): RecordingService {
  return scriptedService(answer);
}
