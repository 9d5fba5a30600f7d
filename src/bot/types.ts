/**
 * The narrow interface adapters see. An adapter parses a platform event into an `Incoming`, hands it
 * to the `ConversationService`, and renders the `Outgoing` it gets back. Adapters never touch the
 * engine or the store directly.
 */
import type { CredentialFingerprint, EngineInput, Reply } from '../engine/types.ts';
import type { ConversationKey } from '../state/conversation-store.ts';

export interface UserRef {
  id: string;
  name?: string;
}

export interface Incoming {
  key: ConversationKey;
  user: UserRef;
  input: EngineInput;
}

export interface Outgoing {
  reply: Reply;
  /** credentials the user pasted in this input (fingerprints only): warn privately, delete if possible */
  credentials: CredentialFingerprint[];
  /** set when the reply hands the conversation to a human: mention the support group with this summary */
  handoff?: { summary: string[] };
}

export interface ConversationService {
  /** Handles one user input. Inputs for the same conversation are handled strictly in order. */
  handle(incoming: Incoming): Promise<Outgoing>;
}
