/** `keydoctor help`: the usage text, also printed for an unknown command. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliCommand } from './io.ts';

export const USAGE = `keydoctor: diagnose API-key and token authentication failures (401/403)

Usage:
  keydoctor chat                       chat in this terminal (answers by number or in words)
  keydoctor diagnose "symptom text"    one-shot diagnosis; or pipe the text in on stdin
      --json                           ranked causes with scores and evidence, as JSON
      --markdown                       GitHub-flavoured markdown instead of plain text
      --knowledge DIR                  use this knowledge folder (default: KNOWLEDGE_DIR or the shipped one)
  keydoctor eval FILE.jsonl [--json]   accuracy of the engine on labelled cases
  keydoctor kb check [DIR]             validate a knowledge folder
  keydoctor train --cases FILE...      fit the learned scorer into the knowledge folder's model/scorer.json
  keydoctor stats                      what people asked and what fixed it
  keydoctor discord register           register the Discord slash commands
  keydoctor help | --help | --version

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
