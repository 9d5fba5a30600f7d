import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { redactSecrets } from '../redaction/redact.ts';
import type { CredentialFingerprint, Engine, EngineEvent, EngineInput, Reply } from '../engine/types.ts';
import type { FeedbackLog, RecordContext } from '../state/analytics.ts';
import { type ConversationStore, conversationKeyString } from '../state/conversation-store.ts';
import { redactText } from '../redaction/redact-json.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { SlidingWindowRateLimiter } from './rate-limiter.ts';
import type { ServiceMetrics } from './service-metrics.ts';
import { internalErrorReply, rateLimitedReply, storageFaultReply, truncatedNote } from './service-replies.ts';
import { storageFaultCode } from './storage-fault.ts';
import { capHeadAndTail } from '../redaction/cap.ts';
import type { ConversationService, Incoming, Outgoing } from './types.ts';

export interface ConversationServiceOptions {
  /** the engine to use; a function so a knowledge reload can swap it without restarting adapters */
  engine: () => Engine;
  store: ConversationStore;
  /** idle conversations expire this long after their last message */
  ttlMs: number;
  clock?: () => number;
  /** called with the engine's analytics events after the state is saved */
  onEvents?: (incoming: Incoming, events: EngineEvent[]) => void;
  /** messages one user may send per minute; 0 or unset = no limit */
  rateLimitPerMinute?: number;
  /** longer messages are cut to this many characters before the engine sees them; unset = no cap */
  maxMessageChars?: number;
  /** where diagnoses, feedback and hand-offs are recorded for `keydoctor stats` */
  feedback?: FeedbackLog;
  metrics?: ServiceMetrics;
  logger?: Logger;
}

function capInput(input: EngineInput, max: number | undefined): { input: EngineInput; truncated: boolean } {
  if (input.type !== 'message' || max === undefined || input.text.length <= max)
    return { input, truncated: false };
  return { input: { type: 'message', text: capHeadAndTail(input.text, max) }, truncated: true };
}

/**
 * Credentials in a message the engine did not read (rate limited, failed): still reported so the
 * adapter can warn the user and delete the message.
 */
function credentialsIn(input: EngineInput): CredentialFingerprint[] {
  return input.type === 'message' ? redactSecrets(input.text).credentials : [];
}

/** The engine's credentials plus any the length cap dropped whole (a key in the cut middle). */
function allCredentials(engineSaw: CredentialFingerprint[], incoming: Incoming, truncated: boolean) {
  if (!truncated) return engineSaw;
  const labels = new Set(engineSaw.map((c) => c.label));
  return [...engineSaw, ...credentialsIn(incoming.input).filter((c) => !labels.has(c.label))];
}

function withNote(reply: Reply, max: number): Reply {
  return { ...reply, blocks: [...reply.blocks, truncatedNote(max)] };
}

/** Who the rate limit counts: one user within one workspace of one platform. */
function userKey(incoming: Incoming): string {
  return [incoming.key.platform, incoming.key.workspace, incoming.user.id].map(encodeURIComponent).join(':');
}

/**
 * Load state, step the engine, save state: strictly in order within one conversation. A failure in
 * one step answers politely, leaves the stored state as it was and never stops the service.
 */
export function createConversationService(options: ConversationServiceOptions): ConversationService & {
  drain(): Promise<void>;
} {
  const queue = new KeyedQueue();
  const clock = options.clock ?? Date.now;
  const limiter = new SlidingWindowRateLimiter(options.rateLimitPerMinute ?? 0);
  const { logger, metrics, feedback } = options;

  function afterSave(incoming: Incoming, events: EngineEvent[], context: RecordContext) {
    // Analytics must never cost the user their answer.
    try {
      metrics?.events(events);
      feedback?.record(events, context);
      options.onEvents?.(incoming, events);
    } catch (error) {
      logger?.error({ err: error }, 'recording analytics failed');
    }
  }

  async function step(incoming: Incoming): Promise<Outgoing> {
    const now = clock();
    const { input, truncated } = capInput(incoming.input, options.maxMessageChars);
    try {
      const state = await options.store.get(incoming.key, now);
      const started = performance.now();
      const result = options.engine().step(state, input, { now });
      metrics?.engineSeconds((performance.now() - started) / 1000);
      await options.store.set(incoming.key, result.state, now, options.ttlMs);
      afterSave(incoming, result.events, { platform: incoming.key.platform, at: now, state: result.state });
      const handoff = result.events.find((e) => e.type === 'handoff');
      return {
        reply: truncated ? withNote(result.reply, options.maxMessageChars!) : result.reply,
        credentials: allCredentials(result.credentials, incoming, truncated),
        ...(handoff?.type === 'handoff' ? { handoff: { summary: handoff.summary.map(redactText) } } : {}),
      };
    } catch (error) {
      metrics?.failed?.();
      const code = storageFaultCode(error);
      if (code) {
        logger?.error(
          { code, platform: incoming.key.platform, conversation: conversationKeyString(incoming.key) },
          'the conversation store cannot save (disk full, read-only or damaged database); the user was asked to try again later',
        );
        return { reply: storageFaultReply(), credentials: credentialsIn(incoming.input) };
      }
      logger?.error(
        { err: error, platform: incoming.key.platform, conversation: conversationKeyString(incoming.key) },
        'handling a message failed; the conversation state was left unchanged',
      );
      return { reply: internalErrorReply(), credentials: credentialsIn(incoming.input) };
    }
  }

  return {
    handle(incoming: Incoming): Promise<Outgoing> {
      const now = clock();
      if (!limiter.tryAcquire(userKey(incoming), now)) {
        metrics?.rateLimited?.();
        logger?.info({ platform: incoming.key.platform, user: incoming.user.id }, 'rate limited');
        return Promise.resolve({
          reply: rateLimitedReply(limiter.retryAfterMs(userKey(incoming), now)),
          // one linear scan of the message, and no engine: never costlier than an answered message
          credentials: credentialsIn(incoming.input),
        });
      }
      return queue.run(conversationKeyString(incoming.key), () => step(incoming));
    },
    drain: () => queue.drain(),
  };
}
