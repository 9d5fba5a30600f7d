import type { EngineEvent } from '../engine/types.ts';
import {
  type AnalyticsRecord,
  buildStats,
  type CauseCounts,
  type CauseStats,
  emptyCounts,
  type FeedbackLog,
  type RecordContext,
  toRecords,
  UNRESOLVED_PER_CAUSE,
  type UnresolvedCase,
} from './analytics.ts';

/** Keeps analytics in memory: for tests and runs without a data directory. */
export class MemoryFeedbackLog implements FeedbackLog {
  readonly records: (AnalyticsRecord & { at: number; platform: string })[] = [];

  sweepBefore(cutoff: number): number {
    const kept = this.records.filter((r) => r.at >= cutoff);
    const deleted = this.records.length - kept.length;
    this.records.splice(0, this.records.length, ...kept);
    return deleted;
  }

  record(events: readonly EngineEvent[], context: RecordContext): void {
    for (const record of toRecords(events, context.state)) {
      this.records.push({ ...record, at: context.at, platform: context.platform });
    }
  }

  stats(options: { unresolvedPerCause?: number } = {}): CauseStats[] {
    const limit = options.unresolvedPerCause ?? UNRESOLVED_PER_CAUSE;
    const counts = new Map<string, CauseCounts>();
    const unresolved = new Map<string, UnresolvedCase[]>();
    const countsOf = (causeId: string) => {
      const c = counts.get(causeId) ?? emptyCounts();
      counts.set(causeId, c);
      return c;
    };
    const addUnresolved = (causeId: string, item: UnresolvedCase) => {
      unresolved.set(causeId, [...(unresolved.get(causeId) ?? []), item]);
    };
    for (const r of this.records) {
      if (r.kind === 'diagnosed') countsOf(r.causeId).diagnosed++;
      if (r.kind === 'feedback') {
        if (r.fixed) countsOf(r.causeId).fixed++;
        else {
          countsOf(r.causeId).broken++;
          addUnresolved(r.causeId, { at: r.at, outcome: 'broken', symptoms: r.symptoms });
        }
      }
      if (r.kind === 'handoff') {
        countsOf(r.causeId).handoffs++;
        addUnresolved(r.causeId, { at: r.at, outcome: r.reason, symptoms: r.symptoms });
      }
    }
    for (const [causeId, items] of unresolved) {
      // Stable sort keeps insertion order among equal times, so the later record comes first.
      unresolved.set(
        causeId,
        items
          .reverse()
          .sort((a, b) => b.at - a.at)
          .slice(0, limit),
      );
    }
    return buildStats(counts, unresolved);
  }

  async close(): Promise<void> {}
}
