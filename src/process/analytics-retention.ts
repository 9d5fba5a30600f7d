/**
 * Analytics outlive conversations (they feed `keydoctor stats`) but not forever: records older
 * than ANALYTICS_RETENTION_DAYS are deleted at start-up and then periodically, like expired
 * conversations, so redacted symptoms do not stay on disk indefinitely.
 */
import type { FeedbackLog } from '../analytics/analytics.ts';
import { DEFAULT_SWEEP_INTERVAL_MS } from '../state/sqlite-state.ts';

export const MS_PER_DAY = 24 * 60 * 60 * 1000;

export interface AnalyticsRetentionOptions {
  feedback: FeedbackLog;
  retentionDays: number;
  intervalMs?: number;
  clock?: () => number;
  onSwept?: (deleted: number) => void;
  /** a failed sweep is retried at the next interval */
  onError?: (error: unknown) => void;
}

/** Sweeps now and every interval; `stop()` ends it. */
export function startAnalyticsRetention(options: AnalyticsRetentionOptions): {
  sweep(): number;
  stop(): void;
} {
  const clock = options.clock ?? Date.now;
  const sweep = (): number => {
    try {
      const deleted = options.feedback.sweepBefore(clock() - options.retentionDays * MS_PER_DAY);
      if (deleted > 0) options.onSwept?.(deleted);
      return deleted;
    } catch (error) {
      options.onError?.(error);
      return 0;
    }
  };
  sweep();
  const timer = setInterval(sweep, options.intervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
