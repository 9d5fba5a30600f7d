/**
 * Fits the scorer: a multinomial logistic model over message features (one weight per feature and
 * cause) plus knowledge-base features with weights shared by all causes, L2-regularised, by L-BFGS.
 * A case with several acceptable causes maximises the probability of the set (partial labels).
 * The text likelihood of likelihood.ts is fitted beside it over the same vocabulary.
 */
import { SHARED_FEATURES } from '../engine/model/features.ts';
import { textValue } from '../engine/model/score.ts';
import type { Example } from './examples.ts';
import { minimise } from './lbfgs.ts';
import { addLikelihood, type FittedLikelihood, fitLikelihood, type LikelihoodOptions } from './likelihood.ts';

export interface FitOptions extends LikelihoodOptions {
  /** L2 penalty on the per-cause weights */
  l2: number;
  /** L2 penalty on the shared weights (small: they are few and well supported) */
  l2Shared: number;
  /** a text feature must occur in at least this many training cases to enter the vocabulary */
  minDocumentFrequency: number;
  textScale: number;
  maxIterations: number;
}

// The L2 penalty and the likelihood's scale, measured 2026-12-04 cross-validated (top-1 / top-3,
// ECE; without the regression cases on 4864, with them on 5355): l2 0.01 and scale 0.06 52.1% /
// 77.7%, 0.043; 52.1% / 76.8%, 0.048. l2 0.005 and scale 0.04 52.5% / 77.8%, 0.032; 52.1% / 77.1%,
// 0.042. Scale 0.02 lost top-1 (52.1% / 77.3% on 4864), alpha 0.05 lost it on 5355 (51.6%). The
// likelihood grows with the corpus's counts, so the same scale weighs it more as reports come in.
// Not done: taking part of each cause's log training share out of its bias (logit adjustment, so
// rare causes win more near ties). Cross-validated on 5871 real reports (top-1 / top-3; mean per
// cause; ECE; dialogue), against 51.6% / 77.3%; 51.1% / 72.2%; 0.032; 96.2%: 0.2 51.9% / 77.0%;
// 52.7% / 72.9%; 0.036; 0.5 51.7% / 76.5%; 54.6% / 74.8%; 0.042; 95.8%. On 187 reports mined next:
// 43.3% / 71.1% against 43.9% / 69.0% (0.2) and 44.9% / 66.8% (0.5). Rare causes gain what the
// common ones lose, and top-3 and the dialogue lose more than top-1 gains.
export const DEFAULT_FIT: FitOptions = {
  l2: 0.005,
  l2Shared: 0.0005,
  minDocumentFrequency: 2,
  // Text features' value is textScale / sqrt(words in the vocabulary), so a larger scale lets the
  // words weigh more under the same L2 penalty. Measured 2026-12-02, cross-validated on 3224 real
  // reports (top-1 / top-3): 3 51.6% / 77.2%, 5 51.9% / 77.7%, 8 52.3% / 78.0%; on 3458 5 51.3% /
  // 77.3%, 8 51.5% / 77.2%; on the 234 unseen reports mined next, trained on the 3224: 5 41.5% /
  // 69.7% (ECE 0.081), 8 42.3% / 69.7% (ECE 0.061). Small but the same direction every time.
  textScale: 8,
  // L-BFGS stops here, before its strict convergence test: cross-validated on 5368 real reports
  // (top-1 / top-3, ECE) 300 iterations 51.66% / 77.33%, 0.038 (most fits converged after 120-190),
  // 100 51.68% / 77.33%, 0.038, 80 51.66% / 77.31%, 0.038, 70 51.71% / 77.33%, 0.039. On 6215
  // reports 80 51.81% / 77.52%, 0.037 and 70 51.78% / 77.51%, 0.037; 70 keeps `npm run train` under
  // a minute on two cores (96 s at 300; at 80, 48 s on 5368 but 57 s on 6215; 47 s at 70). On 7281
  // reports (folds by hash) 70 3713 / 5657 hits, ECE 0.038, and 60 3713 / 5656, ECE 0.038; training
  // 41 s at 70 and 37 s at 60, which a busy machine stretched past a minute at 70.
  maxIterations: 60,
  likelihoodAlpha: 0.02,
  likelihoodScale: 0.04,
};

