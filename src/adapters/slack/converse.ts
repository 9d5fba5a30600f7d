/** One user turn: hand the input to the service, post the answer, in order within the conversation. */
import type { EngineInput } from '../../engine/types.ts';
import { type ConversationKey, conversationKeyString } from '../../state/conversation-store.ts';
import { guarded } from './guard.ts';
import { postOutgoing, type ReplyTarget } from './reply-poster.ts';
import type { SlackRuntime } from './runtime.ts';

/** Handles one input of a conversation and posts the reply to `target`; never throws. */
export function converse(rt: SlackRuntime, key: ConversationKey, target: ReplyTarget, input: EngineInput) {
  return rt.inOrder(conversationKeyString(key), () =>
    guarded(rt, input.type === 'choice' ? 'choice' : 'message', target, async () => {
      const outgoing = await rt.service.handle({ key, user: { id: target.user }, input });
      await postOutgoing(rt, target, outgoing);
    }),
  );
}
