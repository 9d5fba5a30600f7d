/**
 * Word wrap for terminal text that may carry ANSI colour codes: widths count what is visible,
 * words longer than a line (URLs, keys' labels) stay whole, and existing line breaks are kept.
 */

const ANSI = /\u001b\[[0-9;]*m/g;

/** The number of characters a string shows on a terminal (colour codes take no room). */
export function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

/**
 * Wraps `text` to `width` columns. The first line starts with `first`, later lines of the same
 * paragraph with `rest` (a hanging indent); each line of the input is wrapped on its own.
 */
export function wrapText(text: string, width: number, first = '', rest = first): string {
  return text
    .split('\n')
    .map((paragraph, p) => wrapParagraph(paragraph, width, p === 0 ? first : rest, rest))
    .join('\n');
}

function wrapParagraph(paragraph: string, width: number, firstPrefix: string, restPrefix: string): string {
  // a paragraph's own indentation is kept, on its continuation lines too
  const own = /^ */.exec(paragraph)?.[0] ?? '';
  const first = firstPrefix + own;
  const rest = restPrefix + own;
  const words = paragraph.split(' ').filter((w) => w.length > 0);
  if (words.length === 0) return first.trimEnd();
  const lines: string[] = [];
  let line = first + words[0];
  let used = visibleLength(line);
  for (const word of words.slice(1)) {
    const size = visibleLength(word);
    if (used + 1 + size > width) {
      lines.push(line);
      line = rest + word;
      used = visibleLength(line);
    } else {
      line += ` ${word}`;
      used += 1 + size;
    }
  }
  lines.push(line);
  return lines.join('\n');
}
