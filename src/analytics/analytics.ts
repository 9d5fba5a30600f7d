/**
 * The analytics model shared by the feedback logs: what is recorded from the engine's events, and
 * the per-cause statistics `keydoctor stats` prints.
 */
import type { ConversationState, EngineEvent } from '../engine/types.ts';
import { redactText } from '../redaction/redact-json.ts';

/** The cause a hand-off is filed under when no diagnosis was given yet. */
export const NO_CAUSE = '(undiagnosed)';
/** How many unresolved cases `stats` lists per cause, most recent first. */
export const UNRESOLVED_PER_CAUSE = 10;

export type AnalyticsRecord =
  | { kind: 'diagnosed'; causeId: string; confidence: number }
  | { kind: 'asked'; questionId: string }
  | { kind: 'restarted' }
  | { kind: 'feedback'; causeId: string; fixed: boolean; path: string[]; symptoms: string[] }
  | {
      kind: 'handoff';
      reason: 'exhausted' | 'requested';
      causeId: string;
      summary: string[];
      symptoms: string[];
    };

/** Where and when events happened; the state (after the step) names the cause of a hand-off. */
export interface RecordContext {
  platform: string;
  at: number;
  state?: ConversationState;
}

/** Records the analytics facts of one engine step. */
export interface FeedbackLog {
  record(events: readonly EngineEvent[], context: RecordContext): void;
  stats(options?: { unresolvedPerCause?: number }): CauseStats[];
  /** Deletes every record from before `cutoff` (ms since epoch); returns how many. */
  sweepBefore(cutoff: number): number;
  close(): Promise<void>;
}

export interface UnresolvedCase {
  at: number;
  /** 'broken' = the user said the fix did not work; otherwise the hand-off reason */
  outcome: 'broken' | 'exhausted' | 'requested';
  /** the redacted messages the user wrote */
  symptoms: string[];
}

export interface CauseStats {
  causeId: string;
  diagnosed: number;
  fixed: number;
  broken: number;
  handoffs: number;
  /** fixed / (fixed + broken); null when nobody gave feedback yet */
  resolutionRate: number | null;
  unresolved: UnresolvedCase[];
}

const redactAll = (items: readonly string[]) => items.map(redactText);

/** Turns engine events into records, every user-derived string redacted once more. */
export function toRecords(events: readonly EngineEvent[], state?: ConversationState): AnalyticsRecord[] {
  return events.map((event) => toRecord(event, state));
}

function toRecord(event: EngineEvent, state: ConversationState | undefined): AnalyticsRecord {
  switch (event.type) {
    case 'diagnosed':
      return { kind: 'diagnosed', causeId: event.causeId, confidence: event.confidence };
    case 'asked':
      return { kind: 'asked', questionId: event.questionId };
    case 'restarted':
      return { kind: 'restarted' };
    case 'feedback':
      return {
        kind: 'feedback',
        causeId: event.causeId,
        fixed: event.fixed,
        path: redactAll(event.path),
        symptoms: redactAll(event.symptoms),
      };
    case 'handoff':
      return {
        kind: 'handoff',
        reason: event.reason,
        causeId: state?.currentCause ?? state?.ranked[0]?.causeId ?? NO_CAUSE,
        summary: redactAll(event.summary),
        symptoms: redactAll(state?.transcript ?? []),
      };
  }
}

/** Per-cause counts as the logs aggregate them. */
export interface CauseCounts {
  diagnosed: number;
  fixed: number;
  broken: number;
  handoffs: number;
}

/** Combines counts and unresolved cases into the stats rows, most diagnosed cause first. */
export function buildStats(
  counts: ReadonlyMap<string, CauseCounts>,
  unresolved: ReadonlyMap<string, UnresolvedCase[]>,
): CauseStats[] {
  return [...counts.entries()]
    .map(([causeId, c]) => ({
      causeId,
      ...c,
      resolutionRate: c.fixed + c.broken === 0 ? null : c.fixed / (c.fixed + c.broken),
      unresolved: unresolved.get(causeId) ?? [],
    }))
    .sort((a, b) => b.diagnosed - a.diagnosed || a.causeId.localeCompare(b.causeId));
}

export function emptyCounts(): CauseCounts {
  return { diagnosed: 0, fixed: 0, broken: 0, handoffs: 0 };
}
