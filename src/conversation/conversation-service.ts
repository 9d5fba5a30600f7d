import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { MAX_ANALYSED_CHARS } from '../engine/limits.ts';
import type {
  ConversationState,
  CredentialFingerprint,
  Engine,
  EngineEvent,
  EngineInput,
} from '../engine/types.ts';
import { capHeadAndTail } from '../redaction/cap.ts';
import { redactText } from '../redaction/redact-json.ts';
import { distinctFingerprints, redactSecrets } from '../redaction/redact.ts';
import type { FeedbackLog, RecordContext } from '../analytics/analytics.ts';
import { conversationKeyString } from '../state/conversation-store.ts';
import { loadConversation, saveConversation } from '../state/conversations.ts';
import type { StateStore } from '../state/state-store.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { Outbox, type OutboxEntry } from './outbox.ts';
import { createConversationMemory } from './conversation-memory.ts';
import type { ServiceMetrics } from './service-metrics.ts';
import { internalErrorReply, rateLimitedReply, storageFaultReply } from './service-replies.ts';
import { storageFaultCode } from './storage-fault.ts';
import { DEFAULT_LOCK_TTL_MS, type HeldLock, holdLock } from './turn-lock.ts';
import type {
  ConversationService,
  Delivery,
  DeliveryProgress,
  Incoming,
  Outgoing,
  Poster,
  TurnResult,
} from './types.ts';

/** The window the per-user limit counts messages in. */
export const RATE_WINDOW_MS = 60_000;
/** A Retry-After up to this long is waited out inside the turn (keeping the reply in order). */
export const MAX_IN_TURN_WAIT_MS = 60_000;
/** Attempts to post within one turn before the answer is left to the outbox. */
const IN_TURN_ATTEMPTS = 3;
/** After a shutdown starts, posts still running get this long before their answer is left to the outbox. */
export const SHUTDOWN_POST_GRACE_MS = 2_000;

export interface ConversationServiceOptions {
  /** the engine to use; a function so a knowledge reload can swap it without restarting adapters */
  engine: () => Engine;
  /** conversations, locks, dedupe, threads, rate limits and the outbox */
  store: StateStore;
  /** idle conversations expire this long after their last message */
  ttlMs: number;
  clock?: () => number;
  /** called with the engine's analytics events after the state is saved */
  onEvents?: (incoming: Incoming, events: EngineEvent[]) => void;
  /** messages one user may send per minute; 0 or unset = no limit */
  rateLimitPerMinute?: number;
  /** longer messages are cut to this many characters before the engine sees them; unset = no cap */
  maxMessageChars?: number;
  /** how long a conversation lock lives without being extended (a dead process blocks this long) */
  lockTtlMs?: number;
  /** how often the outbox is looked at (0: never, tests call it) */
  outboxPollMs?: number;
  /** waits before each later attempt to post an answer the platform refused for now */
  retryDelaysMs?: readonly number[];
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
  return distinctFingerprints([
    ...engineSaw,
    ...credentialsIn(incoming.input).filter((c) => !labels.has(c.label)),
  ]);
}

/** Who the rate limit counts: one user within one workspace of one platform. */
function userKey(incoming: Incoming): string {
  return [incoming.key.platform, incoming.key.workspace, incoming.user.id].map(encodeURIComponent).join(':');
}

/** The conversation a delivery goes to, as the lock key. */
const lockKeyOf = (incoming: Incoming) => `conversation:${conversationKeyString(incoming.key)}`;

class StoppingError extends Error {}

/** The outbox entry of the answer a turn is posting. */
interface TurnEntry {
  id: string;
  value: OutboxEntry;
  /** set once the turn decided the entry's fate (posted, rescheduled): the lease stops touching it */
  settled: boolean;
  /** the lease extension in flight, if any */
  leasing: Promise<void>;
}

/** Stops the lease extensions of `entry` and waits for one in flight. */
async function settle(entry: TurnEntry): Promise<void> {
  entry.settled = true;
  await entry.leasing.catch(() => undefined);
}

/**
 * One turn per message: lock, load, step, save, deliver, release, on whatever store is configured.
 * A failure in one step answers politely, leaves the stored state as it was and never stops the
 * service.
 */
