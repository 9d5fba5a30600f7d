/**
 * The learned scorer's file (`knowledge/model/scorer.json`, written by `keydoctor train`): a
 * regularised multinomial logistic model, with a text likelihood (naive Bayes) over the same
 * features added to its logits. Its zod schema lives here; the knowledge loader checks
 * the causes and feature names it holds against the knowledge base.
 */
import { z } from 'zod';
import type { Knowledge } from '../../knowledge/schema.ts';
import { isSignal } from '../signals.ts';
import {
  BIAS_FEATURE,
  CATALOGUE_PREFIX,
  PROVIDER_PREFIX,
  PROVIDER_STATUS_PREFIX,
  SHARED_FEATURES,
  SIGNAL_PREFIX,
} from './features.ts';
import { type LikelihoodWeights, likelihoodWeights } from './likelihood.ts';
import { buildNeighbourIndex, decodeTerms, isThreadName, type NeighbourIndex } from './neighbours.ts';
import { CJK_PREFIX, HEAD_PREFIX, PAIR_PREFIX, ROOT_PREFIX, WORD_PREFIX } from './text-features.ts';

export const MODEL_FORMAT = 'keydoctor-scorer';
/**
 * Version 4 adds the solved reports that vote as neighbours (`neighbours`); version 3 files are
 * still read, and score without them. Version 3 adds the text likelihood. Version 2 stores each cause's weights as feature indexes and
 * values (every feature name once); version 1 repeated the names in every cause's row, which made
 * start-up parse and check the file several times slower. Version 1 and 2 files are still read.
 */
export const MODEL_VERSION = 4;
/** Where the model sits inside a knowledge folder. */
export const MODEL_PATH = 'model/scorer.json';

/** Largest weight magnitude accepted: a regularised fit stays far below it; more means a broken file. */
const MAX_WEIGHT = 100;
const weight = z.number().finite().min(-MAX_WEIGHT).max(MAX_WEIGHT);

/** A version 1 row, feature name -> weight. Checked by a loop: zod per entry costs tens of ms. */
function isNamedRow(value: unknown): value is Record<string, number> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const w of Object.values(value))
    if (typeof w !== 'number' || !Number.isFinite(w) || Math.abs(w) > MAX_WEIGHT) return false;
  return true;
}

/** A cause's weights: `f` feature indexes and `w` their weights, side by side. */
export interface WeightRow {
  f: number[];
  w: number[];
}

function isWeightRow(value: unknown): value is WeightRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { f, w, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !Array.isArray(f) || !Array.isArray(w) || f.length !== w.length)
    return false;
  for (let i = 0; i < f.length; i++) {
    const index: unknown = f[i];
    const x: unknown = w[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return false;
    if (typeof x !== 'number' || !Number.isFinite(x) || Math.abs(x) > MAX_WEIGHT) return false;
  }
  return true;
}

/** A list of non-empty names, checked in one loop (a model names thousands of features). */
function isNameList(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (const name of value) if (typeof name !== 'string' || name.length === 0) return false;
  return true;
}

const modelFields = {
  format: z.literal(MODEL_FORMAT),
  /** what it was fitted on: sha256 of the training cases, their count, the seed and settings */
  training: z.strictObject({
    hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    cases: z.number().int().min(1),
    seed: z.number().int(),
    l2: z.number().min(0),
    minDocumentFrequency: z.number().int().min(1),
  }),
  /** softmax temperature fitted on out-of-fold predictions, so confidences are calibrated */
  temperature: z.number().min(0.05).max(20),
  /** text features of a message share this much weight in total (divided by the square root of their count) */
  textScale: z.number().min(0).max(100),
  causes: z.array(z.string().min(1)).min(1),
  /** weights of the per-cause knowledge-base features, the same for every cause */
  shared: z.partialRecord(z.enum(SHARED_FEATURES), weight),
  /** the message-level features the weights may name */
  features: z.custom<string[]>(isNameList, { message: 'must be a list of non-empty feature names' }),
};

/** cause id -> the features it weighs (indexes into `features`) and their weights (absent = 0) */
const weightRows = z.record(
  z.string(),
  z.custom<WeightRow>(isWeightRow, {
    message: `must be {"f": [feature indexes], "w": [weights between -${MAX_WEIGHT} and ${MAX_WEIGHT}]}, of one length`,
  }),
);

/** A cause's counts: `f` feature indexes and `n` how often each occurred in its training reports. */
export interface CountRow {
  f: number[];
  n: number[];
}

/** Largest count accepted: more reports than any corpus holds means a broken file. */
const MAX_COUNT = 1e7;

function isCountRow(value: unknown): value is CountRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { f, n, ...rest } = value as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || !Array.isArray(f) || !Array.isArray(n) || f.length !== n.length)
    return false;
  for (let i = 0; i < f.length; i++) {
    const index: unknown = f[i];
    const x: unknown = n[i];
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0) return false;
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0 || x > MAX_COUNT) return false;
  }
  return true;
}

