/**
 * Ranks causes. With a learned model in the knowledge base (model/scorer.json) a cause's score is
 * the model's logit over the message's features, divided by its calibrated temperature, plus the
 * answers given; without one, the hand-tuned score: log prior + evidence signal weights + catalogue
 * hits + text similarity + answers. A softmax turns scores into confidences. Reasons always name
 * evidence: a signal, an error string, a knowledge phrase or an answer that helps the cause.
 */
import type { Knowledge } from '../knowledge/schema.ts';
import { MAX_RANKED_KEPT } from './limits.ts';
import { apiSays, quotedApiText } from './replies/api-says.ts';
import { messageFeatures, SHARED_FEATURES, SIGNAL_PREFIX } from './model/features.ts';
import { modelLogits, textValue } from './model/score.ts';
import {
  isNeighbourTerm,
  type Neighbour,
  type NeighbourIndex,
  nearestReports,
  neighbourVotes,
} from './model/neighbours.ts';
import { type CompiledModel, featureWeight } from './model/scorer-model.ts';
import { RANKING } from './ranking-constants.ts';
import { stripLabels } from '../redaction/redact.ts';
import type { TextIndex, TextScore } from './text/text-index.ts';
import { analyseText, type TextMemo } from './text/text-memo.ts';
import { answerKey, type TreeIndex } from './tree-index.ts';
import type { DiagnosisOutcome, Evidence, RankedCause } from './types.ts';

export interface RankInput {
  evidence: Evidence;
  /** questionId -> answerId ('unknown' = skipped) */
  answers: Readonly<Record<string, string>>;
  /** answers that came from evidence, not from the user (they weigh less: the signals already count) */
  implied: ReadonlySet<string>;
  rejected: readonly string[];
}

export interface RankIndex {
  knowledge: Knowledge;
  text: TextIndex;
  tree: TreeIndex;
  /** the learned scorer compiled for this knowledge base; absent: the hand-tuned ranking */
  model?: CompiledModel;
  /** remembers the analysis of recent texts (absent: every text is analysed afresh) */
  textMemo?: TextMemo;
}

/** A ranked cause with the parts of its score, for the outcome decision and the JSON output. */
export interface ScoredCause extends RankedCause {
  /** evidence-driven part of the score (signals, catalogue, text, answers), without the prior */
  support: number;
  text: TextScore;
}

export interface Ranking {
  outcome: DiagnosisOutcome;
  scored: ScoredCause[];
}

function softmax(scores: readonly number[], temperature: number): number[] {
  const max = Math.max(...scores);
  const exps = scores.map((s) => Math.exp((s - max) / temperature));
  const total = exps.reduce((a, b) => a + b, 0) || 1;
  return exps.map((e) => e / total);
}

function signalPart(
  index: RankIndex,
  causeId: string,
  evidence: Evidence,
  reasons: [number, string][],
): number {
  const weights = index.knowledge.causes.get(causeId)?.signals ?? {};
  let sum = 0;
  for (const item of evidence.signals) {
    const w = weights[item.signal];
    if (w === undefined || w === 0) continue;
    sum += w * RANKING.signalScale;
    if (w > 0) reasons.push([w, item.detail]);
  }
  return sum;
}

function cataloguePart(causeId: string, evidence: Evidence, reasons: [number, string][]): number {
  const contributions: number[] = [];
  for (const hit of evidence.errors) {
    const w = hit.causes[causeId];
    if (!w) continue;
    contributions.push(w);
    reasons.push([w + 1, apiSays(hit.match, hit.provider)]);
  }
  // Several strings saying the same thing should not stack without bound: the best counts fully.
  contributions.sort((a, b) => b - a);
  return (
    contributions.reduce((sum, w, i) => sum + (i === 0 ? w : w * RANKING.extraCatalogueFactor), 0) *
    RANKING.catalogueScale
  );
}

function answerPart(
  index: RankIndex,
  causeId: string,
  input: RankInput,
  reasons: [number, string][],
): number {
  let sum = 0;
  for (const [qid, aid] of Object.entries(input.answers)) {
    if (aid === 'unknown') continue;
    const factor = input.implied.has(qid) ? RANKING.impliedAnswerFactor : 1;
    const under = index.tree.byAnswer.get(answerKey(qid, aid)) ?? [];
    if (under.includes(causeId)) {
      sum += RANKING.answerBoost * factor;
      if (!input.implied.has(qid)) {
        const q = index.knowledge.questions.get(qid);
        const label = q?.answers.find((a) => a.id === aid)?.label;
        if (q && label) reasons.push([RANKING.answerBoost, `you answered "${label}" to "${q.text}"`]);
      }
    } else if ((index.tree.byQuestion.get(qid) ?? []).includes(causeId)) {
      sum -= RANKING.answerPenalty * factor;
    }
  }
  return sum;
}

