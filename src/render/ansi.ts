/** ANSI styling that collapses to plain text when colour is off (pipes, tests, NO_COLOR). */
export interface Styler {
  bold(s: string): string;
  dim(s: string): string;
  /** inline code: cyan in colour, `backticks` without */
  code(s: string): string;
  /** a code block's lines */
  codeBlock(s: string): string;
  warn(s: string): string;
  accent(s: string): string;
}

const wrap = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;

const COLOR: Styler = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  code: wrap(36, 39),
  codeBlock: wrap(36, 39),
  warn: (s) => `\u001b[1;33m${s}\u001b[22;39m`,
  accent: wrap(32, 39),
};

const identity = (s: string) => s;
const PLAIN: Styler = {
  bold: identity,
  dim: identity,
  code: (s) => `\`${s}\``,
  codeBlock: identity,
  warn: identity,
  accent: identity,
};

export function styler(color: boolean): Styler {
  return color ? COLOR : PLAIN;
}