/**
 * The text likelihood (engine/model/likelihood.ts): per cause, how often each feature occurred in
 * its training reports; its weights are computed from these counts at load.
 */
const likelihoodSchema = z.strictObject({
  /** additive smoothing of the counts */
  alpha: z.number().positive().max(100),
  /** how much the log-likelihood weighs next to the logistic logits */
  scale: z.number().min(0).max(10),
  counts: z.record(
    z.string(),
    z.custom<CountRow>(isCountRow, {
      message: `must be {"f": [feature indexes], "n": [counts above 0]}, of one length`,
    }),
  ),
});

function isIndexList(value: unknown): value is number[] {
  if (!Array.isArray(value)) return false;
  for (const x of value) if (typeof x !== 'number' || !Number.isInteger(x) || x < 0) return false;
  return true;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string');
}

/** Threads a reason cites: each `owner/repo#N`, or empty when the report has none. */
function isThreadList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((x) => typeof x === 'string' && (x === '' || isThreadName(x)));
}

/**
 * The real reports the model was trained on, as neighbours (engine/model/neighbours.ts): for each,
 * the cause its thread established (an index into `causes`), the thread, and its text features
 * (positions in `features`, encoded by `encodeTerms`). The three lists are of one length.
 */
const neighboursSchema = z
  .strictObject({
    k: z.number().int().min(1).max(1000),
    power: z.number().min(0).max(20),
    maxDocumentShare: z.number().gt(0).max(1),
    damping: z.number().min(0).max(10),
    cause: z.custom<number[]>(isIndexList, { message: 'must be a list of cause indexes' }),
    source: z.custom<string[]>(isThreadList, {
      message: 'must be a list of thread names ("owner/repo#N", or "" for none)',
    }),
    terms: z.custom<string[]>(isStringList, { message: 'must be a list of encoded feature lists' }),
  })
  .refine((n) => n.cause.length === n.source.length && n.cause.length === n.terms.length, {
    message: 'cause, source and terms must be of one length',
  });

export const scorerModelSchema = z.strictObject({
  ...modelFields,
  version: z.literal(MODEL_VERSION),
  weights: weightRows,
  likelihood: likelihoodSchema.optional(),
  neighbours: neighboursSchema.optional(),
});

/** Version 3: without the neighbours. */
export const scorerModelV3Schema = z.strictObject({
  ...modelFields,
  version: z.literal(3),
  weights: weightRows,
  likelihood: likelihoodSchema.optional(),
});

/** Version 2: the logistic weights alone. */
export const scorerModelV2Schema = z.strictObject({
  ...modelFields,
  version: z.literal(2),
  weights: weightRows,
});

/** Version 1: each cause's weights keyed by feature name. */
export const scorerModelV1Schema = z.strictObject({
  ...modelFields,
  version: z.literal(1),
  weights: z.record(
    z.string(),
    z.custom<Record<string, number>>(isNamedRow, {
      message: `must map feature names to numbers between -${MAX_WEIGHT} and ${MAX_WEIGHT}`,
    }),
  ),
});

export type ScorerModelV1 = z.infer<typeof scorerModelV1Schema>;

/**
 * A version 1 model in the current form, with the weights it gives to names its features list
 * lacks (which version 1 allowed to be written, and the loader refuses) left out and listed.
 */
export function fromVersion1(model: ScorerModelV1): { model: ScorerModel; unlisted: ModelIssue[] } {
  const index = new Map(model.features.map((f, i) => [f, i]));
  const unlisted: ModelIssue[] = [];
  const weights: Record<string, WeightRow> = {};
  for (const [causeId, row] of Object.entries(model.weights)) {
    const out: WeightRow = { f: [], w: [] };
    for (const [name, w] of Object.entries(row)) {
      const i = index.get(name);
      if (i === undefined) {
        unlisted.push({
          field: `weights.${causeId}.${name}`,
          message: `feature "${name}" is not in the model's features list`,
        });
        continue;
      }
      out.f.push(i);
      out.w.push(w);
    }
    weights[causeId] = out;
  }
  return { model: { ...model, version: MODEL_VERSION, weights }, unlisted };
}

export type ScorerModel = z.infer<typeof scorerModelSchema>;

/** A problem with a model file: the field it is in and what is wrong. */
export interface ModelIssue {
  field: string;
  message: string;
}

const COLON = 0x3a;
/** The first letters of the text feature prefixes (`w:`, `b:`, `c:`, `r:`, `t:`), all one letter and a colon. */
const TEXT_PREFIX_LETTERS: ReadonlySet<number> = new Set(
  [WORD_PREFIX, PAIR_PREFIX, CJK_PREFIX, ROOT_PREFIX, HEAD_PREFIX].map((prefix) => {
    if (prefix.length !== 2 || prefix.charCodeAt(1) !== COLON)
      throw new Error(`text prefix "${prefix}" is not one letter and ":"`);
    return prefix.charCodeAt(0);
  }),
);

