/**
 * One turn: the service takes the conversation's lock (so two quick messages never interleave
 * their replies, on one process or several), answers, and this posts every resulting message in
 * order; a retry resumes after the messages already sent.
 */
import type { Outgoing, UserRef } from '../../conversation/types.ts';
import type { EngineInput } from '../../engine/types.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import type { AdapterContext } from './adapter-context.ts';
import { type OutMessage, outgoingMessages, type Place } from './deliver.ts';
import { errorCode } from './platform-errors.ts';

export interface Turn {
  key: ConversationKey;
  user: UserRef;
  input: EngineInput;
  place: Place;
  /** the message or interaction id: a repeated delivery is answered once */
  deliveryId?: string;
  /** notices to show before the reply, decided once the service has answered (e.g. after a deletion) */
  notices?: (outgoing: Outgoing) => Promise<string[]>;
  send: (message: OutMessage) => Promise<unknown>;
}

/** discord.js waits out 429s per route itself; a 5xx or a timeout is worth one more try. */
function retryAfterMs(error: unknown): number | undefined {
  const code = errorCode(error);
  return code === 'timeout' || code.startsWith('http_5') ? 0 : undefined;
}

/** Runs the turn; resolves with what was posted, or undefined when nothing was (a repeat, silence). */
export async function converse(ctx: AdapterContext, turn: Turn): Promise<Outgoing | undefined> {
  let failure: unknown;
  const result = await ctx.service.turn(
    {
      key: turn.key,
      user: turn.user,
      input: turn.input,
      ...(turn.deliveryId ? { deliveryId: turn.deliveryId } : {}),
    },
    {
      async post(outgoing, progress) {
        try {
          const notices = turn.notices ? await turn.notices(outgoing) : [];
          const messages = outgoingMessages(ctx, outgoing, turn.place, notices);
          for (const message of messages.slice(progress.done)) {
            await turn.send(message);
            progress.stepDone();
          }
        } catch (error) {
          failure = error;
          throw error;
        }
      },
      retryAfterMs,
    },
  );
  // the handlers report and apologise for a failed post themselves
  if (result.status === 'failed' && failure !== undefined) throw failure;
  return result.outgoing;
}
