/**
 * Scores every cause with the learned model: message features x per-cause weights + shared
 * knowledge features, plus the text likelihood when the model has one.
 */
import type { MessageFeatures } from './features.ts';
import type { CompiledModel } from './scorer-model.ts';

/** The value of each text feature: the text's total weight spread over its features in the vocabulary. */
export function textValue(textScale: number, inVocabulary: number): number {
  return inVocabulary > 0 ? textScale / Math.sqrt(inVocabulary) : 0;
}

/** Raw scores (logits before the temperature), in `model.causeIds` order. */
export function modelLogits(model: CompiledModel, features: MessageFeatures): Float64Array {
  const n = model.causeIds.length;
  const out = new Float64Array(n);
  const textSet = new Set(features.text);
  let inVocabulary = 0;
  for (const t of features.text) if (model.index.has(t)) inVocabulary++;
  const tv = textValue(model.textScale, inVocabulary);
  const { likelihood, weights } = model;
  let listed = 0;
  for (const name of features.global) {
    const i = model.index.get(name);
    if (i === undefined) continue;
    listed++;
    const v = textSet.has(name) ? tv : 1;
    const base = i * n;
    for (let c = 0; c < n; c++) out[c] = out[c]! + v * weights[base + c]!;
    if (likelihood) for (let c = 0; c < n; c++) out[c] = out[c]! + likelihood.weights[base + c]!;
  }
  if (likelihood) for (let c = 0; c < n; c++) out[c] = out[c]! - listed * likelihood.perFeature[c]!;
  model.causeIds.forEach((id, c) => {
    const x = features.shared.get(id);
    if (!x) return;
    let s = 0;
    for (let k = 0; k < model.shared.length; k++) s += (model.shared[k] ?? 0) * (x[k] ?? 0);
    out[c] = (out[c] ?? 0) + s;
  });
  return out;
}