/** Why a feature name is not one the engine computes, or undefined when it is. */
export function unknownFeature(
  name: string,
  providers: ReadonlySet<string>,
  causeIds: ReadonlySet<string>,
): string | undefined {
  // text features are nearly all of a model's names: one look at their two-character prefix
  if (name.length > 2 && name.charCodeAt(1) === COLON && TEXT_PREFIX_LETTERS.has(name.charCodeAt(0)))
    return undefined;
  if (name === BIAS_FEATURE) return undefined;
  if (name.startsWith(CATALOGUE_PREFIX)) {
    const c = name.slice(CATALOGUE_PREFIX.length);
    return causeIds.has(c) ? undefined : `"${name}" names an unknown cause "${c}"`;
  }
  if (name.startsWith(SIGNAL_PREFIX)) {
    const s = name.slice(SIGNAL_PREFIX.length);
    return isSignal(s) ? undefined : `"${name}" names an unknown evidence signal "${s}"`;
  }
  if (name.startsWith(PROVIDER_PREFIX)) {
    const p = name.slice(PROVIDER_PREFIX.length);
    return providers.has(p) ? undefined : `"${name}" names an unknown provider "${p}"`;
  }
  if (name.startsWith(PROVIDER_STATUS_PREFIX)) {
    const [p = '', status = ''] = name.slice(PROVIDER_STATUS_PREFIX.length).split(':');
    if (!providers.has(p)) return `"${name}" names an unknown provider "${p}"`;
    return isSignal(`status:${status}`) ? undefined : `"${name}" names an unknown status "${status}"`;
  }
  return `"${name}" is not a feature the engine computes (bias, sig:, prov:, ps:, cat:, w:, b:, c:, r:, t:)`;
}

/**
 * Positions of names seen earlier in the list. `keydoctor train` writes them sorted, so one pass over
 * neighbours proves there is none; only a list out of order pays for a set of every name.
 */
function duplicateIndexes(names: readonly string[]): number[] {
  let sorted = true;
  for (let i = 1; i < names.length && sorted; i++) sorted = names[i - 1]! < names[i]!;
  if (sorted) return [];
  const seen = new Set<string>();
  const duplicates: number[] = [];
  names.forEach((name, i) => {
    if (seen.has(name)) duplicates.push(i);
    seen.add(name);
  });
  return duplicates;
}

/** Each row must belong to a listed cause and weigh listed features, each once. */
function checkRows(
  field: string,
  rows: Readonly<Record<string, { f: readonly number[] }>>,
  model: ScorerModel,
  listed: ReadonlySet<string>,
  issues: ModelIssue[],
): void {
  const seen = new Uint32Array(model.features.length);
  let stamp = 0;
  for (const [causeId, row] of Object.entries(rows)) {
    if (!listed.has(causeId)) {
      issues.push({
        field: `${field}.${causeId}`,
        message: `cause "${causeId}" is not in the model's causes list`,
      });
      continue;
    }
    // one stamp per feature (the row's number) instead of a Set: a row weighs thousands of features
    stamp += 1;
    row.f.forEach((i, k) => {
      if (i >= model.features.length)
        issues.push({
          field: `${field}.${causeId}.f[${k}]`,
          message: `feature index ${i} is past the end of the features list (${model.features.length})`,
        });
      else if (seen[i] === stamp)
        issues.push({
          field: `${field}.${causeId}.f[${k}]`,
          message: `feature "${model.features[i]}" is weighed twice`,
        });
      else seen[i] = stamp;
    });
  }
}

/** Checks a parsed model against the knowledge base it is to score: causes and features must exist. */
export function checkModel(
  model: ScorerModel,
  causeIds: ReadonlySet<string>,
  providers: ReadonlySet<string>,
): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const listed = new Set<string>();
  model.causes.forEach((id, i) => {
    if (!causeIds.has(id))
      issues.push({ field: `causes[${i}]`, message: `unknown cause "${id}": no causes/${id}.yaml` });
    if (listed.has(id)) issues.push({ field: `causes[${i}]`, message: `duplicate cause "${id}"` });
    listed.add(id);
  });
  model.features.forEach((name, i) => {
    const why = unknownFeature(name, providers, causeIds);
    if (why) issues.push({ field: `features[${i}]`, message: why });
  });
  for (const i of duplicateIndexes(model.features))
    issues.push({ field: `features[${i}]`, message: `duplicate feature "${model.features[i]}"` });
  checkRows('weights', model.weights, model, listed, issues);
  if (model.likelihood) checkRows('likelihood.counts', model.likelihood.counts, model, listed, issues);
  if (model.neighbours) checkNeighbours(model, issues);
  return issues;
}

