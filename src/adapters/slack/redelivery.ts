/**
 * When Slack stays down longer than the Web API client's own retries, an answer is not dropped: the
 * steps not yet posted are tried again later, a few times, then given up (and logged). In-process
 * only: a restart forgets pending answers.
 */
import type { Logger } from 'pino';
import { slackErrorCode } from './platform-errors.ts';

/** Waits before each later attempt: Slack outages are usually minutes, not hours. */
export const DEFAULT_REDELIVERY_DELAYS_MS = [30_000, 2 * 60_000, 10 * 60_000];
/** Pending answers kept at most; beyond this the oldest is dropped (logged). */
const MAX_PENDING = 500;

/** One thing to post; steps run in order and a failed one is where a retry resumes. */
export type DeliveryStep = () => Promise<unknown>;

/** Failures that can pass once Slack recovers (not e.g. `channel_not_found`). */
export function isTransient(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code === 'rate_limited' || code === 'request_failed' || (code?.startsWith('http_5') ?? false);
}

export class Redelivery {
  readonly #timers = new Set<NodeJS.Timeout>();
  #stopped = false;

  constructor(
    private readonly delaysMs: readonly number[],
    private readonly logger: Logger,
  ) {}

  /**
   * Runs the steps in order. If one fails transiently, the rest (from the failed one) is scheduled for
   * later, and the error is rethrown so the caller reports it.
   */
  async run(steps: DeliveryStep[]): Promise<void> {
    const next = await this.#runFrom(steps, 0);
    if (next.failedAt === undefined) return;
    if (isTransient(next.error)) this.#schedule(steps, next.failedAt, 0);
    throw next.error;
  }

  /** Stops all pending redeliveries (the adapter is stopping). */
  stop(): void {
    this.#stopped = true;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
  }

  async #runFrom(steps: DeliveryStep[], from: number): Promise<{ failedAt?: number; error?: unknown }> {
    for (let i = from; i < steps.length; i++) {
      try {
        await steps[i]?.();
      } catch (error) {
        return { failedAt: i, error };
      }
    }
    return {};
  }

  #schedule(steps: DeliveryStep[], from: number, attempt: number): void {
    const delay = this.delaysMs[attempt];
    if (this.#stopped || delay === undefined) {
      if (!this.#stopped) this.logger.error({ attempts: attempt }, 'gave up posting an answer to Slack');
      return;
    }
    if (this.#timers.size >= MAX_PENDING) {
      this.logger.error('too many answers waiting for Slack; dropping this one');
      return;
    }
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      void this.#runFrom(steps, from).then((result) => {
        if (result.failedAt === undefined) {
          this.logger.info({ attempt: attempt + 1 }, 'posted an answer after Slack recovered');
          return;
        }
        if (isTransient(result.error)) this.#schedule(steps, result.failedAt, attempt + 1);
        else
          this.logger.error({ code: slackErrorCode(result.error) }, 'a delayed answer was refused by Slack');
      });
    }, delay);
    timer.unref();
    this.#timers.add(timer);
  }
}