export function createConversationService(options: ConversationServiceOptions): ConversationService & {
  /** stops waiting on Retry-Afters at once and on running posts after a short grace (their answers stay in the outbox) */
  interrupt(): void;
  /** interrupts, then resolves when every turn ended */
  drain(): Promise<void>;
  /** posts due outbox entries now (tests) */
  flushOutbox(): Promise<void>;
} {
  const { store, logger, metrics, feedback } = options;
  const queue = new KeyedQueue();
  const clock = options.clock ?? Date.now;
  const lockTtlMs = options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS;
  // long enough to outwait a dead holder's lock and a live holder's Retry-After
  const lockWaitMs = 2 * lockTtlMs + MAX_IN_TURN_WAIT_MS;
  const limit = options.rateLimitPerMinute ?? 0;
  // One owner for the length limit: the bot never passes on more than the engine analyses, so the
  // "I read N characters" notice is true.
  const maxChars =
    options.maxMessageChars === undefined ? undefined : Math.min(options.maxMessageChars, MAX_ANALYSED_CHARS);
  const outbox = new Outbox(store, logger, options.outboxPollMs, options.retryDelaysMs);
  const memory = createConversationMemory(store);
  // waits (Retry-After) end at once on shutdown; running posts get a short grace first
  const noWaiting = new AbortController();
  const stopping = new AbortController();
  // every running turn listens for the shutdown: one listener per turn in flight is expected
  setMaxListeners(0, noWaiting.signal, stopping.signal);

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

  function posterFor(delivery: Delivery): Poster | undefined {
    if ('post' in delivery)
      return {
        post: (_target, outgoing, progress) => delivery.post(outgoing, progress),
        ...(delivery.retryAfterMs ? { retryAfterMs: delivery.retryAfterMs } : {}),
      };
    return outbox.poster(delivery.platform);
  }

  /** Waits `ms`, or rejects at once when the service is stopping. */
  function pause(ms: number): Promise<void> {
    const { signal } = noWaiting;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new StoppingError());
      const onAbort = () => {
        clearTimeout(timer);
        reject(new StoppingError());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  function interrupt(): void {
    if (noWaiting.signal.aborted) return;
    noWaiting.abort();
    setTimeout(() => stopping.abort(), SHUTDOWN_POST_GRACE_MS).unref();
  }

  /** Settles with the post, or rejects at once when the service is stopping (a hung call). */
  function unlessStopping<T>(work: Promise<T>): Promise<T> {
    if (stopping.signal.aborted) return Promise.reject(new StoppingError());
    let onAbort: () => void = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new StoppingError());
      stopping.signal.addEventListener('abort', onAbort, { once: true });
    });
    return Promise.race([work, aborted]).finally(() => stopping.signal.removeEventListener('abort', onAbort));
  }

  /**
   * Posts the answer, waiting out short Retry-Afters in the turn. Outbox deliveries keep their
   * entry until posted; a failure that can pass leaves it due later.
   */
  async function deliver(
    delivery: Delivery,
    outgoing: Outgoing,
    entry: TurnEntry | undefined,
  ): Promise<TurnResult> {
    const poster = posterFor(delivery);
    if (!poster) {
      logger?.error({ platform: 'platform' in delivery ? delivery.platform : '?' }, 'no poster registered');
      return { status: 'failed', outgoing };
    }
    let done = 0;
    const progress: DeliveryProgress = {
      get done() {
        return done;
      },
      stepDone: () => void done++,
    };
    const target = 'target' in delivery ? delivery.target : undefined;
    for (let attempt = 1; ; attempt++) {
      try {
        await unlessStopping(poster.post(target, outgoing, progress));
        // the caller clears the entry together with the lock's release
        if (entry) await settle(entry);
        return { status: 'answered', outgoing };
      } catch (error) {
        const stoppingNow = error instanceof StoppingError;
        const retryAfter = stoppingNow ? 0 : poster.retryAfterMs?.(error);
        // only an explicit Retry-After is waited out here; other failures back off in the outbox
        const waitable =
          retryAfter !== undefined &&
          retryAfter > 0 &&
          retryAfter <= MAX_IN_TURN_WAIT_MS &&
          attempt < IN_TURN_ATTEMPTS;
        if (waitable && !stoppingNow) {
          logger?.warn(
            { retryAfterMs: retryAfter, attempt },
            'the platform asked to wait; retrying this answer',
          );
          try {
            await pause(retryAfter);
            continue;
          } catch {
            // stopping: fall through and leave the answer in the outbox
          }
        }
        if (!entry) {
          logger?.error({ err: describe(error) }, 'posting an answer failed');
          return { status: 'failed', outgoing };
        }
        const value = { ...entry.value, done };
        await settle(entry);
        if (noWaiting.signal.aborted) {
          await outbox.put(value, clock(), entry.id);
          return { status: 'queued', outgoing };
        }
        const kept = await outbox.reschedule(entry.id, value, error, Date.now());
        logger?.warn({ err: describe(error), kept }, 'posting an answer failed');
        return { status: kept ? 'queued' : 'failed', outgoing };
      }
    }
  }

  /**
   * Takes the conversation's lock and reads its state in one round trip: the store applies one
   * process's operations in the order they were started, so a read sent right behind a lock that was
   * free sees what the last holder saved. A lock taken only after waiting is read again.
   */
  async function lockAndLoad(incoming: Incoming, keepLeased: () => Promise<void>) {
    const lockKey = lockKeyOf(incoming);
    const firstAttempt = store.acquireLock(lockKey, lockTtlMs);
    const early = loadConversation(store, incoming.key);
    // read again below when the lock was busy; this read's failure then does not matter
    early.catch(() => undefined);
    const held = await holdLock(store, lockKey, {
      ttlMs: lockTtlMs,
      waitMs: lockWaitMs,
      onExtend: keepLeased,
      signal: noWaiting.signal,
      firstAttempt,
    });
    try {
      const state = await (held.firstTry ? early : loadConversation(store, incoming.key));
      return { held, state };
    } catch (error) {
      await held.release();
      throw error;
    }
  }

  /**
   * Saves the state while the lock is held and, in the same round trip, keeps the answer in the
   * outbox (leased to this turn). A save refused because the lock was lost takes the entry back.
   */
  async function saveAndKeep(
    incoming: Incoming,
    state: ConversationState,
    held: HeldLock,
    entry: TurnEntry | undefined,
  ): Promise<boolean> {
    if (held.lost()) return false;
    const saving = saveConversation(store, incoming.key, state, options.ttlMs, held.lock);
    const keeping = entry ? outbox.put(entry.value, Date.now() + lockTtlMs, entry.id) : Promise.resolve('');
    const [saved, kept] = await Promise.allSettled([saving, keeping]);
    if (saved.status === 'rejected' || !saved.value) {
      if (entry && kept.status === 'fulfilled')
        await outbox.remove(entry.value.platform, entry.id).catch(() => {});
      if (saved.status === 'rejected') throw saved.reason;
      return false;
    }
    if (kept.status === 'rejected') throw kept.reason;
    return true;
  }

  async function lockedTurn(incoming: Incoming, delivery: Delivery): Promise<TurnResult> {
    const { input, truncated } = capInput(incoming.input, maxChars);
    let entry: TurnEntry | undefined;
    let held: HeldLock | undefined;
    let outgoing: Outgoing;
    try {
      // the answer being posted stays leased to this turn while it runs
      const keepLeased = async () => {
        if (!entry || entry.settled) return;
        entry.leasing = outbox.put(entry.value, Date.now() + lockTtlMs, entry.id).then(() => undefined);
        await entry.leasing;
      };
      const taken = await lockAndLoad(incoming, keepLeased);
      held = taken.held;
      const now = clock();
      const started = performance.now();
      const result = options.engine().step(taken.state, input, { now });
      metrics?.engineSeconds((performance.now() - started) / 1000);
      const handoff = result.notices.find((n) => n.type === 'handoff');
      outgoing = {
        reply: result.reply,
        credentials: allCredentials(result.credentials, incoming, truncated),
        ...(handoff ? { handoff: { summary: handoff.summary.map(redactText) } } : {}),
        ...(truncated && input.type === 'message' ? { truncated: { analysedChars: input.text.length } } : {}),
      };
      if ('platform' in delivery) {
        const value: OutboxEntry = {
          platform: delivery.platform,
          target: delivery.target,
          outgoing,
          done: 0,
          attempts: 0,
        };
        entry = { id: randomUUID(), value, settled: false, leasing: Promise.resolve() };
      }
      if (!(await saveAndKeep(incoming, result.state, held, entry))) {
        // Another process took the conversation while this turn ran: its state is newer.
        entry = undefined;
        logger?.warn(
          { conversation: conversationKeyString(incoming.key) },
          'lost the conversation lock mid-turn; nothing saved',
        );
        throw new Error('conversation lock lost');
      }
      afterSave(incoming, result.events, { platform: incoming.key.platform, at: now, state: result.state });
    } catch (error) {
      entry = undefined;
      await held?.release();
      metrics?.failed?.();
      const code = storageFaultCode(error);
      if (code) {
        logger?.error(
          { code, platform: incoming.key.platform, conversation: conversationKeyString(incoming.key) },
          'the conversation store cannot save (disk full, read-only or damaged database); the user was asked to try again later',
        );
        outgoing = { reply: storageFaultReply(), credentials: credentialsIn(incoming.input) };
        return deliverSafely(delivery, outgoing, undefined);
      }
      logger?.error(
        { err: error, platform: incoming.key.platform, conversation: conversationKeyString(incoming.key) },
        'handling a message failed; the conversation state was left unchanged',
      );
      outgoing = { reply: internalErrorReply(), credentials: credentialsIn(incoming.input) };
      return deliverSafely(delivery, outgoing, undefined);
    }
    let result: TurnResult | undefined;
    try {
      result = await deliverSafely(delivery, outgoing, entry);
      return result;
    } finally {
      // The posted answer leaves the outbox and the lock is released in one round trip (in this
      // order: a crash in between leaves no entry to post twice).
      const posted =
        entry && result?.status === 'answered' ? outbox.remove(entry.value.platform, entry.id) : undefined;
      await Promise.all([
        posted?.catch((error: unknown) =>
          logger?.warn({ err: describe(error) }, 'could not clear a posted answer'),
        ),
        held.release(),
      ]);
    }
  }

  async function deliverSafely(
    delivery: Delivery,
    outgoing: Outgoing,
    entry: TurnEntry | undefined,
  ): Promise<TurnResult> {
    try {
      return await deliver(delivery, outgoing, entry);
    } catch (error) {
      logger?.error({ err: describe(error) }, 'delivering an answer failed');
      return { status: 'failed', outgoing };
    }
  }

  /** Over the limit: one notice per window, then silence (a credential is still warned about). */
  async function refuse(incoming: Incoming, delivery: Delivery, resetInMs: number): Promise<TurnResult> {
    metrics?.rateLimited?.();
    logger?.info({ platform: incoming.key.platform, user: incoming.user.id }, 'rate limited');
    // one linear scan of the whole message, and no engine: never costlier than an answered message
    const credentials = credentialsIn(incoming.input);
    const first = await store.setIfAbsent(`rate-notice:${userKey(incoming)}`, '1', Math.max(1, resetInMs));
    if (!first && credentials.length === 0) return { status: 'rate-limited' };
    const outgoing = { reply: rateLimitedReply(resetInMs), credentials };
    await deliverSafely(delivery, outgoing, undefined);
    return { status: 'rate-limited', outgoing };
  }

  async function turn(incoming: Incoming, delivery: Delivery): Promise<TurnResult> {
    try {
      if (incoming.deliveryId && !(await memory.firstDelivery(incoming.deliveryId)))
        return { status: 'duplicate' };
      if (limit > 0) {
        const { count, resetInMs } = await store.increment(`rate:${userKey(incoming)}`, RATE_WINDOW_MS);
        if (count > limit) return await refuse(incoming, delivery, resetInMs);
      }
    } catch (error) {
      logger?.error({ err: error }, 'the state store failed before a turn');
      return deliverSafely(
        delivery,
        { reply: internalErrorReply(), credentials: credentialsIn(incoming.input) },
        undefined,
      );
    }
    return queue.run(conversationKeyString(incoming.key), () => lockedTurn(incoming, delivery));
  }

  return {
    ...memory,
    turn,
    async handle(incoming: Incoming): Promise<Outgoing> {
      let shown: Outgoing | undefined;
      const result = await turn(incoming, {
        post: async (outgoing) => {
          shown = outgoing;
        },
      });
      return shown ?? result.outgoing ?? { reply: rateLimitedReply(RATE_WINDOW_MS), credentials: [] };
    },
    registerPoster: (platform, poster) => outbox.register(platform, poster),
    interrupt,
    async drain() {
      interrupt();
      await outbox.stop();
      await queue.drain();
    },
    flushOutbox: () => outbox.pollOnce(),
  };
}

/** The error's name and message: never the payload it was handling. */
function describe(error: unknown): { name: string; message: string } {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'NonError', message: String(error) };
}
