/**
 * The reply model's light markdown (**bold**, `code`, [label](url)) turned into terminal text:
 * links become "label (url)", bold and code are styled or left bare.
 */
import type { Styler } from './ansi.ts';

// Each alternative is bounded by a closing delimiter that cannot also match its body: no backtracking blow-up.
const INLINE = /\*\*([^*\n]+)\*\*|`([^`\n]+)`|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function inlineToTerminal(text: string, s: Styler): string {
  return text.replace(INLINE, (_m, bold?: string, code?: string, label?: string, url?: string) => {
    if (bold !== undefined) return s.bold(bold);
    if (code !== undefined) return s.code(code);
    return label === url ? s.accent(url!) : `${label} (${s.accent(url!)})`;
  });
}
