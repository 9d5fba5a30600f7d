/**
 * Audits the error catalogue against labelled reports: for every catalogue entry, which causes the
 * reports that print its string really had, next to the causes the entry names. An entry whose
 * most frequent real cause it does not name at all is flagged: the knowledge base has not learned
 * what the corpus shows about that string.
 */
import { buildCore } from '../engine/core.ts';
import { extractEvidence } from '../engine/evidence/index.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import type { EvalCase } from './eval-case.ts';

/** Default least number of matching reports before an entry is judged. */
export const AUDIT_MIN_REPORTS = 5;
/** The most frequent real cause must hold at least this share of the entry's reports to be flagged. */
export const AUDIT_MIN_SHARE = 0.25;

export interface CatalogueAuditRow {
  provider: string;
  match: string;
  /** reports in which the entry matched */
  reports: number;
  /** cause id -> reports labelled with it (a case's `also` counts too), most frequent first */
  seen: [string, number][];
  /** cause id -> the entry's weight */
  weights: Record<string, number>;
  /** the most frequent real cause, when the entry does not name it and it is frequent enough */
  missing?: string;
}

/** One row per catalogue entry that matched at least `minReports` reports, most reports first. */
export function auditCatalogue(
  knowledge: Knowledge,
  cases: readonly EvalCase[],
  now: number,
  minReports = AUDIT_MIN_REPORTS,
): CatalogueAuditRow[] {
  const { model: _unused, ...withoutModel } = knowledge;
  const core = buildCore(withoutModel);
  const rows = new Map<
    string,
    {
      provider: string;
      match: string;
      weights: Record<string, number>;
      counts: Map<string, number>;
      reports: number;
    }
  >();
  for (const c of cases) {
    const evidence = extractEvidence(core.evidence, c.text, now);
    const labels = new Set([c.cause, ...c.also]);
    const seenHere = new Set<string>();
    for (const hit of evidence.errors) {
      const key = `${hit.provider}\u0000${hit.match}`;
      if (seenHere.has(key)) continue;
      seenHere.add(key);
      const row = rows.get(key) ?? {
        provider: hit.provider,
        match: hit.match,
        weights: hit.causes,
        counts: new Map<string, number>(),
        reports: 0,
      };
      row.reports++;
      for (const id of labels) row.counts.set(id, (row.counts.get(id) ?? 0) + 1);
      rows.set(key, row);
    }
  }
  return [...rows.values()]
    .filter((r) => r.reports >= minReports)
    .map((r) => {
      const seen = [...r.counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const [top, count] = seen[0] ?? ['', 0];
      const flagged = top !== '' && !((r.weights[top] ?? 0) > 0) && count / r.reports >= AUDIT_MIN_SHARE;
      return {
        provider: r.provider,
        match: r.match,
        reports: r.reports,
        seen,
        weights: r.weights,
        ...(flagged ? { missing: top } : {}),
      };
    })
    .sort((a, b) => b.reports - a.reports || a.match.localeCompare(b.match));
}

/** The audit as text: one block per entry, flagged ones marked. */
export function formatCatalogueAudit(rows: readonly CatalogueAuditRow[], minReports: number): string {
  if (rows.length === 0) return `No catalogue entry matched ${minReports} or more reports.\n`;
  const flagged = rows.filter((r) => r.missing !== undefined).length;
  const blocks = rows.map((r) => {
    const mark =
      r.missing !== undefined ? `  << names no weight for ${r.missing}, the most frequent cause` : '';
    const seen = r.seen.map(([id, n]) => `${id} ${n}`).join(', ');
    const named = Object.entries(r.weights)
      .map(([id, w]) => `${id} ${w}`)
      .join(', ');
    return `${r.provider}: "${r.match}" in ${r.reports} reports${mark}\n  reports: ${seen}\n  catalogue: ${named}`;
  });
  return (
    `${rows.length} catalogue entries matched ${minReports} or more reports; ${flagged} flagged.\n\n` +
    `${blocks.join('\n')}\n`
  );
}
