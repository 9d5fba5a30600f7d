import path from 'node:path';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/default-dir.ts';
import { displayPath, formatKnowledgeIssues } from '../knowledge/knowledge-error.ts';
import { checkKnowledgeDir, loadKnowledge } from '../knowledge/load.ts';
import type { CliCommand, CliIo } from './io.ts';

export const KB_USAGE = `Usage: keydoctor kb check [dir]

Validates a knowledge folder: YAML syntax, the schema of every file, and the decision tree
(unknown targets, cycles, unreachable questions and causes, dead-end answers, duplicate ids).
Every issue is printed as file:line:column field: message.

  dir   the knowledge folder (default: $KNOWLEDGE_DIR, else the shipped knowledge/)

Exit status: 0 when valid, 1 when issues were found, 2 on a usage error.
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
  if (subcommand !== 'check') {
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
    io.stderr.write(`keydoctor kb check: ${what}\n\n${KB_USAGE}`);
    return EXIT_USAGE;
  }
  return check(resolveDir(rest[0], io), io);
};

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
      `${knowledge.model ? `, a trained scorer (${knowledge.model.features.length} features)` : ''} (${shown})\n`,
  );
  return EXIT_OK;
}
