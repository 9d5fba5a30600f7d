/**
 * The local console adapter: a chat in the terminal, the default of `npm start` when no platform
 * is configured. Lines become messages (see line-batcher.ts), menu numbers and labels become
 * choices, and replies are printed with the text renderer. Nothing the user pasted is echoed: the
 * engine's reply is already redacted, and the terminal shows what the user typed anyway.
 */
import { randomUUID } from 'node:crypto';
import { createInterface, type Interface } from 'node:readline';
import type { ConversationService, Outgoing } from '../../conversation/types.ts';
import type { ReplyChoice } from '../../engine/types.ts';
import { styler } from '../../render/ansi.ts';
import { DEFAULT_WIDTH, renderText } from '../../render/text.ts';
import { wrapText } from '../../render/wrap.ts';
import type { ConversationKey } from '../../state/conversation-store.ts';
import type { Adapter } from '../adapter.ts';
import { interpretLine } from './console-commands.ts';
import {
  CONSOLE_FAILURE,
  CONSOLE_GOODBYE,
  CONSOLE_GREETING,
  CONSOLE_HANDOFF,
  CONSOLE_HELP,
  PROMPT,
} from './greeting.ts';
import { createLineBatcher, DEFAULT_PASTE_WINDOW_MS } from './line-batcher.ts';

export interface ConsoleAdapterOptions {
  input: NodeJS.ReadableStream;
  output: { write(s: string): unknown; columns?: number };
  color?: boolean;
  /** columns to wrap replies to; default: the output terminal's width, else 80 */
  width?: number;
  /** called when the user leaves (exit, quit, Ctrl-D / end of input) */
  onExit?: () => void;
  /** lines closer together than this are one pasted message */
  pasteWindowMs?: number;
  /** identifies this terminal session's conversation; a random id by default */
  sessionId?: string;
  /** called after each turn's output is written, with the reply when the engine gave one (tests) */
  onTurn?: (turn: { outgoing?: Outgoing; written: string }) => void;
  /** called with a handling failure before the friendly line is printed (logging) */
  onError?: (error: unknown) => void;
}

const USER = { id: 'local-user', name: 'you' };

/** A person pastes into a terminal (group lines that arrive together); a script pipes one message a line. */
function pasteWindowFor(input: NodeJS.ReadableStream): number {
  return (input as { isTTY?: boolean }).isTTY === true ? DEFAULT_PASTE_WINDOW_MS : 0;
}

/** The console's words for the engine's notices: one line each, printed above the reply. */
function rotateNotice(outgoing: Outgoing): string | undefined {
  const live = outgoing.credentials.filter((c) => c.live);
  if (live.length === 0) return undefined;
  const labels = live.map((c) => c.label).join(', ');
  return `!! You pasted what looks like a live credential (${labels}). Treat it as leaked and rotate it: revoke it in the provider's dashboard, create a new one and update it everywhere it is used.`;
}

function handoffNotice(outgoing: Outgoing): string | undefined {
  if (!outgoing.handoff) return undefined;
  const summary = outgoing.handoff.summary.map((line) => `  - ${line}`).join('\n');
  return `${CONSOLE_HANDOFF}\n${summary}`;
}

function truncatedNotice(outgoing: Outgoing): string | undefined {
  if (!outgoing.truncated) return undefined;
  return `Your message was long, so I read its beginning and its end (${outgoing.truncated.analysedChars} characters in all). If the error is in the middle, paste just that part.`;
}

export function createConsoleAdapter(opts: ConsoleAdapterOptions): Adapter {
  const s = styler(opts.color ?? false);
  const key: ConversationKey = {
    platform: 'console',
    workspace: 'local',
    channel: 'terminal',
    thread: opts.sessionId ?? randomUUID(),
  };
  let rl: Interface | undefined;
  let ready = false;
  let stopping = false;
  let exited = false;
  let lastChoices: ReplyChoice[] = [];
  // Not conversation ordering (the service owns that, on the store): a terminal concern. A typed
  // "2" or "yes" means an item of the menu on screen, so a line is read only once the answer
  // before it is shown, and exit/help wait for the turns typed before them.
  let queue: Promise<void> = Promise.resolve();

  const write = (text: string) => {
    opts.output.write(text);
  };

  const leave = () => {
    if (exited) return;
    exited = true;
    ready = false;
    rl?.close();
    opts.onExit?.();
  };

  // read at each reply: the user may resize the terminal mid-conversation
  const width = () => opts.width ?? opts.output.columns ?? DEFAULT_WIDTH;

  const renderOutgoing = (outgoing: Outgoing): string => {
    const extras = [rotateNotice(outgoing), truncatedNotice(outgoing), handoffNotice(outgoing)].filter(
      (x): x is string => !!x,
    );
    const body = renderText(outgoing.reply, { color: opts.color ?? false, width: width() });
    return [...extras.map((e) => s.warn(wrapText(e, width()))), body].join('\n\n');
  };

  const turn = async (service: ConversationService, message: string): Promise<void> => {
    if (exited) return;
    const action = interpretLine(message, lastChoices);
    if (action.type === 'exit') {
      const written = `${CONSOLE_GOODBYE}\n`;
      write(written);
      opts.onTurn?.({ written });
      leave();
      return;
    }
    if (action.type === 'help') {
      const written = `\n${CONSOLE_HELP}\n\n${PROMPT}`;
      write(written);
      opts.onTurn?.({ written });
      return;
    }
    try {
      const outgoing = await service.handle({ key, user: USER, input: action.input });
      lastChoices = outgoing.reply.choices;
      const written = `\n${renderOutgoing(outgoing)}\n\n${PROMPT}`;
      write(written);
      opts.onTurn?.({ outgoing, written });
    } catch (error) {
      opts.onError?.(error);
      const written = `\n${s.warn(CONSOLE_FAILURE)}\n\n${PROMPT}`;
      write(written);
      opts.onTurn?.({ written });
    }
  };

  return {
    name: 'console',
    async start(service: ConversationService) {
      const batcher = createLineBatcher(
        (message) => {
          // one failed turn (even a broken output stream) must not stop the turns after it
          queue = queue.then(() => turn(service, message)).catch((error) => opts.onError?.(error));
        },
        opts.pasteWindowMs ?? pasteWindowFor(opts.input),
      );
      rl = createInterface({ input: opts.input, crlfDelay: Number.POSITIVE_INFINITY, terminal: false });
      rl.on('line', (line) => batcher.push(line));
      rl.on('close', () => {
        if (stopping) return;
        batcher.flush();
        // end of input (Ctrl-D, a closed pipe): finish what was typed, then leave
        void queue.then(() => {
          if (!exited) write(`\n${CONSOLE_GOODBYE}\n`);
          leave();
        });
      });
      ready = true;
      write(`${CONSOLE_GREETING}\n\n${PROMPT}`);
    },
    async stop() {
      stopping = true;
      ready = false;
      rl?.close();
      await queue;
    },
    isReady: () => ready,
  };
}
