/**
 * Symptoms written in other languages: phrases from phrases.yaml are matched as substrings of the
 * folded text (lowercase, accents and spaces removed, so "clave inválida" meets "clave invalida"
 * and "API key无效" meets "apikey无效") and become the same language-neutral signals an English
 * report gives. Kept apart from the English text matcher, whose tokens are ASCII words.
 */
import type { Knowledge } from '../../knowledge/schema.ts';
import type { Signal } from '../signals.ts';
import type { EvidenceItem } from '../types.ts';

export interface PhraseIndex {
  entries: { folded: string; phrase: string; signal: Signal; meaning: string }[];
}

/** Lowercase, compatibility-normalised, without accents, spaces, hyphens or underscores. */
export function foldText(text: string): string {
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
  return { entries };
}

/** One signal per symptom the text states in another language, explained with the phrase found. */
export function extractPhrases(index: PhraseIndex, text: string): EvidenceItem[] {
  if (index.entries.length === 0) return [];
  const folded = foldText(text);
  const out: EvidenceItem[] = [];
  const seen = new Set<string>();
  for (const e of index.entries) {
    if (seen.has(e.signal) || !folded.includes(e.folded)) continue;
    seen.add(e.signal);
    out.push({ signal: e.signal, detail: `you wrote "${e.phrase}" (${e.meaning})` });
  }
  return out;
}
