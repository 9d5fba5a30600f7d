/**
 * Drives the console adapter through PassThrough streams the way a person at a terminal would:
 * `say` types a line, `choose` types the menu number of a choice. Messages are the replies printed.
 */
import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../src/adapters/console/console-adapter.ts';
import type { ConversationService } from '../../../src/conversation/types.ts';
import type { ContractHarness, ContractMessage } from '../../contract/harness.ts';

/** Short, so tests do not idle; still long enough that a multi-line write arrives as one paste. */
export const TEST_PASTE_WINDOW_MS = 15;

export interface ConsoleHarness extends ContractHarness {
  /** Writes raw text to the terminal input (several lines at once = a paste). */
  type(raw: string): Promise<void>;
  /** Ends the input (Ctrl-D). */
  end(): void;
  output(): string;
  exited(): boolean;
}

export async function startConsoleHarness(
  service: ConversationService,
  options: { sessionId?: string } = {},
): Promise<ConsoleHarness> {
  const input = new PassThrough();
  let raw = '';
  let exited = false;
  const messages: ContractMessage[] = [];
  let waiters: (() => void)[] = [];
  const adapter = createConsoleAdapter({
    input,
    output: {
      write: (s: string) => {
        raw += s;
        return true;
      },
    },
    pasteWindowMs: TEST_PASTE_WINDOW_MS,
    ...(options.sessionId ? { sessionId: options.sessionId } : {}),
    onExit: () => {
      exited = true;
    },
    onTurn: ({ outgoing, written }) => {
      messages.push({
        text: written,
        choices: (outgoing?.reply.choices ?? []).map((c) => ({ id: c.id, label: c.label })),
        ephemeral: false,
      });
      const ready = waiters;
      waiters = [];
      for (const w of ready) w();
    },
  });
  await adapter.start(service);

  const type = (text: string) =>
    new Promise<void>((resolve) => {
      waiters.push(resolve);
      input.write(text);
    });

  return {
    say: (text) => type(`${text}\n`),
    async choose(choiceId) {
      const last = [...messages].reverse().find((m) => m.choices.length > 0);
      const index = last?.choices.findIndex((c) => c.id === choiceId) ?? -1;
      if (index < 0) throw new Error(`choice ${choiceId} was not offered`);
      await type(`${index + 1}\n`);
    },
    type,
    end: () => input.end(),
    messages: () => [...messages],
    rawOutbound: () => raw,
    output: () => raw,
    exited: () => exited,
    async close() {
      await adapter.stop();
    },
  };
}

/** Runs `body` against a fresh console harness and always closes it. */
export async function withConsoleHarness(
  service: ConversationService,
  body: (h: ConsoleHarness) => Promise<void>,
): Promise<void> {
  const h = await startConsoleHarness(service);
  try {
    await body(h);
  } finally {
    await h.close();
  }
}
