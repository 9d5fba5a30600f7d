import { existsSync } from 'node:fs';
import path from 'node:path';

/** The local-development env file, read from the working directory. */
export const DOTENV_FILE = '.env';

/**
 * Loads `.env` from `cwd` into process.env when it exists. Variables already in the real
 * environment win (Node's loadEnvFile never overwrites them). Returns the file loaded, if any.
 */
export function loadDotEnv(cwd: string = process.cwd()): string | undefined {
  const file = path.join(cwd, DOTENV_FILE);
  if (!existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}
