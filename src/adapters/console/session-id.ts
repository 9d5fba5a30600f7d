/**
 * The console conversation's id: stable per terminal user and working directory, so a restart
 * resumes where the user left off; CONSOLE_SESSION_ID (validated in config) overrides it.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';

/** Hex characters of the hash kept: enough to keep users and directories apart. */
const SESSION_ID_HEX = 16;

function terminalUser(env: NodeJS.ProcessEnv): string {
  try {
    return os.userInfo().username;
  } catch {
    // no passwd entry (some containers): fall back to what the shell says, then the uid
    return env.USER ?? env.LOGNAME ?? String(process.getuid?.() ?? 'user');
  }
}

/** The session id for this user in `cwd`, or `override` when given. */
export function consoleSessionId(
  options: { cwd?: string; override?: string; user?: string; env?: NodeJS.ProcessEnv } = {},
): string {
  if (options.override) return options.override;
  const user = options.user ?? terminalUser(options.env ?? process.env);
  const cwd = options.cwd ?? process.cwd();
  return `u-${createHash('sha256').update(`${user}\0${cwd}`).digest('hex').slice(0, SESSION_ID_HEX)}`;
}
