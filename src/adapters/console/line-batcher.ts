/**
 * Groups terminal lines into messages. A paste (a curl command, a stack trace) reaches readline as
 * several lines within a few milliseconds, while a person types one line at a time: lines that
 * arrive within `windowMs` of each other are one message. For slow or hand-typed multi-line input,
 * a line of just `"""` opens a block that the next `"""` line closes. A window of 0 turns the timing
 * off (piped, scripted input): every line is a message, and only `"""` blocks join lines.
 */

import { capHeadAndTail } from '../../redaction/cap.ts';

export const DEFAULT_PASTE_WINDOW_MS = 50;
export const BLOCK_FENCE = '"""';
/**
 * Characters a message may buffer (an open `"""` block or a paste): past this the buffer is sent
 * as it is, so an unclosed block cannot grow without bound. Well above what the engine reads.
 */
export const MAX_BUFFERED_CHARS = 100_000;

export interface LineBatcher {
  push(line: string): void;
  /** Emits whatever is buffered now (end of input). */
  flush(): void;
}

export function createLineBatcher(
  emit: (message: string) => void,
  windowMs = DEFAULT_PASTE_WINDOW_MS,
): LineBatcher {
  let lines: string[] = [];
  let buffered = 0;
  let inBlock = false;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (lines.length === 0 && !inBlock) return;
    const message = lines.join('\n');
    lines = [];
    buffered = 0;
    inBlock = false;
    emit(message);
  };

  return {
    push(line: string) {
      if (line.trim() === BLOCK_FENCE) {
        if (inBlock) {
          flush();
        } else {
          // whatever was typed before the fence is its own message
          if (lines.length > 0) flush();
          if (timer) clearTimeout(timer);
          inBlock = true;
        }
        return;
      }
      const room = MAX_BUFFERED_CHARS - buffered;
      // a cut never keeps part of a key: the cap drops a straddling credential whole
      lines.push(line.length > room ? capHeadAndTail(line, Math.max(0, room)) : line);
      buffered += line.length + 1;
      if (buffered >= MAX_BUFFERED_CHARS) {
        // sent in pieces of at most the cap; an open block stays open for the lines that follow
        const open = inBlock;
        flush();
        inBlock = open;
        return;
      }
      if (inBlock) return;
      if (windowMs <= 0) {
        flush();
        return;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, windowMs);
    },
    flush,
  };
}
