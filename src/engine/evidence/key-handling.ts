/**
 * How the code or the deployment handles the key's value: patterns that are known to add quotes or
 * a trailing newline to it (compose list syntax, Windows `set`, files read without trimming,
 * `echo | base64` for Kubernetes secrets).
 */
import type { EvidenceItem } from '../types.ts';
import type { ExtractionInput } from './context.ts';
import { applyRules, type PhraseRule } from './rules.ts';

const HANDLING_RULES: readonly PhraseRule[] = [
  {
    signal: 'key:quoted',
    // `- API_KEY="..."` in a compose `environment:` list: the quotes stay part of the value.
    regex:
      /^[ \t]{0,20}-[ \t]{1,4}[a-z][a-z0-9_]{0,60}(?:key|token|secret)[a-z0-9_]{0,20}=["'][^"'\n]{1,300}["'][ \t]*$/m,
    detail: 'in a compose `environment:` list ("$0") the quotes become part of the value',
  },
  {
    signal: 'key:quoted',
    // Windows cmd keeps the quotes of `set KEY="value"`.
    regex: /^[ \t]{0,10}set[ \t]{1,4}[a-z][a-z0-9_]{0,60}=["']/m,
    detail: 'Windows `set` keeps the quotes in "$0"',
  },
  {
    signal: 'key:whitespace',
    regex:
      /\b(?:readfilesync\([^)\n]{1,200}\)|read_text\(\)|open\([^)\n]{1,200}\)\.read\(\)|\$\(cat [^)\n]{1,200}\))(?![^\n]{0,30}(?:trim|strip))/,
    detail: 'the key is read from a file without trimming ("$0"), so a trailing newline comes with it',
  },
  {
    signal: 'key:whitespace',
    regex: /\becho[ \t]+(?!-n\b)[^|\n]{1,300}\|[ \t]{0,3}base64\b/,
    detail: '`echo ... | base64` encodes a trailing newline into the secret ("$0")',
  },
  {
    signal: 'key:whitespace',
    regex:
      /\b(?:trailing|leading|extra|invisible|hidden|stray) (?:newline|new line|whitespace|space|line break|carriage return|character|\\n)|(?:newline|new line|line break|line feed|\\n|\\r\\n|whitespace|space|carriage return) (?:at|in) the (?:end|start)|(?:one|1) (?:char(?:acter)?|byte) (?:longer|too long|more)/,
    detail: 'you mention extra whitespace around the key ("$0")',
  },
  {
    signal: 'key:whitespace',
    // A (masked) key quoted with a space inside the quotes: `"sk_test_****abcd "`.
    regex:
      /["'`](?:\s+(?:sk|pk|rk|xox[a-z]|gh[pousr]|hf|aiza)[-_][^"'`\s]{3,200}|(?:sk|pk|rk|xox[a-z]|gh[pousr]|hf|aiza)[-_][^"'`\s]{3,200}\s+)["'`]/,
    detail: 'the quoted key $0 has a space inside the quotes',
  },
  {
    signal: 'key:whitespace',
    // Trimming the value makes it work: whatever was trimmed was the problem.
    regex:
      /(?:tr -d|\.trim\(\)|\.strip\(\)|\btrim(?:ming)?\b|\bstrip(?:ping)?\b)[^\n]{0,60}\b(?:works?|worked|fixe[sd]|solved)\b|\b(?:works?|worked) (?:when|if|after|once) i (?:trim|strip|remove the (?:newline|space))/,
    detail: 'trimming the key makes it work ("$0")',
  },
];

/** Signals from how the key's value is set or read. */
export function extractKeyHandling(input: ExtractionInput): EvidenceItem[] {
  return applyRules(HANDLING_RULES, input.lower);
}
