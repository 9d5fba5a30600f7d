/**
 * Fits the text likelihood of engine/model/likelihood.ts: counts every training example's features
 * (in the vocabulary) per accepted cause. An example with several accepted causes counts a share for
 * each, times its weight.
 */
import { BIAS_FEATURE } from '../engine/model/features.ts';
import { type LikelihoodWeights, likelihoodWeights } from '../engine/model/likelihood.ts';
import type { Example } from './examples.ts';

export interface LikelihoodOptions {
  /** additive smoothing of the counts */
  likelihoodAlpha: number;
  /** how much the log-likelihood weighs next to the logistic logits; 0 leaves it out */
  likelihoodScale: number;
}

export interface FittedLikelihood extends LikelihoodWeights {
  /** features x causes, feature-major: the counts the weights come from (what the model file stores) */
  counts: Float64Array;
}

export function fitLikelihood(
  examples: readonly Example[],
  index: ReadonlyMap<string, number>,
  causes: number,
  options: LikelihoodOptions,
): FittedLikelihood {
  const counts = new Float64Array(index.size * causes);
  for (const e of examples) {
    if (e.accepted.length === 0) continue;
    const share = e.weight / e.accepted.length;
    for (const f of e.global) {
      const j = index.get(f);
      if (j === undefined) continue;
      for (const c of e.accepted) counts[j * causes + c] = (counts[j * causes + c] ?? 0) + share;
    }
  }
  const weights = likelihoodWeights(
    counts,
    causes,
    index.get(BIAS_FEATURE),
    options.likelihoodAlpha,
    options.likelihoodScale,
  );
  return { counts, ...weights };
}

/** Adds the likelihood of a message's features (indexes into the vocabulary) to its logits. */
export function addLikelihood(likelihood: LikelihoodWeights, features: Int32Array, out: Float64Array): void {
  const causes = out.length;
  for (let t = 0; t < features.length; t++) {
    const base = features[t]! * causes;
    for (let c = 0; c < causes; c++) out[c] = out[c]! + likelihood.weights[base + c]!;
  }
  for (let c = 0; c < causes; c++) out[c] = out[c]! - features.length * likelihood.perFeature[c]!;
}
