import type { EngineEvent } from '../engine/types.ts';

/** What the conversation service reports for /metrics; the ops layer implements it with prom-client. */
export interface ServiceMetrics {
  /** time one engine step took */
  engineSeconds(seconds: number): void;
  /** the analytics events of a step (diagnoses, follow-ups, feedback, hand-offs) */
  events(events: readonly EngineEvent[]): void;
  /** a message was refused by the per-user rate limit */
  rateLimited?(): void;
  /** a step failed and the user got the friendly error reply */
  failed?(): void;
}