/** The decoded feature lists of a model's neighbours, decoded once per model (check, then compile). */
const decoded = new WeakMap<object, (Int32Array | undefined)[]>();
function neighbourTerms(neighbours: NonNullable<ScorerModel['neighbours']>): (Int32Array | undefined)[] {
  let terms = decoded.get(neighbours);
  if (!terms) {
    terms = neighbours.terms.map(decodeTerms);
    decoded.set(neighbours, terms);
  }
  return terms;
}

/** Each neighbour names a listed cause and listed features (the loader keeps the first few issues). */
function checkNeighbours(model: ScorerModel, issues: ModelIssue[]): void {
  const n = model.neighbours!;
  n.cause.forEach((c, i) => {
    if (c >= model.causes.length)
      issues.push({
        field: `neighbours.cause[${i}]`,
        message: `cause index ${c} is past the end of the causes list (${model.causes.length})`,
      });
  });
  neighbourTerms(n).forEach((terms, i) => {
    if (!terms)
      issues.push({
        field: `neighbours.terms[${i}]`,
        message: 'must be feature positions as base-36 gaps joined by "."',
      });
    else if (terms.length > 0 && terms[terms.length - 1]! >= model.features.length)
      issues.push({
        field: `neighbours.terms[${i}]`,
        message: `feature position ${terms[terms.length - 1]} is past the end of the features list (${model.features.length})`,
      });
  });
}

/** The model in the form the ranking reads: per feature, one weight for each knowledge-base cause. */
export interface CompiledModel {
  /** knowledge-base cause ids, in the order of every weight array */
  causeIds: string[];
  /** every feature the model lists (its vocabulary) -> its row in the matrices below */
  index: ReadonlyMap<string, number>;
  /** features x causes, feature-major: the logistic weights */
  weights: Float64Array;
  shared: Float64Array;
  temperature: number;
  textScale: number;
  likelihood?: LikelihoodWeights;
  /** the solved reports that vote, their causes in knowledge-base positions */
  neighbours?: NeighbourIndex;
}

/** A feature's logistic weight for the cause at position `c` (0 when the model does not weigh it). */
export function featureWeight(model: CompiledModel, name: string, c: number): number {
  const i = model.index.get(name);
  return i === undefined ? 0 : (model.weights[i * model.causeIds.length + c] ?? 0);
}

/** Sparse per-cause rows laid out feature-major over the knowledge base's causes. */
function dense(
  features: number,
  causeIds: readonly string[],
  rowsOf: Readonly<Record<string, { f: readonly number[] }>>,
  valuesOf: (causeId: string) => readonly number[],
): Float64Array {
  const causes = causeIds.length;
  const out = new Float64Array(features * causes);
  causeIds.forEach((id, c) => {
    const row = rowsOf[id];
    if (!row) return;
    const values = valuesOf(id);
    for (let k = 0; k < row.f.length; k++) out[row.f[k]! * causes + c] = values[k]!;
  });
  return out;
}

/** Lays the model's sparse weights out per feature over the knowledge base's causes. */
export function compileModel(model: ScorerModel, knowledge: Knowledge): CompiledModel {
  const causeIds = [...knowledge.causes.keys()];
  const nf = model.features.length;
  const index = new Map<string, number>();
  model.features.forEach((name, i) => index.set(name, i));
  const { likelihood } = model;
  const bias = index.get(BIAS_FEATURE);
  return {
    causeIds,
    index,
    weights: dense(nf, causeIds, model.weights, (id) => model.weights[id]!.w),
    shared: Float64Array.from(SHARED_FEATURES, (f) => model.shared[f] ?? 0),
    temperature: model.temperature,
    textScale: model.textScale,
    ...(likelihood
      ? {
          likelihood: likelihoodWeights(
            dense(nf, causeIds, likelihood.counts, (id) => likelihood.counts[id]!.n),
            causeIds.length,
            bias,
            likelihood.alpha,
            likelihood.scale,
          ),
        }
      : {}),
    ...(model.neighbours ? { neighbours: compileNeighbours(model, causeIds) } : {}),
  };
}

function compileNeighbours(model: ScorerModel, causeIds: readonly string[]): NeighbourIndex {
  const n = model.neighbours!;
  const position = new Map(causeIds.map((id, c) => [id, c]));
  const causeOf = n.cause.map((c) => position.get(model.causes[c] ?? '') ?? -1);
  return buildNeighbourIndex(
    { terms: neighbourTerms(n).map((t) => t ?? new Int32Array(0)), causeOf, sources: n.source },
    model.features.length,
    { k: n.k, power: n.power, maxDocumentShare: n.maxDocumentShare, damping: n.damping },
  );
}
