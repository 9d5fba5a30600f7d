/**
 * `keydoctor stats [--json] [--data-dir DIR]`: per cause, how often it was diagnosed, how often the
 * fix worked, and the redacted symptoms that ended unresolved: the gaps the knowledge base should
 * fill next.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE_NAME, DEFAULTS } from '../config/load-config.ts';
import { type CauseStats, SqliteFeedbackLog } from '../analytics/feedback-log.ts';
import type { CliCommand, CliIo } from './io.ts';

const USAGE = `Usage: keydoctor stats [--json] [--data-dir DIR]

Per cause: how often it was diagnosed, how often the fix worked ("Fixed it" / "Still broken"),
hand-offs, and the redacted symptoms that ended unresolved.

  --json            the same as JSON
  --data-dir DIR    where the bot keeps its SQLite file (default: DATA_DIR, else ./data)
`;
/** Long symptoms are shortened in the table (the JSON has them whole). */
const SYMPTOM_PREVIEW_CHARS = 100;

type Args = { json: boolean; help?: true; dataDir?: string };

function parseArgs(args: string[]): Args | string {
  const parsed: Args = { json: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') parsed.json = true;
    else if (arg === '--help' || arg === '-h') parsed.help = true;
    else if (arg === '--data-dir') {
      const dir = args[++i];
      if (!dir) return '--data-dir needs a directory';
      parsed.dataDir = dir;
    } else if (arg.startsWith('--data-dir=')) parsed.dataDir = arg.slice('--data-dir='.length);
    else return `unknown argument: ${arg}`;
  }
  return parsed;
}

const percent = (rate: number | null) => (rate === null ? '-' : `${Math.round(rate * 100)}%`);
const when = (at: number) => new Date(at).toISOString().slice(0, 16).replace('T', ' ');
const preview = (text: string) =>
  text.length > SYMPTOM_PREVIEW_CHARS ? `${text.slice(0, SYMPTOM_PREVIEW_CHARS - 1)}…` : text;

/** The stats as an aligned text table followed by the unresolved symptoms per cause. */
export function formatStatsTable(stats: readonly CauseStats[]): string {
  if (stats.length === 0) return 'No diagnoses recorded yet.\n';
  const header = ['cause', 'diagnosed', 'fixed', 'broken', 'hand-offs', 'resolved'];
  const rows = stats.map((s) => [
    s.causeId,
    String(s.diagnosed),
    String(s.fixed),
    String(s.broken),
    String(s.handoffs),
    percent(s.resolutionRate),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const out = [line(header), ...rows.map(line)];
  const unresolved = stats.filter((s) => s.unresolved.length > 0);
  if (unresolved.length > 0) {
    out.push('', 'Unresolved (most recent first):');
    for (const s of unresolved) {
      out.push(`  ${s.causeId}`);
      for (const u of s.unresolved) {
        const said = u.symptoms.map((t) => JSON.stringify(preview(t))).join(' / ') || '(no message)';
        out.push(`    ${when(u.at)}  ${u.outcome.padEnd(9)}  ${said}`);
      }
    }
  }
  return `${out.join('\n')}\n`;
}

function databaseFile(args: Args, io: CliIo): string {
  const dir = args.dataDir ?? (io.env.DATA_DIR?.trim() || DEFAULTS.dataDir);
  return path.join(path.resolve(io.cwd, dir), DATABASE_FILE_NAME);
}

export const run: CliCommand = async (args, io) => {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    io.stderr.write(`keydoctor stats: ${parsed}\n${USAGE}`);
    return 2;
  }
  if (parsed.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const file = databaseFile(parsed, io);
  let stats: CauseStats[] = [];
  if (existsSync(file)) {
    const log = new SqliteFeedbackLog({ file });
    try {
      stats = log.stats();
    } finally {
      await log.close();
    }
  } else if (!parsed.json) {
    // one line, on stdout like the table it stands for
    io.stdout.write(`No diagnoses recorded yet (${file} does not exist; the bot creates it when it runs).\n`);
    return 0;
  }
  io.stdout.write(
    parsed.json ? `${JSON.stringify({ dataFile: file, causes: stats }, null, 2)}\n` : formatStatsTable(stats),
  );
  return 0;
};