function providerPart(index: RankIndex, causeId: string, evidence: Evidence): number {
  if (evidence.providers.length === 0) return 0;
  const providers = index.knowledge.causes.get(causeId)?.providers ?? [];
  return evidence.providers.some((p) => providers.includes(p)) ? RANKING.providerBonus : 0;
}

function textPart(text: TextScore, maxBm25: number, reasons: [number, string][]): number {
  const bm25 = maxBm25 > 0 ? (RANKING.bm25Weight * text.bm25) / (maxBm25 + RANKING.bm25Half) : 0;
  const coverage = RANKING.coverageWeight * text.coverage ** RANKING.coverageExponent;
  if (text.phrase && text.coverage >= RANKING.coverageReasonMin) {
    reasons.push([text.coverage * 2, `your description matches "${text.phrase}"`]);
  }
  return bm25 + coverage;
}

/** Nothing to go on: no signal, no error string, and no cause's phrases match well. */
function nothingToGoOn(scored: readonly ScoredCause[], evidence: Evidence): boolean {
  if (evidence.signals.length > 0 || evidence.errors.length > 0) return false;
  return scored.every((c) => c.text.coverage < RANKING.noneCoverage && c.text.bm25 < RANKING.noneBm25);
}

/**
 * With the learned model, confidences are calibrated: matched when the top cause is likely enough
 * and clearly ahead of the next one, otherwise ambiguous (the dialogue asks).
 */
function decideCalibrated(scored: ScoredCause[], evidence: Evidence): DiagnosisOutcome['kind'] {
  const [top, second] = scored;
  if (!top || nothingToGoOn(scored, evidence)) return 'none';
  const margin = top.confidence - (second?.confidence ?? 0);
  return top.confidence >= RANKING.calibratedMatchConfidence && margin >= RANKING.calibratedMatchMargin
    ? 'matched'
    : 'ambiguous';
}

/** Decides matched / ambiguous / none from the hand-tuned scores. */
function decide(scored: ScoredCause[], evidence: Evidence): DiagnosisOutcome['kind'] {
  const [top, second] = scored;
  if (!top) return 'none';
  const anySignal = evidence.signals.length > 0 || evidence.errors.length > 0;
  const weakText = top.text.coverage < RANKING.noneCoverage && top.text.bm25 < RANKING.noneBm25;
  if (!anySignal && weakText) return 'none';
  if (top.support < RANKING.minSupport) return 'none';
  const margin = second ? top.score - second.score : Number.POSITIVE_INFINITY;
  return top.confidence >= RANKING.matchConfidence && margin >= RANKING.matchMargin ? 'matched' : 'ambiguous';
}

/** One cause's row while ranking. */
interface Row {
  id: string;
  score: number;
  support: number;
  reasons: [number, string][];
  text: TextScore;
}

/**
 * Evidence reasons for a cause under the learned model: a signal or error string is named when its
 * contribution to this cause's logit is positive, the best phrase when its coverage term helps.
 */
function modelReasons(
  index: RankIndex,
  model: CompiledModel,
  c: number,
  causeId: string,
  input: RankInput,
  text: TextScore,
  wordParts: readonly WordPart[],
  similar?: SimilarReports,
): [number, string][] {
  const reasons: [number, string][] = [];
  const kb = index.knowledge.causes.get(causeId)?.signals ?? {};
  const share = (name: (typeof SHARED_FEATURES)[number]) => model.shared[SHARED_FEATURES.indexOf(name)] ?? 0;
  for (const item of input.evidence.signals) {
    const w =
      featureWeight(model, `${SIGNAL_PREFIX}${item.signal}`, c) +
      share('kb:signals') * (kb[item.signal] ?? 0);
    if (w > RANKING.modelReasonMin) reasons.push([w, item.detail]);
  }
  for (const hit of input.evidence.errors) {
    const w = share('kb:catalogue') * (hit.causes[causeId] ?? 0);
    if (w > RANKING.modelReasonMin) reasons.push([w + 1, apiSays(hit.match, hit.provider)]);
  }
  const coverage = share('kb:coverage') * text.coverage ** RANKING.coverageExponent;
  if (text.phrase && text.coverage >= RANKING.coverageReasonMin && coverage > RANKING.modelReasonMin)
    reasons.push([coverage, `your description matches "${text.phrase}"`]);
  const words = wordReason(c, wordParts);
  if (words) reasons.push(words);
  const alike = similar ? similarReason(similar, c, share('kb:neighbours')) : undefined;
  if (alike) reasons.push(alike);
  return reasons;
}

