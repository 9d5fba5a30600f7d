import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_MIN_REPORTS, auditCatalogue, formatCatalogueAudit } from '../eval/catalogue-audit.ts';
import { EvalCasesError, parseEvalCases } from '../eval/eval-case.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/default-dir.ts';
import { displayPath, formatKnowledgeIssues, KnowledgeError } from '../knowledge/knowledge-error.ts';
import { checkKnowledgeDir, loadKnowledge } from '../knowledge/load.ts';
import { readKnowledgeDir } from '../knowledge/read-dir.ts';
import { writeYamlSnapshot } from '../knowledge/write-snapshot.ts';
import { SNAPSHOT_PATH, snapshotCoverage } from '../knowledge/yaml-snapshot.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './io.ts';

export const KB_USAGE = `Usage: keydoctor kb check [dir]
       keydoctor kb snapshot [dir]
       keydoctor kb audit CASES.jsonl [dir] [--min N] [--json]

check  validates a knowledge folder: YAML syntax, the schema of every file, and the decision tree
       (unknown targets, cycles, unreachable questions and causes, dead-end answers, duplicate ids).
       Every issue is printed as file:line:column field: message.
snapshot  writes model/parsed-yaml.json: the folder's YAML parsed once, read at start-up instead of
       parsing it again (a file edited since is parsed from its YAML; \`keydoctor train\` writes it too).
audit  holds the error catalogue against labelled reports: for every entry that matched at least
       N reports (default ${AUDIT_MIN_REPORTS}), the causes those reports really had next to the causes the entry
       names; an entry that names no weight for its most frequent real cause is flagged.

  dir   the knowledge folder (default: $KNOWLEDGE_DIR, else the shipped knowledge/)

Exit status: 0 when valid (audit: nothing flagged), 1 when issues were found (audit: an entry is
flagged), 2 on a usage error or an unreadable file.
`;

const EXIT_OK = 0;
const EXIT_INVALID = 1;
const EXIT_USAGE = 2;

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/** `keydoctor kb check [dir]`: validates a knowledge folder and reports every issue. */
export const run: CliCommand = async (args, io) => {
  const [subcommand, ...rest] = args;
  if (subcommand === undefined || HELP_FLAGS.has(subcommand)) {
    io.stdout.write(KB_USAGE);
    return EXIT_OK;
  }
  if (subcommand === 'audit') return audit(rest, io);
  if (subcommand !== 'check' && subcommand !== 'snapshot') {
    io.stderr.write(`keydoctor kb: unknown subcommand "${subcommand}"\n\n${KB_USAGE}`);
    return EXIT_USAGE;
  }
  if (rest.some((arg) => HELP_FLAGS.has(arg))) {
    io.stdout.write(KB_USAGE);
    return EXIT_OK;
  }
  const unknownFlag = rest.find((arg) => arg.startsWith('-'));
  if (unknownFlag !== undefined || rest.length > 1) {
    const what =
      unknownFlag !== undefined ? `unknown option "${unknownFlag}"` : 'expected at most one folder';
    io.stderr.write(`keydoctor kb ${subcommand}: ${what}\n\n${KB_USAGE}`);
    return EXIT_USAGE;
  }
  const dir = resolveDir(rest[0], io);
  return subcommand === 'check' ? check(dir, io) : snapshot(dir, io);
};

/** How current the folder's parsed YAML snapshot is, when it has one. */
function snapshotNote(dir: string): string {
  const coverage = snapshotCoverage(readKnowledgeDir(dir).files);
  if (!coverage) return '';
  const { current, total } = coverage;
  return current === total
    ? `, its YAML parsed in ${SNAPSHOT_PATH}`
    : `, ${total - current} of ${total} YAML files newer than ${SNAPSHOT_PATH} (parsed at start-up; \`keydoctor kb snapshot\` writes it again)`;
}

/** Writes the parsed YAML snapshot of a valid folder; an invalid one is reported as by check. */
function snapshot(dir: string, io: CliIo): number {
  const status = check(dir, io);
  if (status !== EXIT_OK) return status;
  const written = writeYamlSnapshot(dir);
  io.stdout.write(`wrote ${displayPath(written.path, io.cwd)} (${written.files} YAML files)\n`);
  return EXIT_OK;
}

function resolveDir(arg: string | undefined, io: CliIo): string {
  const chosen = arg ?? io.env.KNOWLEDGE_DIR;
  return chosen ? path.resolve(io.cwd, chosen) : DEFAULT_KNOWLEDGE_DIR;
}

function check(dir: string, io: CliIo): number {
  const shown = displayPath(dir, io.cwd);
  const issues = checkKnowledgeDir(dir);
  if (issues.length > 0) {
    const noun = issues.length === 1 ? 'issue' : 'issues';
    io.stderr.write(
      `knowledge invalid: ${issues.length} ${noun} in ${shown}\n${formatKnowledgeIssues(issues, io.cwd)}\n`,
    );
    return EXIT_INVALID;
  }
  const knowledge = loadKnowledge(dir);
  io.stdout.write(
    `knowledge OK: ${knowledge.causes.size} causes, ${knowledge.questions.size} questions, ` +
      `${knowledge.catalogue.length} catalogue entries, ${knowledge.providers.size} providers` +
      `${knowledge.model ? `, a trained scorer (${knowledge.model.features.length} features)` : ''}` +
      `${snapshotNote(dir)} (${shown})\n`,
  );
  return EXIT_OK;
}

function auditUsage(io: CliIo, problem: string): number {
  io.stderr.write(`keydoctor kb audit: ${problem}\n\n${KB_USAGE}`);
  return EXIT_USAGE;
}

/** `keydoctor kb audit CASES [dir] [--min N] [--json]`. */
function audit(args: string[], io: CliIo): number {
  if (args.some((arg) => HELP_FLAGS.has(arg))) {
    io.stdout.write(KB_USAGE);
    return EXIT_OK;
  }
  const parsed = parseArgs(args, { booleans: ['json'], values: ['min'] });
  if (parsed.problems.length > 0) return auditUsage(io, parsed.problems[0]!);
  const [casesFile, dirArg, ...extra] = parsed.positionals;
  if (casesFile === undefined) return auditUsage(io, 'give the labelled cases file');
  if (extra.length > 0) return auditUsage(io, 'expected a cases file and at most one folder');
  const minText = parsed.values.get('min') ?? String(AUDIT_MIN_REPORTS);
  if (!/^[1-9]\d*$/.test(minText))
    return auditUsage(io, `--min must be a whole number above 0 (got "${minText}")`);
  const min = Number(minText);
  const file = path.resolve(io.cwd, casesFile);
  try {
    const cases = parseEvalCases(readFileSync(file, 'utf8'), displayPath(file, io.cwd));
    const rows = auditCatalogue(loadKnowledge(resolveDir(dirArg, io)), cases, Date.now(), min);
    io.stdout.write(
      parsed.flags.has('json') ? `${JSON.stringify(rows, null, 2)}\n` : formatCatalogueAudit(rows, min),
    );
    return rows.some((r) => r.missing !== undefined) ? EXIT_INVALID : EXIT_OK;
  } catch (error) {
    if (error instanceof KnowledgeError) {
      io.stderr.write(`${formatKnowledgeIssues(error.issues, io.cwd)}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof EvalCasesError) {
      io.stderr.write(`keydoctor kb audit: ${error.message}\n`);
      return EXIT_USAGE;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.stderr.write(`keydoctor kb audit: cannot read ${displayPath(file, io.cwd)} (${code})\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
