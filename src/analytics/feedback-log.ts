/**
 * Analytics in the same SQLite file as the conversations: what was diagnosed, asked, fixed or not,
 * and handed to a human. `stats()` answers "which causes does the knowledge base fail on?".
 */
import type Database from 'better-sqlite3';
import type { EngineEvent } from '../engine/types.ts';
import {
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
import { openDatabase, type SqliteDatabase } from '../state/sqlite-db.ts';

export type { CauseStats, FeedbackLog, RecordContext, UnresolvedCase } from './analytics.ts';
export { MemoryFeedbackLog } from './memory-feedback-log.ts';

const COUNTS_SQL = `
  SELECT cause_id, SUM(diagnosed) AS diagnosed, SUM(fixed) AS fixed, SUM(broken) AS broken,
         SUM(handoffs) AS handoffs
  FROM (
    SELECT cause_id, 1 AS diagnosed, 0 AS fixed, 0 AS broken, 0 AS handoffs FROM diagnoses
    UNION ALL SELECT cause_id, 0, fixed, 1 - fixed, 0 FROM feedback
    UNION ALL SELECT cause_id, 0, 0, 0, 1 FROM handoffs
  ) GROUP BY cause_id`;

const UNRESOLVED_SQL = `
  SELECT cause_id, at, outcome, symptoms FROM (
    SELECT *, ROW_NUMBER() OVER (PARTITION BY cause_id ORDER BY at DESC, seq DESC) AS n FROM (
      SELECT cause_id, at, 'broken' AS outcome, symptoms, id AS seq FROM feedback WHERE fixed = 0
      UNION ALL SELECT cause_id, at, reason, symptoms, id FROM handoffs
    )
  ) WHERE n <= ? ORDER BY cause_id, at DESC, seq DESC`;

/** Every table of analytics records (each has an `at` column); retention sweeps them all. */
const ANALYTICS_TABLES = ['diagnoses', 'dialogue_events', 'feedback', 'handoffs'] as const;

type CountRow = { cause_id: string } & CauseCounts;
type UnresolvedRow = { cause_id: string; at: number; outcome: UnresolvedCase['outcome']; symptoms: string };

export class SqliteFeedbackLog implements FeedbackLog {
  readonly #db: SqliteDatabase;
  readonly #ownsDb: boolean;

  /** Opens `file` (created and migrated), or uses an already open database without owning it. */
  constructor(source: { file: string; readonly?: boolean } | { db: SqliteDatabase }) {
    if ('db' in source) {
      this.#db = source.db;
      this.#ownsDb = false;
    } else {
      this.#db = openDatabase(source.file, { readonly: source.readonly ?? false });
      this.#ownsDb = true;
    }
  }

  record(events: readonly EngineEvent[], context: RecordContext): void {
    const records = toRecords(events, context.state);
    if (records.length === 0) return;
    const { at, platform } = context;
    const insert = this.#inserts();
    this.#db.transaction(() => {
      for (const r of records) {
        if (r.kind === 'diagnosed') insert.diagnosis.run(at, platform, r.causeId, r.confidence);
        else if (r.kind === 'asked') insert.dialogue.run(at, platform, r.kind, r.questionId);
        else if (r.kind === 'restarted') insert.dialogue.run(at, platform, r.kind, null);
        else if (r.kind === 'feedback')
          insert.feedback.run(
            at,
            platform,
            r.causeId,
            r.fixed ? 1 : 0,
            JSON.stringify(r.path),
            JSON.stringify(r.symptoms),
          );
        else
          insert.handoff.run(
            at,
            platform,
            r.reason,
            r.causeId,
            JSON.stringify(r.summary),
            JSON.stringify(r.symptoms),
          );
      }
    })();
  }

  /** Prepared once, on first use (a read-only stats run never needs them). */
  #prepared:
    | {
        diagnosis: Database.Statement<[number, string, string, number]>;
        dialogue: Database.Statement<[number, string, string, string | null]>;
        feedback: Database.Statement<[number, string, string, number, string, string]>;
        handoff: Database.Statement<[number, string, string, string, string, string]>;
      }
    | undefined;

  #inserts() {
    this.#prepared ??= {
      diagnosis: this.#db.prepare(
        'INSERT INTO diagnoses (at, platform, cause_id, confidence) VALUES (?, ?, ?, ?)',
      ),
      dialogue: this.#db.prepare(
        'INSERT INTO dialogue_events (at, platform, type, question_id) VALUES (?, ?, ?, ?)',
      ),
      feedback: this.#db.prepare(
        'INSERT INTO feedback (at, platform, cause_id, fixed, path, symptoms) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      handoff: this.#db.prepare(
        'INSERT INTO handoffs (at, platform, reason, cause_id, summary, symptoms) VALUES (?, ?, ?, ?, ?, ?)',
      ),
    };
    return this.#prepared;
  }

  sweepBefore(cutoff: number): number {
    let deleted = 0;
    this.#db.transaction(() => {
      for (const table of ANALYTICS_TABLES)
        deleted += this.#db.prepare<[number]>(`DELETE FROM ${table} WHERE at < ?`).run(cutoff).changes;
    })();
    return deleted;
  }

  stats(options: { unresolvedPerCause?: number } = {}): CauseStats[] {
    const counts = new Map<string, CauseCounts>();
    for (const row of this.#db.prepare<[], CountRow>(COUNTS_SQL).all()) {
      const { cause_id, ...c } = row;
      counts.set(cause_id, { ...emptyCounts(), ...c });
    }
    const unresolved = new Map<string, UnresolvedCase[]>();
    const limit = options.unresolvedPerCause ?? UNRESOLVED_PER_CAUSE;
    for (const row of this.#db.prepare<[number], UnresolvedRow>(UNRESOLVED_SQL).all(limit)) {
      const item: UnresolvedCase = { at: row.at, outcome: row.outcome, symptoms: JSON.parse(row.symptoms) };
      unresolved.set(row.cause_id, [...(unresolved.get(row.cause_id) ?? []), item]);
    }
    return buildStats(counts, unresolved);
  }

  async close(): Promise<void> {
    if (this.#ownsDb && this.#db.open) this.#db.close();
  }
}