export interface FittedScorer {
  features: string[];
  /** features x causes, row-major */
  weights: Float64Array;
  shared: Float64Array;
  causes: number;
  /** the text likelihood over the same features, when fitted (likelihoodScale > 0) */
  likelihood?: FittedLikelihood;
}

interface Encoded {
  idx: Int32Array;
  val: Float64Array;
}

/**
 * L-BFGS correction pairs kept: each costs two passes over every weight per iteration, as much as
 * the objective itself at a million weights. Measured 2026-12-07 on 6629 real reports (top-1 /
 * top-3 hits cross-validated, ECE; `npm run train` on two cores): 10 pairs 3407 / 5132, 0.037, 64 s;
 * 5 pairs 3408 / 5132, 0.037, 52 s; 3 pairs 3407 / 5132, 0.038, 50 s.
 */
const LBFGS_MEMORY = 5;

/** The vocabulary: message-level features seen in training, text ones pruned by document frequency. */
export function vocabulary(examples: readonly Example[], minDf: number): string[] {
  const df = new Map<string, number>();
  for (const e of examples) for (const f of e.global) df.set(f, (df.get(f) ?? 0) + 1);
  const isText = new Set<string>();
  for (const e of examples) for (const t of e.text) isText.add(t);
  return [...df]
    .filter(([f, n]) => n >= (isText.has(f) ? minDf : 1))
    .map(([f]) => f)
    .sort();
}

export function encode(e: Example, index: ReadonlyMap<string, number>, textScale: number): Encoded {
  const textSet = new Set(e.text);
  const inVocab = e.text.filter((t) => index.has(t)).length;
  const tv = textValue(textScale, inVocab);
  const idx: number[] = [];
  const val: number[] = [];
  for (const f of e.global) {
    const j = index.get(f);
    if (j === undefined) continue;
    idx.push(j);
    val.push(textSet.has(f) ? tv : 1);
  }
  return { idx: Int32Array.from(idx), val: Float64Array.from(val) };
}

/**
 * Logits of one example: its features are idx/val[from, to), its shared values start at `sharedAt`
 * in `shared`, and the shared weights at `thetaAt` in `theta` (the fit keeps them after the
 * per-cause weights in one vector; a fitted scorer keeps them apart).
 */
function logitsOf(
  idx: Int32Array,
  val: Float64Array,
  from: number,
  to: number,
  shared: Float64Array,
  sharedAt: number,
  w: Float64Array,
  theta: Float64Array,
  thetaAt: number,
  causes: number,
  out: Float64Array,
): void {
  const s = SHARED_FEATURES.length;
  for (let c = 0; c < causes; c++) {
    let z = 0;
    for (let k = 0; k < s; k++) z += theta[thetaAt + k]! * shared[sharedAt + c * s + k]!;
    out[c] = z;
  }
  // Weights are feature-major, so one feature's causes sit side by side.
  for (let t = from; t < to; t++) {
    const base = idx[t]! * causes;
    const v = val[t]!;
    for (let c = 0; c < causes; c++) out[c] = out[c]! + v * w[base + c]!;
  }
}

