/** One user turn: the service takes the conversation's lock, answers, and posts through the outbox. */
import type { EngineInput } from '../../engine/types.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import { guarded } from './guard.ts';
import type { SlackTarget } from './reply-poster.ts';
import { PLATFORM, type SlackRuntime } from './runtime.ts';

/** Handles one input of a conversation and posts the reply to `target`; never throws. */
export function converse(
  rt: SlackRuntime,
  key: ConversationKey,
  target: SlackTarget,
  input: EngineInput,
  deliveryId?: string,
): Promise<void> {
  return guarded(rt, input.type === 'choice' ? 'choice' : 'message', target, async () => {
    await rt.service.turn(
      { key, user: { id: target.user }, input, ...(deliveryId ? { deliveryId } : {}) },
      { platform: PLATFORM, target },
    );
  });
}
