/** `keydoctor help`: the usage text, also printed for an unknown command. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './io.ts';

export const USAGE = `keydoctor: diagnose API-key and token authentication failures (401/403)

Usage:
  keydoctor chat [--knowledge DIR] [--no-color]
      chat in this terminal (answer by number or in words)
  keydoctor diagnose "symptom text" [--json | --markdown] [--knowledge DIR]
      one-shot diagnosis; or pipe the text in on stdin
      --json            ranked causes with scores, confidences and evidence, as JSON
      --markdown        GitHub-flavoured markdown instead of plain text
      --knowledge DIR   use this knowledge folder (default: KNOWLEDGE_DIR or the shipped one)
  keydoctor eval FILE.jsonl [--json] [--misses] [--knowledge DIR] [--now ISO-DATE]
                 [--min-top1 X] [--min-top3 Y] [--cv [--regression FILE]...] [--hand-tuned]
                 [--dialogue [--max-questions N]]
      accuracy of the engine on labelled cases; --misses lists every top-1 miss,
      --min-top1/--min-top3 exit 1 below a floor, --now fixes the time for token expiry,
      --cv cross-validates the learned scorer (folds grouped by repository, --regression files
      added to each fold's training data), --hand-tuned ignores the learned scorer,
      --dialogue plays each case as a conversation with a simulated user (at most N questions)
  keydoctor kb check [DIR]
      validate a knowledge folder (schema, tree, catalogue)
  keydoctor kb snapshot [DIR]
      write the folder's parsed YAML to model/parsed-yaml.json, read at start-up instead
  keydoctor kb audit CASES.jsonl [DIR] [--min N] [--json]
      hold the error catalogue against labelled reports: the causes each string really points at
  keydoctor stats [--json] [--data-dir DIR]
      what people asked and what fixed it, per cause
  keydoctor discord register [--guild ID]
      register the Discord commands (globally, or in one server at once with --guild)
  keydoctor train [--knowledge DIR] --cases FILE... [--regression FILE...] [--seed N]
      fit the learned scorer into the knowledge folder's model/scorer.json
  keydoctor help | --help | --version
  Every command answers --help with its details.

Examples:
  keydoctor diagnose 'curl -H "Authorization: sk-..." https://api.openai.com/v1/models gives 401'
  pbpaste | keydoctor diagnose --json
`;

/** The package version, found by walking up from this file (works from src/ and dist/). */
export function packageVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: string;
        version?: string;
      };
      if (pkg.name === 'keydoctor' && pkg.version) return pkg.version;
    } catch {
      // not here: look one level up
    }
    dir = dirname(dir);
  }
  return 'unknown';
}

export const run: CliCommand = async (_args, io) => {
  io.stdout.write(USAGE);
  return 0;
};
