/**
 * Answers that were acknowledged but not yet posted, kept in the store until they are: a 429 or an
 * outage delays them, a restart or another process posts them. An entry leaves the outbox only once
 * its answer was posted (or refused for good).
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { StateStore } from '../state/state-store.ts';
import type { Outgoing, Poster } from './types.ts';

/** Waits before each later attempt when the platform gave no Retry-After. */
export const OUTBOX_RETRY_DELAYS_MS = [5_000, 30_000, 2 * 60_000, 10 * 60_000];
/** How often due entries are looked for. */
export const OUTBOX_POLL_MS = 1_000;
/** A claimed entry is left alone this long; a claimer that dies lets it come due again. */
const CLAIM_LEASE_MS = 60_000;
const CLAIM_BATCH = 20;

export interface OutboxEntry {
  platform: string;
  target: unknown;
  outgoing: Outgoing;
  /** delivery steps already posted */
  done: number;
  /** failed attempts so far */
  attempts: number;
}

const queueOf = (platform: string) => `outbox:${platform}`;

export class Outbox {
  readonly #posters = new Map<string, Poster>();
  #timer: NodeJS.Timeout | undefined;
  #polling: Promise<void> | undefined;

  constructor(
    private readonly store: StateStore,
    private readonly logger: Logger | undefined,
    private readonly pollMs: number = OUTBOX_POLL_MS,
    private readonly retryDelaysMs: readonly number[] = OUTBOX_RETRY_DELAYS_MS,
  ) {}

  poster(platform: string): Poster | undefined {
    return this.#posters.get(platform);
  }

  register(platform: string, poster: Poster): void {
    this.#posters.set(platform, poster);
    if (this.#timer || this.pollMs <= 0) return;
    this.#timer = setInterval(() => {
      this.#polling ??= this.pollOnce().finally(() => (this.#polling = undefined));
    }, this.pollMs);
    this.#timer.unref();
  }

  /**
   * Keeps an entry, due at `dueAt`; returns its id. The entry is exactly what will be posted in the
   * conversation (replies are built from redacted text and carry credential fingerprints only), so it
   * is stored as it is: redacting it again would double the cost of every turn.
   */
  async put(entry: OutboxEntry, dueAt: number, id: string = randomUUID()): Promise<string> {
    await this.store.enqueue(queueOf(entry.platform), { id, value: JSON.stringify(entry), dueAt });
    return id;
  }

  async remove(platform: string, id: string): Promise<void> {
    await this.store.dequeue(queueOf(platform), id);
  }

  /** After a failed attempt: try again later, or give up when the failure cannot pass. */
  async reschedule(id: string, entry: OutboxEntry, error: unknown, now: number): Promise<boolean> {
    const retryAfter = this.#posters.get(entry.platform)?.retryAfterMs?.(error);
    const next = { ...entry, attempts: entry.attempts + 1 };
    const wait = retryAfter && retryAfter > 0 ? retryAfter : this.retryDelaysMs[entry.attempts];
    if (retryAfter === undefined || wait === undefined || entry.attempts >= this.retryDelaysMs.length) {
      this.logger?.error({ platform: entry.platform, attempts: next.attempts }, 'gave up posting an answer');
      await this.remove(entry.platform, id);
      return false;
    }
    await this.put(next, now + wait, id);
    return true;
  }

  /** Posts every due entry of every registered platform once. */
  async pollOnce(now: number = Date.now()): Promise<void> {
    for (const [platform, poster] of this.#posters) {
      const items = await this.store
        .claimDue(queueOf(platform), now, CLAIM_BATCH, CLAIM_LEASE_MS)
        .catch((error: unknown) => {
          this.logger?.warn({ err: error }, 'could not read the outbox');
          return [];
        });
      for (const item of items) {
        const entry = JSON.parse(item.value) as OutboxEntry;
        let done = entry.done;
        try {
          await poster.post(entry.target, entry.outgoing, { done, stepDone: () => void done++ });
          await this.remove(platform, item.id);
          this.logger?.info({ platform, attempts: entry.attempts }, 'posted an answer from the outbox');
        } catch (error) {
          await this.reschedule(item.id, { ...entry, done }, error, Date.now()).catch(() => undefined);
        }
      }
    }
  }

  async stop(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#polling;
  }
}
