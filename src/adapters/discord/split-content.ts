/**
 * Splits long text into chunks that each fit one message, on line boundaries where possible, closing
 * and reopening a code fence that a cut falls inside so every chunk renders on its own.
 */

const FENCE = /^```(\S*)/;

/** Splits `text` into chunks of at most `max` characters (never fails; a huge line is cut hard). */
export function splitContent(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const chunks: string[] = [];
  let current = '';
  let openFence: string | undefined; // the language of a fence open at the end of `current`
  const reserve = 8; // room to close a fence: "\n```"
  const flush = () => {
    if (current.trim().length > 0) chunks.push(openFence === undefined ? current : `${current}\n\`\`\``);
    current = openFence === undefined ? '' : `\`\`\`${openFence}\n`;
  };
  for (const rawLine of text.split('\n')) {
    let line = rawLine;
    while (line.length > 0 || rawLine.length === 0) {
      const sep = current.length === 0 || current.endsWith('\n') ? '' : '\n';
      const room = max - reserve - current.length - sep.length;
      if (line.length <= room) {
        current += sep + line;
        break;
      }
      if (room > max / 4 || current.length === 0 || current === `\`\`\`${openFence}\n`) {
        // cut the long line where the chunk ends
        current += sep + line.slice(0, Math.max(1, room));
        line = line.slice(Math.max(1, room));
      }
      flush();
    }
    const fence = FENCE.exec(rawLine.trim());
    if (fence) openFence = openFence === undefined ? fence[1]! : undefined;
  }
  if (current.trim().length > 0) chunks.push(current);
  return chunks;
}
