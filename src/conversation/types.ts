/**
 * The narrow interface adapters see. An adapter parses a platform event into an `Incoming`, hands it
 * with a `Delivery` to `ConversationService.turn`, and renders the `Outgoing` it is asked to post.
 * Adapters never touch the engine or the store directly.
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
  /**
   * The platform's id of this delivery (Slack event id, Discord message or interaction id, a hash
   * of a signed slash-command body): a repeat, on any process, is dropped.
   */
  deliveryId?: string;
}

export interface Outgoing {
  reply: Reply;
  /** credentials the user pasted in this input (fingerprints only): warn privately, delete if possible */
  credentials: CredentialFingerprint[];
  /** set when the reply hands the conversation to a human: mention the support group with this summary */
  handoff?: { summary: string[] };
  /** set when the message was cut before analysis: say that only this many characters were read */
  truncated?: { analysedChars: number };
}

/** How far a delivery got: a retry resumes after the steps already posted. */
export interface DeliveryProgress {
  /** steps posted so far (by an earlier attempt too) */
  readonly done: number;
  /** call after each step is posted */
  stepDone(): void;
}

/** Posts one answer. Throws when the platform refused or did not answer. */
export interface Poster {
  post(target: unknown, outgoing: Outgoing, progress: DeliveryProgress): Promise<void>;
  /**
   * For a failure that can pass (429, 5xx, timeout): ms to wait before trying again (0: no advice,
   * the outbox's own back-off); undefined when it cannot pass (posting again is pointless).
   */
  retryAfterMs?(error: unknown): number | undefined;
}

/** Where a turn's answer goes. */
export type Delivery =
  /** kept in the store's outbox (JSON `target`) until posted, so a restart still posts it */
  | { platform: string; target: unknown }
  /** live objects (an interaction to follow up): posted once, not kept */
  | {
      post(outgoing: Outgoing, progress: DeliveryProgress): Promise<void>;
      retryAfterMs?: Poster['retryAfterMs'];
    };

export type TurnStatus =
  | 'answered' // the answer was posted
  | 'queued' // the answer is in the outbox: posted later (platform down, shutting down)
  | 'duplicate' // this delivery was handled already (here or on another process)
  | 'rate-limited' // the user is over the limit (one notice per window, then silence)
  | 'failed'; // the answer could not be posted and will not be retried

export interface TurnResult {
  status: TurnStatus;
  /** what was (or will be) posted; undefined when nothing is */
  outgoing?: Outgoing;
}

/** Cross-message facts adapters need, kept in the shared store. */
export interface ConversationMemory {
  /** true the first time `id` is seen (on any process) within the dedupe window */
  firstDelivery(id: string): Promise<boolean>;
  /** marks a thread as one keydoctor converses in */
  rememberThread(id: string): Promise<void>;
  /** true/false when known, undefined when never recorded */
  knowsThread(id: string): Promise<boolean | undefined>;
  /** records that a thread is not one of keydoctor's, for a while */
  forgetThread(id: string): Promise<void>;
}

export interface ConversationService extends ConversationMemory {
  /**
   * One turn: take the conversation's lock, load, step the engine, save, deliver, release. Turns of
   * one conversation run strictly in order, on one process or several.
   */
  turn(incoming: Incoming, delivery: Delivery): Promise<TurnResult>;
  /** A turn whose answer the caller renders itself (console, tests): returns what to show. */
  handle(incoming: Incoming): Promise<Outgoing>;
  /** Registers how a platform posts answers from the outbox (after a failure or a restart). */
  registerPoster(platform: string, poster: Poster): void;
}
