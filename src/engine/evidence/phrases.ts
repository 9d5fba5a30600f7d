/**
 * Symptoms written in other languages: phrases from phrases.yaml are matched as substrings of the
 * folded text (lowercase, accents and spaces removed, so "clave inválida" meets "clave invalida"
 * and "API key无效" meets "apikey无效") and become the same language-neutral signals an English
 * report gives. Kept apart from the English text matcher, whose tokens are ASCII words.
 */
import type { Knowledge } from '../../knowledge/schema.ts';
import type { Signal } from '../signals.ts';
import type { EvidenceItem } from '../types.ts';

interface PhraseEntry {
  folded: string;
  phrase: string;
  signal: Signal;
  meaning: string;
}

export interface PhraseIndex {
  entries: PhraseEntry[];
  /** entries by their first PREFIX folded characters: a text only checks entries whose prefix it contains */
  byPrefix: Map<string, PhraseEntry[]>;
}

/** Prefix length of the pre-filter (every phrase folds to at least this many characters). */
const PREFIX = 2;
const ASCII = /^[\x00-\x7f]*$/;

/** Lowercase, compatibility-normalised, without accents, spaces, hyphens or underscores. */
export function foldText(text: string): string {
  // Plain ASCII has no accents or compatibility forms: only case and separators to fold.
  if (ASCII.test(text)) return text.toLowerCase().replace(/[\s\-_']+/g, '');
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\s\-_'’]+/gu, '');
}

/** Precomputes the folded phrases once per knowledge base, longest first. */
export function buildPhraseIndex(knowledge: Knowledge): PhraseIndex {
  const entries: PhraseIndex['entries'] = [];
  for (const group of knowledge.phrases ?? []) {
    for (const phrase of group.match) {
      const folded = foldText(phrase);
      if (folded.length >= 2)
        entries.push({ folded, phrase, signal: group.signal as Signal, meaning: group.meaning });
    }
  }
  entries.sort((a, b) => b.folded.length - a.folded.length);
  const byPrefix = new Map<string, PhraseEntry[]>();
  for (const e of entries) {
    const key = e.folded.slice(0, PREFIX);
    const list = byPrefix.get(key);
    if (list) list.push(e);
    else byPrefix.set(key, [e]);
  }
  return { entries, byPrefix };
}

/** One signal per symptom the text states in another language, explained with the phrase found. */
export function extractPhrases(index: PhraseIndex, text: string): EvidenceItem[] {
  if (index.entries.length === 0) return [];
  const folded = foldText(text);
  const found = new Map<Signal, PhraseEntry>();
  for (let i = 0; i + PREFIX <= folded.length; i++) {
    const list = index.byPrefix.get(folded.slice(i, i + PREFIX));
    if (!list) continue;
    for (const e of list) {
      const best = found.get(e.signal);
      // The longest phrase of a signal explains it best.
      if ((!best || e.folded.length > best.folded.length) && folded.startsWith(e.folded, i))
        found.set(e.signal, e);
    }
  }
  return [...found.values()].map((e) => ({
    signal: e.signal,
    detail: `you wrote "${e.phrase}" (${e.meaning})`,
  }));
}
