/**
 * Dispatches `keydoctor <command> ...` to the subcommand modules. Each is imported only when used,
 * so `diagnose` does not load discord.js or the Slack SDK.
 */
import { packageVersion, USAGE } from './help.ts';
import type { CliCommand, CliIo } from './io.ts';

type CommandModule = { run: CliCommand };

export const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  chat: () => import('./chat.ts'),
  diagnose: () => import('./diagnose.ts'),
  eval: () => import('./eval.ts'),
  kb: () => import('./kb.ts'),
  train: () => import('./train.ts'),
  stats: () => import('./stats.ts'),
  discord: () => import('./discord.ts'),
  help: () => import('./help.ts'),
};

/** Exit code for a command line that cannot be understood. */
export const USAGE_EXIT = 2;

/** Runs one command line (without `node` and the script); returns the exit code. Throws what the command throws. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout.write(USAGE);
    return command === undefined ? USAGE_EXIT : 0;
  }
  if (command === '--version' || command === '-v' || command === 'version') {
    io.stdout.write(`keydoctor ${packageVersion()}\n`);
    return 0;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    io.stderr.write(`keydoctor: unknown command "${command}"\n\n${USAGE}`);
    return USAGE_EXIT;
  }
  const { run } = await load();
  return run(rest, io);
}

/** Start-up problems a user can fix (an invalid knowledge base, bad configuration): message, no stack. */
export function isExpectedFailure(error: unknown): error is Error {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return (
    (typeof code === 'string' && /^(KNOWLEDGE|CONFIG)_/.test(code)) ||
    ['KnowledgeError', 'ConfigError'].includes(error.name) ||
    ['KnowledgeError', 'ConfigError'].includes(error.constructor.name)
  );
}

/** How a thrown error is reported on stderr; returns the exit code. */
export function reportFailure(error: unknown, io: CliIo): number {
  if (isExpectedFailure(error)) {
    io.stderr.write(`${error.message.trimEnd()}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  const firstLine = message.split('\n')[0] ?? '';
  io.stderr.write(`keydoctor: unexpected error: ${firstLine}\n`);
  if (io.env.KEYDOCTOR_DEBUG === '1' && error instanceof Error && error.stack) {
    io.stderr.write(`${error.stack}\n`);
  } else {
    io.stderr.write('(set KEYDOCTOR_DEBUG=1 to see the stack trace)\n');
  }
  return 1;
}
