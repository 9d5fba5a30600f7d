/** One turn: hand the input to the service, then post every resulting message in order. */
import type { Outgoing, UserRef } from '../../bot/types.ts';
import type { EngineInput } from '../../engine/types.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import type { AdapterContext } from './adapter-context.ts';
import { type OutMessage, outgoingMessages, type Place } from './deliver.ts';

export interface Turn {
  key: ConversationKey;
  user: UserRef;
  input: EngineInput;
  place: Place;
  /** notices to show before the reply, decided once the service has answered (e.g. after a deletion) */
  notices?: (outgoing: Outgoing) => Promise<string[]>;
  send: (message: OutMessage) => Promise<unknown>;
}

export async function converse(ctx: AdapterContext, turn: Turn): Promise<Outgoing> {
  const outgoing = await ctx.service.handle({ key: turn.key, user: turn.user, input: turn.input });
  const notices = turn.notices ? await turn.notices(outgoing) : [];
  for (const message of outgoingMessages(ctx, outgoing, turn.place, notices)) await turn.send(message);
  return outgoing;
}
