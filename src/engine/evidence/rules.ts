/** A signal found by a phrase pattern over the lowercased, redacted text. */
import type { Signal } from '../signals.ts';
import type { EvidenceItem } from '../types.ts';

export interface PhraseRule {
  signal: Signal;
  regex: RegExp;
  /** explanation; `$0` is replaced by the words that matched */
  detail: string;
}

/** How far before a match a negation is looked for. */
const NEGATION_WINDOW = 24;
/**
 * "no proxy", "not using docker", "without CORS", "isn't a browser": the words right before a match
 * deny it. "but not in docker" is not a denial (it says where it fails), so "not in/on" is left out.
 */
const NEGATED =
  /(?:\bno|\bnot using|\bnot behind|\bnot an?|\bwithout|\bisn'?t|\baren'?t|\bdon'?t use|\bnever used|\bnothing like)\s+(?:[\w.-]+\s+)?$/;

const GLOBAL = new WeakMap<RegExp, RegExp>();

/** A global copy of `regex` (compiled once) so later matches can be tried when the first is negated. */
function globalVersion(regex: RegExp): RegExp {
  let g = GLOBAL.get(regex);
  if (!g) {
    g = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
    GLOBAL.set(regex, g);
  }
  return g;
}

/** Applies each rule at its first match that is not negated; the detail quotes the words that matched. */
export function applyRules(rules: readonly PhraseRule[], lower: string): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const rule of rules) {
    const global = globalVersion(rule.regex);
    global.lastIndex = 0;
    for (let m = global.exec(lower); m !== null; m = global.exec(lower)) {
      if (NEGATED.test(lower.slice(Math.max(0, m.index - NEGATION_WINDOW), m.index))) {
        if (m[0].length === 0) global.lastIndex++;
        continue;
      }
      out.push({ signal: rule.signal, detail: rule.detail.replace('$0', m[0].trim().slice(0, 60)) });
      break;
    }
  }
  return out;
}
