/**
 * The console adapter needs someone typing, or text piped in. Started with stdin on /dev/null or
 * closed (`docker run -d` without tokens, a service unit), it would read nothing, say "Bye" and
 * exit 0, which an orchestrator reads as success: refuse instead, saying what to configure.
 */
import { fstatSync } from 'node:fs';

export const NO_TERMINAL_MESSAGE =
  'keydoctor: no platform is configured and no terminal is attached, so there is nobody to talk to.\n' +
  'Set SLACK_BOT_TOKEN (with SLACK_APP_TOKEN or SLACK_SIGNING_SECRET) or DISCORD_TOKEN to run the bot,\n' +
  'or start it in a terminal (docker run -it ...) for the console chat, or pipe text in.';

/** Why the console cannot run on this stdin, or undefined when it can (a terminal, a pipe, a file). */
export function consoleInputProblem(stdin: { isTTY?: boolean; fd: number }): string | undefined {
  if (stdin.isTTY) return undefined;
  try {
    const stat = fstatSync(stdin.fd);
    if (stat.isFIFO() || stat.isFile() || stat.isSocket()) return undefined;
  } catch {
    // a closed descriptor: nobody can type here
  }
  return NO_TERMINAL_MESSAGE;
}
