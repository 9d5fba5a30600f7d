/** Provider error strings and codes from the knowledge catalogue, matched as case-insensitive substrings. */
import type { Knowledge } from '../../knowledge/schema.ts';
import { apiSays } from '../replies/api-says.ts';
import type { Signal } from '../signals.ts';
import type { Evidence, EvidenceItem } from '../types.ts';
import { GENERIC_PROVIDER } from './provider.ts';

type Entry = {
  lower: string;
  match: string;
  provider: string;
  causes: Record<string, number>;
  status?: number;
  signals: readonly Signal[];
};

export interface CatalogueIndex {
  entries: Entry[];
  /** entries keyed by their first GRAM characters: a text only checks entries whose prefix it contains */
  byPrefix: Map<string, Entry[]>;
  /** entries shorter than GRAM, checked on every text */
  short: Entry[];
}

/** Prefix length used to pre-filter catalogue entries. */
const GRAM = 4;

/** Lowercases every catalogue pattern once per knowledge base. */
export function buildCatalogueIndex(knowledge: Knowledge): CatalogueIndex {
  const entries: Entry[] = knowledge.catalogue.map((e) => ({
    lower: e.match.toLowerCase(),
    match: e.match,
    provider: e.provider,
    causes: e.causes,
    signals: e.signals ?? [],
    ...(e.status !== undefined ? { status: e.status } : {}),
  }));
  const byPrefix = new Map<string, Entry[]>();
  const short: Entry[] = [];
  for (const e of entries) {
    if (e.lower.length < GRAM) {
      short.push(e);
      continue;
    }
    const key = e.lower.slice(0, GRAM);
    const list = byPrefix.get(key);
    if (list) list.push(e);
    else byPrefix.set(key, [e]);
  }
  return { entries, byPrefix, short };
}

/** The HTTP status a matched catalogue string comes with, when the catalogue records one. */
export function statusOfMatch(index: CatalogueIndex, match: string): number | undefined {
  return index.entries.find((e) => e.match === match && e.status !== undefined)?.status;
}

/** Letters of scripts written with spaces between words (Latin, Greek, Cyrillic) and digits. */
const SPACED_WORD_CHAR = /[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]/;

/**
 * Whether `match` found at `at` ends where a word (or its plural) ends. Only a phrase (an entry with
 * a space) is held to it: "Unable to authenticate you" is not read in "... your request", while
 * identifiers stay prefixes on purpose (AccessDenied in AccessDeniedException, Unauthorized in
 * UnauthorizedError). Scripts written without spaces (Chinese, Japanese) and Korean, whose particles
 * are glued to the word, are not held to it either.
 */
function endsWhole(lower: string, at: number, match: string): boolean {
  if (!match.includes(' ') || !SPACED_WORD_CHAR.test(match.charAt(match.length - 1))) return true;
  // a plural stays the phrase ("invalid scopes" for "invalid scope")
  const end = at + match.length + (lower.charAt(at + match.length) === 's' ? 1 : 0);
  return !SPACED_WORD_CHAR.test(lower.charAt(end));
}

/**
 * Catalogue entries found in the lowercased text. An entry inside a longer matched one counts once;
 * the same string listed by several providers counts once, preferring a provider already detected.
 */
export function matchCatalogue(
  index: CatalogueIndex,
  lower: string,
  preferred: readonly string[],
): Evidence['errors'] {
  const hits: { at: number; end: number; e: Entry }[] = [];
  const check = (e: Entry) => {
    for (let at = lower.indexOf(e.lower); at !== -1; at = lower.indexOf(e.lower, at + 1)) {
      if (!endsWhole(lower, at, e.lower)) continue;
      hits.push({ at, end: at + e.lower.length, e });
      return;
    }
  };
  for (const e of index.short) check(e);
  const seen = new Set<string>();
  for (let i = 0; i + GRAM <= lower.length; i++) {
    const key = lower.slice(i, i + GRAM);
    if (seen.has(key)) continue;
    seen.add(key);
    const list = index.byPrefix.get(key);
    if (list) for (const e of list) check(e);
  }
  // A detected provider first, then the generic entry, then any other provider: a string several
  // services print never makes a report "about" a provider nothing else points at.
  const rank = (h: (typeof hits)[number]) => {
    const p = preferred.indexOf(h.e.provider);
    if (p !== -1) return p;
    return h.e.provider === GENERIC_PROVIDER ? preferred.length : preferred.length + 1;
  };
  // Longest (most specific) first; among equal spans, by that rank.
  hits.sort((a, b) => b.end - b.at - (a.end - a.at) || rank(a) - rank(b));
  const kept: typeof hits = [];
  for (const h of hits) {
    if (!kept.some((k) => h.at >= k.at && h.end <= k.end)) kept.push(h);
  }
  return kept.map((h) => ({ provider: h.e.provider, match: h.e.match, causes: { ...h.e.causes } }));
}

/** The signals matched catalogue strings prove on their own (e.g. a refusal proves a credential was sent). */
export function catalogueSignals(index: CatalogueIndex, errors: Evidence['errors']): EvidenceItem[] {
  const out: EvidenceItem[] = [];
  for (const hit of errors) {
    const entry = index.entries.find((e) => e.match === hit.match && e.provider === hit.provider);
    for (const signal of entry?.signals ?? [])
      out.push({
        signal,
        detail: `${apiSays(hit.match)}, so ${SIGNAL_REASON[signal] ?? 'it tells more'}`,
      });
  }
  return out;
}

/** How a proven signal reads after "the API says X, so ...". */
const SIGNAL_REASON: Partial<Record<Signal, string>> = {
  'key:sent': 'a credential did arrive and was refused',
  'status:401': 'the request got a 401',
  'status:403': 'the request got a 403',
};
