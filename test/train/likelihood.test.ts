/**
 * The text likelihood: its sparse split must rank exactly as naive Bayes written out in full, and
 * the engine, reading the model file, must score a message as the fit did.
 */
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/index.ts';
import { BIAS_FEATURE } from '../../src/engine/model/features.ts';
import { buildKnowledge } from '../../src/knowledge/load.ts';
import { buildExamples, type Example } from '../../src/train/examples.ts';
import { DEFAULT_FIT, fitScorer, predictLogits, vocabulary } from '../../src/train/fit.ts';
import { addLikelihood, fitLikelihood } from '../../src/train/likelihood.ts';
import { toScorerModel } from '../../src/train/train-model.ts';
import { MODEL_PATH } from '../../src/engine/model/scorer-model.ts';
import { toFiles, validFixture } from '../knowledge/fixtures.ts';

const NOW = Date.parse('2026-11-23T12:00:00Z');
const OPTIONS = { likelihoodAlpha: 0.5, likelihoodScale: 1 };

function example(global: string[], accepted: number[], weight = 1): Example {
  return { global: [BIAS_FEATURE, ...global], text: global, shared: new Float64Array(0), accepted, weight };
}

function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((x) => Math.exp(x - max));
  const total = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / total);
}

describe('GIVEN a few examples of three causes, one of them with two accepted causes', () => {
  const examples = [
    example(['w:undefin', 'w:env'], [0]),
    example(['w:env'], [0]),
    example(['w:bearer', 'w:prefix'], [1], 2),
    example(['w:token', 'w:prefix'], [1, 2]),
    example(['w:token'], [2]),
  ];
  const features = vocabulary(examples, 1);
  const index = new Map(features.map((f, i) => [f, i]));
  const causes = 3;

  it('THEN each cause counts its share of every feature, weight included', () => {
    const { counts } = fitLikelihood(examples, index, causes, OPTIONS);
    const count = (f: string, c: number) => counts[index.get(f)! * causes + c];
    expect(count('w:env', 0)).toBe(2);
    expect(count('w:prefix', 1)).toBe(2.5); // weight 2, plus half of the two-cause example
    expect(count('w:prefix', 2)).toBe(0.5);
    expect(count('w:token', 2)).toBe(1.5);
    expect(count(BIAS_FEATURE, 1)).toBe(2.5);
  });

  it('THEN the sparse split gives the posteriors of naive Bayes written out in full', () => {
    const fitted = fitLikelihood(examples, index, causes, OPTIONS);
    const { counts } = fitted;
    const alpha = OPTIONS.likelihoodAlpha;
    const V = features.length;
    const totals = [0, 1, 2].map((c) => features.reduce((s, _, j) => s + counts[j * causes + c]!, 0));
    const reports = [0, 1, 2].map((c) => counts[index.get(BIAS_FEATURE)! * causes + c]!);
    const all = reports.reduce((s, x) => s + x, 0);
    for (const message of [['w:env'], ['w:prefix', 'w:token'], ['w:bearer', 'w:undefin', 'w:token'], []]) {
      const present = [BIAS_FEATURE, ...message].map((f) => index.get(f)!);
      const full = [0, 1, 2].map(
        (c) =>
          Math.log((reports[c]! + alpha) / (all + alpha * causes)) +
          present.reduce(
            (s, j) => s + Math.log((counts[j * causes + c]! + alpha) / (totals[c]! + alpha * V)),
            0,
          ),
      );
      const out = new Float64Array(causes);
      addLikelihood(fitted, Int32Array.from(present), out);
      const a = softmax([...out]);
      softmax(full).forEach((p, c) => expect(a[c]).toBeCloseTo(p, 12));
    }
  });

  it('THEN a scale of 0 leaves the likelihood out of the fit', () => {
    const fitted = fitScorer(examples, causes, {
      ...DEFAULT_FIT,
      minDocumentFrequency: 1,
      likelihoodScale: 0,
    });
    expect(fitted.likelihood).toBeUndefined();
  });
});

describe('GIVEN a model fitted on labelled cases and written to its file', () => {
  it('THEN the engine reading the file scores each message as the fit did', () => {
    const fixture = validFixture();
    const base = buildKnowledge(toFiles(fixture));
    const texts: [string, string][] = [
      ['Authorization: Bearer undefined, the env var is not set', 'key-missing'],
      ['my OPENAI_API_KEY is undefined in process.env', 'key-missing'],
      ['I send Authorization: sk-FAKE without the bearer prefix', 'missing-bearer-prefix'],
      ['bare key in the Authorization header gives 401', 'missing-bearer-prefix'],
      ['Authorization: Token abc gives 401, wrong scheme', 'wrong-scheme'],
      ['the scheme Token is refused, wrong scheme again', 'wrong-scheme'],
    ];
    const cases = texts.map(([text, cause]) => ({ text, cause, also: [], weight: 1 }));
    const examples = buildExamples(base, cases, NOW);
    const causeIds = [...base.causes.keys()];
    const fitted = fitScorer(examples, causeIds.length, DEFAULT_FIT);
    expect(fitted.likelihood).toBeDefined();
    const model = toScorerModel(fitted, causeIds, 1, {
      hash: `sha256:${'0'.repeat(64)}`,
      cases: 6,
      seed: 1,
      fit: DEFAULT_FIT,
    });
    expect(model.likelihood?.counts['key-missing']?.f.length).toBeGreaterThan(0);
    fixture.raw[MODEL_PATH] = JSON.stringify(model);
    const engine = createEngine(buildKnowledge(toFiles(fixture)));
    const fit = predictLogits(fitted, examples, DEFAULT_FIT.textScale);
    texts.forEach(([text], i) => {
      const ranked = engine.diagnose(text, { now: NOW }).outcome.ranked;
      expect(ranked.length).toBeGreaterThan(1);
      // temperature 1: a cause's score is its logit, likelihood included (weights are stored rounded)
      for (const r of ranked) expect(r.score).toBeCloseTo(fit[i]![causeIds.indexOf(r.causeId)]!, 1);
    });
  });
});