/** The solved reports nearest to the message, and each cause's share of their vote. */
interface SimilarReports {
  index: NeighbourIndex;
  near: Neighbour[];
  votes: Float64Array;
}

/**
 * The vote of each text's words, per model: a dialogue ranks one message again on every answer, and
 * the text memo hands back the same words, so the nearest reports are looked up once per message.
 */
const similarMemo = new WeakMap<CompiledModel, WeakMap<readonly string[], SimilarReports>>();

function similarReports(model: CompiledModel, words: readonly string[]): SimilarReports | undefined {
  const index = model.neighbours;
  if (!index) return undefined;
  let memo = similarMemo.get(model);
  if (!memo) similarMemo.set(model, (memo = new WeakMap()));
  const known = memo.get(words);
  if (known) return known;
  const terms = new Set<number>();
  for (const w of words) {
    if (!isNeighbourTerm(w)) continue;
    const i = model.index.get(w);
    if (i !== undefined) terms.add(i);
  }
  const near = nearestReports(index, [...terms], index.settings.k);
  const votes = neighbourVotes(near, (at) => index.causeOf[at] ?? -1, model.causeIds.length, index.settings);
  const similar = { index, near, votes };
  memo.set(words, similar);
  return similar;
}

/** The threads behind cause `c`'s share of the vote, when it moves the cause's score enough. */
function similarReason(similar: SimilarReports, c: number, weight: number): [number, string] | undefined {
  const w = weight * (similar.votes[c] ?? 0);
  if (w <= RANKING.modelReasonMin) return undefined;
  const threads = similar.near
    .filter((nb) => similar.index.causeOf[nb.at] === c)
    .map((nb) => similar.index.sources[nb.at] ?? '')
    .filter((source) => source !== '')
    .slice(0, RANKING.maxSimilarThreads);
  if (threads.length === 0) return undefined;
  return [w, `solved reports much like yours had this cause (${threads.join(', ')})`];
}

/** A word of the message with its part of every cause's logit, less that part's mean over the causes. */
interface WordPart {
  surface: string;
  /** per cause: how much more the word adds to that cause's logit than to the average cause's */
  lift: Float64Array;
}

/**
 * The message's words of the model's vocabulary (seen in several training reports, so never a
 * credential) with their lift per cause: a word's part of a logit is its logistic weight at the
 * message's text value (the one the logits used: every text feature in the vocabulary counts, word
 * pairs, opening words and glosses too) plus its likelihood weight.
 */
function messageWordParts(
  model: CompiledModel,
  surfaces: ReadonlyMap<string, string>,
  textFeatures: readonly string[],
): WordPart[] {
  const n = model.causeIds.length;
  let inVocabulary = 0;
  for (const feature of textFeatures) if (model.index.has(feature)) inVocabulary++;
  const tv = textValue(model.textScale, inVocabulary);
  const out: WordPart[] = [];
  for (const [feature, surface] of surfaces) {
    const i = model.index.get(feature);
    if (i === undefined || surface.length < 3) continue;
    const lift = new Float64Array(n);
    let mean = 0;
    for (let k = 0; k < n; k++) {
      lift[k] = tv * (model.weights[i * n + k] ?? 0) + (model.likelihood?.weights[i * n + k] ?? 0);
      mean += lift[k]! / n;
    }
    for (let k = 0; k < n; k++) lift[k] = lift[k]! - mean;
    out.push({ surface, lift });
  }
  return out;
}

/** The words that speak for cause `c` more than for the average cause, strongest first, as one reason. */
function wordReason(c: number, words: readonly WordPart[]): [number, string] | undefined {
  const found: [number, string][] = [];
  for (const w of words) {
    const lift = w.lift[c] ?? 0;
    if (lift > RANKING.wordReasonMin) found.push([lift, w.surface]);
  }
  if (found.length === 0) return undefined;
  found.sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));
  // strongest first; a word inside one already quoted, or holding one ("project-scoped" after
  // "project"), adds nothing
  const shown: string[] = [];
  for (const [, w] of found) {
    if (shown.length >= RANKING.maxReasonWords) break;
    if (!shown.some((o) => o.includes(w) || w.includes(o))) shown.push(w);
  }
  return [found[0]![0], `your message says ${shown.map((w) => `"${w}"`).join(', ')}`];
}