/** Fits the model on the examples; deterministic (zero start, no sampling). */
export function fitScorer(
  examples: readonly Example[],
  causes: number,
  options: FitOptions = DEFAULT_FIT,
): FittedScorer {
  const features = vocabulary(examples, options.minDocumentFrequency);
  const index = new Map(features.map((f, i) => [f, i]));
  const encoded = examples.map((e) => encode(e, index, options.textScale));
  const s = SHARED_FEATURES.length;
  const nw = features.length * causes;
  const totalWeight = examples.reduce((sum, e) => sum + e.weight, 0) || 1;
  const z = new Float64Array(causes);
  const g = new Float64Array(causes);
  // Flat, typed copies of every example, so the objective's inner loops touch only typed arrays.
  const n = examples.length;
  const starts = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) starts[i + 1] = starts[i]! + encoded[i]!.idx.length;
  const idxAll = new Int32Array(starts[n]!);
  const valAll = new Float64Array(starts[n]!);
  const sharedAll = new Float64Array(n * causes * s);
  const acceptedAll = new Uint8Array(n * causes);
  const scales = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    idxAll.set(encoded[i]!.idx, starts[i]!);
    valAll.set(encoded[i]!.val, starts[i]!);
    sharedAll.set(examples[i]!.shared, i * causes * s);
    for (const a of examples[i]!.accepted) acceptedAll[i * causes + a] = 1;
    scales[i] = examples[i]!.weight / totalWeight;
  }
  const objective = (x: Float64Array, grad: Float64Array): number => {
    grad.fill(0);
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const from = starts[i]!;
      const to = starts[i + 1]!;
      const sh = i * causes * s;
      const ac = i * causes;
      logitsOf(idxAll, valAll, from, to, sharedAll, sh, x, x, nw, causes, z);
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < causes; c++) max = Math.max(max, z[c]!);
      let total = 0;
      let acc = 0;
      for (let c = 0; c < causes; c++) {
        const ez = Math.exp(z[c]! - max);
        z[c] = ez;
        total += ez;
        if (acceptedAll[ac + c] === 1) acc += ez;
      }
      const scale = scales[i]!;
      loss -= scale * Math.log(acc / total);
      // d(-log P(accepted))/dz_c = p_c - [c accepted] * z_c / acc
      for (let c = 0; c < causes; c++)
        g[c] = scale * (z[c]! / total - (acceptedAll[ac + c] === 1 ? z[c]! / acc : 0));
      for (let t = from; t < to; t++) {
        const base = idxAll[t]! * causes;
        const v = valAll[t]!;
        for (let c = 0; c < causes; c++) grad[base + c] = grad[base + c]! + g[c]! * v;
      }
      for (let c = 0; c < causes; c++) {
        const gc = g[c]!;
        if (gc === 0) continue;
        for (let k = 0; k < s; k++) grad[nw + k] = grad[nw + k]! + gc * sharedAll[sh + c * s + k]!;
      }
    }
    for (let j = 0; j < nw; j++) {
      const v = x[j] ?? 0;
      loss += 0.5 * options.l2 * v * v;
      grad[j] = (grad[j] ?? 0) + options.l2 * v;
    }
    for (let k = 0; k < s; k++) {
      const v = x[nw + k] ?? 0;
      loss += 0.5 * options.l2Shared * v * v;
      grad[nw + k] = (grad[nw + k] ?? 0) + options.l2Shared * v;
    }
    return loss;
  };
  const { x } = minimise(objective, new Float64Array(nw + s), {
    maxIterations: options.maxIterations,
    tolerance: 1e-6,
    memory: LBFGS_MEMORY,
  });
  const likelihood =
    options.likelihoodScale > 0 ? fitLikelihood(examples, index, causes, options) : undefined;
  return {
    features,
    weights: x.slice(0, nw),
    shared: x.slice(nw),
    causes,
    ...(likelihood ? { likelihood } : {}),
  };
}

/** Logits of examples under a fitted scorer (for out-of-fold predictions). */
export function predictLogits(
  model: FittedScorer,
  examples: readonly Example[],
  textScale: number,
): Float64Array[] {
  const index = new Map(model.features.map((f, i) => [f, i]));
  return examples.map((e) => {
    const out = new Float64Array(model.causes);
    const enc = encode(e, index, textScale);
    logitsOf(
      enc.idx,
      enc.val,
      0,
      enc.idx.length,
      e.shared,
      0,
      model.weights,
      model.shared,
      0,
      model.causes,
      out,
    );
    if (model.likelihood) addLikelihood(model.likelihood, enc.idx, out);
    return out;
  });
}
