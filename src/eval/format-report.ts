/** Renders an EvalReport as a plain-text table for the terminal and CI logs. */
import type { EvalReport } from './run-eval.ts';

/** How many confusions the table lists. */
export const MAX_CONFUSIONS_SHOWN = 10;

function pct(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function table(header: string[], rows: string[][], rightAligned: Set<number>): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `  ${cells
      .map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd()}`;
  return [line(header), ...rows.map(line)];
}

/** The summary, recall per cause (worst first) and the most frequent top-1 confusions. */
export function formatEvalReport(report: EvalReport, options: { misses?: boolean } = {}): string {
  const out: string[] = [
    `keydoctor eval: ${report.n} cases`,
    `  top-1  ${pct(report.top1).padStart(6)}  (${report.top1Hits}/${report.n})`,
    `  top-3  ${pct(report.top3).padStart(6)}  (${report.top3Hits}/${report.n})`,
    '',
    'Recall per cause (worst first)',
  ];
  const causes = Object.entries(report.perCause).sort(
    ([a, x], [b, y]) => x.recall - y.recall || x.top3 - y.top3 || a.localeCompare(b),
  );
  out.push(
    ...table(
      ['cause', 'n', 'top-1', 'top-3', 'precision'],
      causes.map(([id, s]) => [id, String(s.n), pct(s.top1), pct(s.top3), pct(s.precision)]),
      new Set([1, 2, 3, 4]),
    ),
  );

  for (const [title, groups] of [
    ['By writing style', report.byStyle],
    ['By provider', report.byProvider],
  ] as const) {
    const rows = Object.entries(groups).sort(([a, x], [b, y]) => x.top1 - y.top1 || a.localeCompare(b));
    if (rows.length === 0) continue;
    out.push('', title);
    out.push(
      ...table(
        ['', 'n', 'top-1', 'top-3'],
        rows.map(([key, g]) => [key, String(g.n), pct(g.top1), pct(g.top3)]),
        new Set([1, 2, 3]),
      ),
    );
  }

  out.push('', 'Most frequent confusions (top-1 misses)');
  const shown = report.confusions.slice(0, MAX_CONFUSIONS_SHOWN);
  if (shown.length === 0) out.push('  none');
  else
    out.push(
      ...table(
        ['expected', 'ranked first', 'count'],
        shown.map((c) => [c.expected, c.got, String(c.count)]),
        new Set([2]),
      ),
    );

  out.push('', `Calibration of the top-1 confidence (ECE ${report.calibration.ece.toFixed(3)})`);
  out.push(
    ...table(
      ['confidence', 'n', 'mean conf', 'accuracy'],
      report.calibration.bins
        .filter((b) => b.n > 0)
        .map((b) => [
          `${Math.round(b.from * 100)}-${Math.round(b.to * 100)}%`,
          String(b.n),
          pct(b.meanConfidence),
          pct(b.accuracy),
        ]),
      new Set([1, 2, 3]),
    ),
  );
  const high = report.calibration.high;
  out.push(`  stated at 90% or more: ${high.n}, right ${pct(high.accuracy)}`);

  if (options.misses && report.misses.length > 0) {
    out.push('', 'Top-1 misses');
    for (const m of report.misses) {
      out.push(`  line ${m.line}: expected ${m.expected}, got ${m.got.join(', ') || '(nothing)'}`);
    }
  }
  if (report.unknownCauses.length > 0) {
    out.push('', 'Cause ids the knowledge base does not define');
    for (const u of report.unknownCauses) out.push(`  line ${u.line}: ${u.cause}`);
  }
  if (report.errors.length > 0) {
    out.push('', 'Cases the engine failed on');
    for (const e of report.errors) out.push(`  line ${e.line}: ${e.message}`);
  }
  return `${out.join('\n')}\n`;
}
