/**
 * What the learned scorer reads from a message: features of the message as a whole (evidence
 * signals, providers, provider x status, text), each weighted per cause, and knowledge-base
 * features that differ per cause (its signal weights, catalogue hits, phrase and BM25 scores)
 * with one weight shared by every cause, so a cause added to the knowledge base is scored from the
 * start (a conditional-logit part).
 */
import type { Cause, Knowledge } from '../../knowledge/schema.ts';
import type { TextScore } from '../text/text-index.ts';
import type { Evidence } from '../types.ts';
import { voteValue } from './neighbours.ts';
import { textFeatures } from './text-features.ts';

/** The per-cause knowledge-base features, in this order; their weights are shared by all causes. */
export const SHARED_FEATURES = [
  'kb:prior',
  'kb:signals',
  'kb:catalogue',
  'kb:bm25',
  'kb:coverage',
  'kb:provider',
  'kb:neighbours',
] as const;
export type SharedFeature = (typeof SHARED_FEATURES)[number];

/** Feature families of the message as a whole; a model naming anything else is refused. */
export const BIAS_FEATURE = 'bias';
export const SIGNAL_PREFIX = 'sig:';
export const PROVIDER_PREFIX = 'prov:';
export const PROVIDER_STATUS_PREFIX = 'ps:';
/** a catalogue error string that the knowledge base ascribes to this cause was seen */
export const CATALOGUE_PREFIX = 'cat:';

/** A prior of 0 would be minus infinity; it is floored here (as in the hand-tuned ranking). */
const MIN_PRIOR = 0.05;
/** Later catalogue hits for one cause count this much: several strings saying one thing do not stack. */
const EXTRA_CATALOGUE_FACTOR = 0.35;
/** BM25 is used as a saturating share: bm25 / (best bm25 of any cause + this). */
const BM25_HALF = 3;
const COVERAGE_EXPONENT = 1.5;

export interface MessageFeatures {
  /** names of the message-level features present (value 1), text features included */
  global: string[];
  /** the text features among them, for normalisation by their count */
  text: string[];
  /** cause id -> values of SHARED_FEATURES */
  shared: Map<string, Float64Array>;
}

function statusesOf(evidence: Evidence): string[] {
  return evidence.signals.filter((s) => s.signal.startsWith('status:')).map((s) => s.signal.slice(7));
}

/** Sum of the cause's knowledge weights of the signals present. */
export function knowledgeSignalSum(cause: Cause, evidence: Evidence): number {
  let sum = 0;
  for (const item of evidence.signals) sum += cause.signals[item.signal] ?? 0;
  return sum;
}

function catalogueValue(causeId: string, evidence: Evidence): number {
  const ws = evidence.errors.map((e) => e.causes[causeId] ?? 0).filter((w) => w > 0);
  ws.sort((a, b) => b - a);
  return ws.reduce((sum, w, i) => sum + (i === 0 ? w : w * EXTRA_CATALOGUE_FACTOR), 0);
}

/** The message-level features of evidence and text. */
export function globalFeatures(
  evidence: Evidence,
  text: string,
  /** the text's features when already computed (the engine remembers them per text) */
  known?: readonly string[],
): { global: string[]; text: string[] } {
  const names = new Set<string>([BIAS_FEATURE]);
  for (const s of evidence.signals) names.add(`${SIGNAL_PREFIX}${s.signal}`);
  const statuses = statusesOf(evidence);
  for (const p of evidence.providers) {
    names.add(`${PROVIDER_PREFIX}${p}`);
    for (const st of statuses) names.add(`${PROVIDER_STATUS_PREFIX}${p}:${st}`);
  }
  for (const hit of evidence.errors)
    for (const [causeId, w] of Object.entries(hit.causes))
      if (w > 0) names.add(`${CATALOGUE_PREFIX}${causeId}`);
  const words = known ? [...known] : textFeatures(text);
  return { global: [...names, ...words], text: words };
}

/** The shared knowledge-base features of every cause for one message. */
export function sharedFeatures(
  knowledge: Knowledge,
  evidence: Evidence,
  texts: ReadonlyMap<string, TextScore>,
  /** each cause's share of the nearest solved reports' vote, in the knowledge base's cause order */
  votes?: Float64Array,
): Map<string, Float64Array> {
  let maxBm25 = 0;
  for (const t of texts.values()) maxBm25 = Math.max(maxBm25, t.bm25);
  const out = new Map<string, Float64Array>();
  let position = -1;
  for (const cause of knowledge.causes.values()) {
    position++;
    const t = texts.get(cause.id) ?? { bm25: 0, coverage: 0 };
    const typical = evidence.providers.some((p) => cause.providers.includes(p));
    out.set(
      cause.id,
      Float64Array.of(
        Math.log(Math.max(cause.prior, MIN_PRIOR)),
        knowledgeSignalSum(cause, evidence),
        catalogueValue(cause.id, evidence),
        maxBm25 > 0 ? t.bm25 / (maxBm25 + BM25_HALF) : 0,
        t.coverage ** COVERAGE_EXPONENT,
        typical ? 1 : 0,
        voteValue(votes?.[position] ?? 0),
      ),
    );
  }
  return out;
}

/** Everything the scorer reads from one message. */
export function messageFeatures(
  knowledge: Knowledge,
  evidence: Evidence,
  texts: ReadonlyMap<string, TextScore>,
  text: string,
  words?: readonly string[],
  votes?: Float64Array,
): MessageFeatures {
  return {
    ...globalFeatures(evidence, text, words),
    shared: sharedFeatures(knowledge, evidence, texts, votes),
  };
}