/** The hand-tuned score of a cause, with its reasons. */
function handTunedRow(
  index: RankIndex,
  input: RankInput,
  causeId: string,
  text: TextScore,
  maxBm25: number,
): Row {
  const reasons: [number, string][] = [];
  const cause = index.knowledge.causes.get(causeId);
  const support =
    signalPart(index, causeId, input.evidence, reasons) +
    cataloguePart(causeId, input.evidence, reasons) +
    textPart(text, maxBm25, reasons) +
    answerPart(index, causeId, input, reasons) +
    providerPart(index, causeId, input.evidence);
  const prior = Math.log(Math.max(cause?.prior ?? 0, RANKING.minPrior));
  return { id: causeId, score: prior * RANKING.priorScale + support, support, reasons, text };
}

/** Scores every cause that was not rejected and decides the outcome. */
export function rankCauses(index: RankIndex, input: RankInput): Ranking {
  const plain = stripLabels(input.evidence.redactedText);
  const { texts, words, surfaces } = index.textMemo
    ? index.textMemo.analyse(index.text, plain)
    : analyseText(index.text, plain);
  const maxBm25 = Math.max(0, ...[...texts.values()].map((t) => t.bm25));
  const { model } = index;
  const similar = model ? similarReports(model, words) : undefined;
  const features = model
    ? messageFeatures(index.knowledge, input.evidence, texts, plain, words, similar?.votes)
    : undefined;
  const logits = model && features ? modelLogits(model, features) : undefined;
  const rows: Row[] = [];
  let wordParts: WordPart[] | undefined;
  let c = -1;
  for (const cause of index.knowledge.causes.values()) {
    c++;
    if (input.rejected.includes(cause.id)) continue;
    const text = texts.get(cause.id) ?? { bm25: 0, coverage: 0 };
    const row = handTunedRow(index, input, cause.id, text, maxBm25);
    if (model && logits) {
      const answerReasons: [number, string][] = [];
      const answers = answerPart(index, cause.id, input, answerReasons);
      // Answers move the ranking as much as in the hand-tuned scale (its temperature), on top of the model.
      row.score = (logits[c] ?? 0) / model.temperature + answers / RANKING.temperature;
      wordParts ??= messageWordParts(model, surfaces(), features?.text ?? []);
      row.reasons = [
        ...modelReasons(index, model, c, cause.id, input, text, wordParts, similar),
        ...answerReasons,
      ];
    }
    rows.push(row);
  }
  rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const conf = softmax(
    rows.map((r) => r.score),
    model ? 1 : RANKING.temperature,
  );
  const scored: ScoredCause[] = rows.map((r, i) => ({
    causeId: r.id,
    score: Math.round(r.score * 1000) / 1000,
    confidence: Math.round((conf[i] ?? 0) * 1000) / 1000,
    // Only the causes that are shown need their explanations sorted and deduplicated.
    reasons: i < MAX_RANKED_KEPT ? uniqueReasons(r.reasons) : [],
    support: r.support,
    text: r.text,
  }));
  const kind = model ? decideCalibrated(scored, input.evidence) : decide(scored, input.evidence);
  const ranked = scored
    .slice(0, MAX_RANKED_KEPT)
    .map(({ causeId, score, confidence, reasons }) => ({ causeId, score, confidence, reasons }));
  return { outcome: { kind, ranked }, scored };
}

/** The reasons worth showing: strongest first, without ones far weaker than the best (noise next to it). */
function uniqueReasons(reasons: [number, string][]): string[] {
  const sorted = [...reasons].sort((a, b) => b[0] - a[0]);
  const floor = (sorted[0]?.[0] ?? 0) * RANKING.minReasonShare;
  const shown = [...new Set(sorted.filter(([w]) => w >= floor).map(([, r]) => r))];
  // "the API says `Forbidden`" adds nothing next to "the API answered 403 Forbidden"
  const repeated = (r: string) => {
    const quoted = quotedApiText(r);
    return (
      quoted !== undefined &&
      shown.some((o) => o !== r && quotedApiText(o) === undefined && o.toLowerCase().includes(quoted))
    );
  };
  return shown.filter((r) => !repeated(r)).slice(0, RANKING.maxReasons);
}
