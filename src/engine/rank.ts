/**
 * Ranks causes: score = log prior + evidence signal weights + catalogue hits + text similarity +
 * answers given, then a softmax turns scores into confidences. Every contribution that helps a
 * cause leaves a safe, redacted reason behind.
 */
import type { Knowledge } from '../knowledge/schema.ts';
import { MAX_RANKED_KEPT } from './limits.ts';
import { RANKING } from './ranking-constants.ts';
import { stripLabels } from '../redaction/redact.ts';
import type { TextIndex, TextScore } from './text/text-index.ts';
import { scoreText } from './text/text-index.ts';
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
    reasons.push([w + 1, `the API says \`${hit.match}\` (${hit.provider})`]);
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

/** Decides matched / ambiguous / none from the ranked scores. */
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

/** Scores every cause that was not rejected and decides the outcome. */
export function rankCauses(index: RankIndex, input: RankInput): Ranking {
  const texts = scoreText(index.text, stripLabels(input.evidence.redactedText));
  const maxBm25 = Math.max(0, ...[...texts.values()].map((t) => t.bm25));
  const rows: { id: string; score: number; support: number; reasons: [number, string][]; text: TextScore }[] =
    [];
  for (const cause of index.knowledge.causes.values()) {
    if (input.rejected.includes(cause.id)) continue;
    const reasons: [number, string][] = [];
    const text = texts.get(cause.id) ?? { bm25: 0, coverage: 0 };
    const support =
      signalPart(index, cause.id, input.evidence, reasons) +
      cataloguePart(cause.id, input.evidence, reasons) +
      textPart(text, maxBm25, reasons) +
      answerPart(index, cause.id, input, reasons) +
      providerPart(index, cause.id, input.evidence);
    const prior = Math.log(Math.max(cause.prior, RANKING.minPrior));
    rows.push({ id: cause.id, score: prior * RANKING.priorScale + support, support, reasons, text });
  }
  rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const conf = softmax(
    rows.map((r) => r.score),
    RANKING.temperature,
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
  const kind = decide(scored, input.evidence);
  const ranked = scored
    .slice(0, MAX_RANKED_KEPT)
    .map(({ causeId, score, confidence, reasons }) => ({ causeId, score, confidence, reasons }));
  return { outcome: { kind, ranked }, scored };
}

/** The reasons worth showing: strongest first, without ones far weaker than the best (noise next to it). */
function uniqueReasons(reasons: [number, string][]): string[] {
  const sorted = [...reasons].sort((a, b) => b[0] - a[0]);
  const floor = (sorted[0]?.[0] ?? 0) * RANKING.minReasonShare;
  const shown = sorted.filter(([w]) => w >= floor).map(([, r]) => r);
  return [...new Set(shown)].slice(0, RANKING.maxReasons);
}
