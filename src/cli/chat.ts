/** `keydoctor chat`: the console adapter on this terminal, with an in-memory conversation. */
import { createConsoleAdapter } from '../adapters/console/console-adapter.ts';
import { createConversationService } from '../conversation/conversation-service.ts';
import type { Engine } from '../engine/types.ts';
import { MemoryStateStore } from '../state/memory-state.ts';
import { parseArgs } from './args.ts';
import type { CliCommand, CliIo } from './io.ts';
import { knowledgeDirFor, loadEngine } from './knowledge-engine.ts';

const USAGE = 'Usage: keydoctor chat [--knowledge DIR] [--no-color]\n';
/** A terminal chat is one sitting; an hour of silence ends the conversation. */
const CHAT_TTL_MS = 60 * 60 * 1000;

export interface ChatDeps {
  loadEngine(dir: string): Engine;
}

function wantsColor(io: CliIo, disabled: boolean): boolean {
  return !disabled && (io.stdout as { isTTY?: boolean }).isTTY === true && !io.env.NO_COLOR;
}

export function createChatCommand(deps: ChatDeps): CliCommand {
  return async (args, io) => {
    const parsed = parseArgs(args, { booleans: ['no-color', 'help'], values: ['knowledge'] });
    if (parsed.flags.has('help')) {
      io.stdout.write(USAGE);
      return 0;
    }
    if (parsed.problems.length > 0 || parsed.positionals.length > 0) {
      const problems = [...parsed.problems, ...parsed.positionals.map((p) => `unexpected argument ${p}`)];
      io.stderr.write(`keydoctor chat: ${problems.join('; ')}\n${USAGE}`);
      return 2;
    }
    const engine = deps.loadEngine(knowledgeDirFor(parsed.values.get('knowledge'), io));
    const service = createConversationService({
      engine: () => engine,
      store: new MemoryStateStore(),
      ttlMs: CHAT_TTL_MS,
    });
    let exit: () => void = () => {};
    const exited = new Promise<void>((resolve) => {
      exit = resolve;
    });
    const adapter = createConsoleAdapter({
      input: io.stdin,
      output: io.stdout,
      color: wantsColor(io, parsed.flags.has('no-color')),
      onExit: () => exit(),
    });
    await adapter.start(service);
    await exited;
    await adapter.stop();
    return 0;
  };
}

export const run: CliCommand = createChatCommand({ loadEngine });
